// SPDX-License-Identifier: Apache-2.0
package io.redflag.plugins.samples.internal;

import io.redflag.plugins.samples.ToyDescriptorBase;
import io.redflag.protocol.WireEnums;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.propertytypes.SubsystemType;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** It uses a platform package that is not the api (the protocol's). */
@Component(service = SubsystemDescriptor.class)
@SubsystemType(ecosystem = "internal", displayName = "Toy (internal)", os = "linux",
        defaultIntervalSeconds = 3600)
public final class InternalDescriptor extends ToyDescriptorBase {

    @Override
    public Map<String, String> defaultConfiguration() {
        return Map.of("severity", WireEnums.parse(io.redflag.scanner.Severity.class, "high").toString());
    }
}
