// SPDX-License-Identifier: Apache-2.0
/** The tuf-conformance client-under-test command line; not exported, run with {@code java -cp}. */
package io.redflag.updates.tuf.cli;
