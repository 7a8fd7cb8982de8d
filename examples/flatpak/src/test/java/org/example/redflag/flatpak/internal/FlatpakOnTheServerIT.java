// SPDX-License-Identifier: Apache-2.0
package org.example.redflag.flatpak.internal;

import io.redflag.scanner.testkit.framework.ServerSideConformance;

/**
 * The built bundle among the RedFlag server's own bundles, in a real framework: it resolves with the api alone, its
 * descriptor is active and the server's catalog lists "flatpak" as it describes it, its scanner stays inactive.
 */
public class FlatpakOnTheServerIT extends ServerSideConformance {
}
