// SPDX-License-Identifier: Apache-2.0
/**
 * Commands and scheduling: scans fall due per agent subsystem and become signed commands at check-in;
 * operators queue dry runs and plan-bound installs; agents' results are stored once per command.
 */
@Export
@Version("1.5.0")
package io.redflag.server.commands;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
