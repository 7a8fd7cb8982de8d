// SPDX-License-Identifier: Apache-2.0
package io.redflag.plugins.samples.windows;

import io.redflag.plugins.samples.ToyDescriptorBase;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.propertytypes.SubsystemType;
import org.osgi.service.component.annotations.Component;

/** A well-made plug-in for another OS than the build's. */
@Component(service = SubsystemDescriptor.class)
@SubsystemType(ecosystem = "toy-windows", displayName = "Toy (windows)", os = "windows",
        defaultIntervalSeconds = 3600)
public final class WindowsDescriptor extends ToyDescriptorBase {}
