// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import io.redflag.scanner.propertytypes.AgentOnly;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.condition.Condition;

/**
 * The condition {@value AgentOnly#CONDITION_ID}: present only in the agent runtime, so that plug-in
 * components marked {@link AgentOnly} (scanners, host readers) activate here and nowhere else.
 */
@Component(service = Condition.class, property = Condition.CONDITION_ID + "=" + AgentOnly.CONDITION_ID)
public final class AgentRuntimeCondition implements Condition {
}
