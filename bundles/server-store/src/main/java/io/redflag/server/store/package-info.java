// SPDX-License-Identifier: Apache-2.0
/**
 * The server's PostgreSQL and its audit log, shared by the server's domain bundles (identity,
 * inventory, commands, and later updates and binding). Holds every schema migration, so one bundle
 * owns the schema's history.
 */
@Export
@Version("1.3.0")
package io.redflag.server.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
