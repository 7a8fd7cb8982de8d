// SPDX-License-Identifier: Apache-2.0
/** The console's registration with the HTTP whiteboard; the pages themselves are in {@code /web}. */
package io.redflag.console.internal;
