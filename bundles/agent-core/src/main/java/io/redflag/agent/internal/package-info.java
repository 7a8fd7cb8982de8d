// SPDX-License-Identifier: Apache-2.0
/** The agent runtime: private to this bundle. */
package io.redflag.agent.internal;
