// SPDX-License-Identifier: Apache-2.0
package io.redflag.plugins.samples.eager;

import io.redflag.plugins.samples.ToyDescriptorBase;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.propertytypes.SubsystemType;
import org.osgi.service.component.annotations.Component;

/** Its scanner does not wait for the agent runtime (no @AgentOnly): it would scan the server. */
@Component(service = SubsystemDescriptor.class)
@SubsystemType(ecosystem = "eager", displayName = "Toy (eager)", os = "linux",
        defaultIntervalSeconds = 3600)
public final class EagerDescriptor extends ToyDescriptorBase {}
