// SPDX-License-Identifier: Apache-2.0
package io.redflag.plugins.samples.taken;

import io.redflag.plugins.samples.ToyScannerBase;
import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.PackageScanner;
import io.redflag.scanner.propertytypes.AgentOnly;
import io.redflag.scanner.propertytypes.ScannerType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Runs {@code toy list} through the platform's runner. */
@Component(service = PackageScanner.class)
@ScannerType(ecosystem = "apt")
@AgentOnly
public final class TakenScanner extends ToyScannerBase {

    @Activate
    public TakenScanner(@Reference CommandRunner runner) {
        super(runner);
    }
}
