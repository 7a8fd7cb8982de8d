// SPDX-License-Identifier: Apache-2.0
/** TUF parsing, verification and the client workflow's steps; not exported. */
package io.redflag.updates.tuf.internal;
