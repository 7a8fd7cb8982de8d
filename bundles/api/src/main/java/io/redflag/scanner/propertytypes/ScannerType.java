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
 * Marks a {@link io.redflag.scanner.PackageScanner} component: the agent reads
 * {@code scanner.ecosystem} and {@code scanner.os} from it, and bnd writes an
 * {@code io.redflag.scanner;ecosystem=…} capability so a distribution can ask the resolver for
 * "an apt scanner".
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
    /** Service property name of the OS families. */
    String OS = "scanner.os";

    /** Service property {@code scanner.ecosystem}; must equal the descriptor's ecosystem id. */
    @Attribute("ecosystem")
    String ecosystem();

    /** Service property {@code scanner.os}: OS families this scanner runs on. */
    String[] os();
}
