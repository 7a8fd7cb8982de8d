// SPDX-License-Identifier: Apache-2.0
/** REST resources under /api/v1: thin DS components delegating to the core services. */
package io.redflag.server.internal.rest;
