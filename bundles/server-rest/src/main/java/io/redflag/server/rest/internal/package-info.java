// SPDX-License-Identifier: Apache-2.0
/**
 * The REST layer of {@code /api/v1}: thin resources over the domain services, access control by
 * annotation on each resource method, one exception mapper per domain exception, and the protocol's
 * JSON. Private: nothing here is API.
 */
package io.redflag.server.rest.internal;
