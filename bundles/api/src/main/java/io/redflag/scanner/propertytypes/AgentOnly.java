// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.propertytypes;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Makes a component active only in the agent runtime: it is satisfied by the OSGi condition
 * {@value #CONDITION_ID}, which only the agent registers (DS 1.5 satisfying condition). Put it on every
 * component that acts on the host ({@link io.redflag.scanner.PackageScanner}, {@link io.redflag.scanner.HostReadings}),
 * so the same jar deployed on the server offers only its descriptor there.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface AgentOnly {
    /** Prefix of the service property: {@code osgi.ds.satisfying.condition.target}. */
    String PREFIX_ = "osgi.ds.";
    /** The id of the condition the agent runtime registers. */
    String CONDITION_ID = "io.redflag.agent";

    /** The condition this component waits for; leave the default. */
    String satisfying_condition_target() default "(osgi.condition.id=" + CONDITION_ID + ")";
}
