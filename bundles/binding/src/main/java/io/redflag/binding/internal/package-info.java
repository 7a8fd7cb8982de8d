// SPDX-License-Identifier: Apache-2.0
/** Implementation of proofs of possession; not exported. */
package io.redflag.binding.internal;
