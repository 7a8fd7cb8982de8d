// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates;

import io.redflag.protocol.BundleInventoryDTO;
import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Bundles swapped in a running framework, without restarting it: install or update, refresh, start, and check that
 * the bundle is active and none of its components failed to activate; on any failure the previous version (or
 * nothing, for a new bundle) is restored and the failure remembered for the inventory. Never a downgrade. The
 * runtime's own base set can be updated in place but never removed.
 */
@ProviderType
public interface InPlaceBundles {

    /** Location prefix of bundles installed in place (the launcher keeps them across restarts). */
    String PLUGIN_LOCATION = "redflag:plugin:";
    /** Location prefix of the launcher's base set. */
    String BASE_LOCATION = "redflag:base:";
    /** Framework property: the start level of bundles installed in place. */
    String PLUGIN_START_LEVEL = "redflag.startlevel.plugins";

    /** What a swap did: from which version (null: newly installed) to which, and how long it took. */
    record Swap(String symbolicName, String previousVersion, String version, long millis) {}

    /**
     * Brings {@code jar} in as {@code symbolicName} at {@code version}. The jar must say it is exactly that bundle
     * and version. Already running that version with those bytes: nothing happens ({@code previousVersion} equals
     * {@code version}).
     *
     * @param sha256 the jar's SHA-256 (already verified by the caller), reported in the inventory
     * @throws SwapException the jar is another bundle or version, older than what runs, does not resolve, does not
     *                       start or a component of it fails to activate; the previous state runs again
     */
    Swap install(String symbolicName, String version, Path jar, String sha256) throws SwapException;

    /**
     * Stops and uninstalls a bundle installed in place; false when there is none of that name.
     *
     * @throws SwapException it belongs to the base set, or the framework refused
     */
    boolean remove(String symbolicName) throws SwapException;

    /** Every bundle of the framework (but the framework itself), and bundles that failed to come in. */
    List<BundleInventoryDTO> inventory();
}
