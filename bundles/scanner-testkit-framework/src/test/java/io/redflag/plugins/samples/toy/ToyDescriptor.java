// SPDX-License-Identifier: Apache-2.0
package io.redflag.plugins.samples.toy;

import io.redflag.plugins.samples.ToyDescriptorBase;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.propertytypes.SubsystemType;
import org.osgi.service.component.annotations.Component;

/** A well-made plug-in: what the suite passes. */
@Component(service = SubsystemDescriptor.class)
@SubsystemType(ecosystem = "toy", displayName = "Toy (toy)", os = "linux",
        defaultIntervalSeconds = 3600)
public final class ToyDescriptor extends ToyDescriptorBase {}
