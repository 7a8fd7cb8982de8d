// SPDX-License-Identifier: Apache-2.0
/** Swapping bundles in the running framework; not exported. */
package io.redflag.updates.internal;
