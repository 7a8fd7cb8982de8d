// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.propertytypes;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.annotation.bundle.Attribute;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Marks a {@link io.redflag.scanner.PackageScanner} or {@link io.redflag.scanner.HostReadings} component with the
 * ecosystem it serves; everything else about the subsystem (platforms, interval, kind) is on its descriptor's
 * {@link SubsystemType}. bnd writes an {@code io.redflag.scanner;ecosystem=…} capability so a distribution can
 * ask the resolver for "an apt scanner". Use it with {@link AgentOnly}.
 */
@ComponentPropertyType
@Capability(namespace = ScannerType.NAMESPACE)
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ScannerType {
    /** Capability namespace of scanner plug-ins. */
    String NAMESPACE = "io.redflag.scanner";
    /** Prefix of the service properties. */
    String PREFIX_ = "scanner.";
    /** Service property name of the ecosystem. */
    String ECOSYSTEM = "scanner.ecosystem";

    /** Service property {@code scanner.ecosystem}; must equal the descriptor's {@link SubsystemType#ecosystem()}. */
    @Attribute("ecosystem")
    String ecosystem();
}
