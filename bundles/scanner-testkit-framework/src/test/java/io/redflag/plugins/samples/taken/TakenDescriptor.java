// SPDX-License-Identifier: Apache-2.0
package io.redflag.plugins.samples.taken;

import io.redflag.plugins.samples.ToyDescriptorBase;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.propertytypes.SubsystemType;
import org.osgi.service.component.annotations.Component;

/** Its ecosystem is one the platform already has. */
@Component(service = SubsystemDescriptor.class)
@SubsystemType(ecosystem = "apt", displayName = "Toy (taken)", os = "linux",
        defaultIntervalSeconds = 3600)
public final class TakenDescriptor extends ToyDescriptorBase {}
