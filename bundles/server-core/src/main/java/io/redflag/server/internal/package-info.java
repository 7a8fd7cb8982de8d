// SPDX-License-Identifier: Apache-2.0
/** The server core: private to this bundle. */
package io.redflag.server.internal;
