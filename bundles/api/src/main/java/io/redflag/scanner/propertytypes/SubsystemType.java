// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.propertytypes;

import io.redflag.scanner.SubsystemKind;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.annotation.bundle.Attribute;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Describes a {@link io.redflag.scanner.SubsystemDescriptor} component: the one place a plug-in says what its
 * subsystem is. The server's catalog and the agent's registry read these service properties; nothing else
 * repeats them. bnd also writes an {@code io.redflag.subsystem;ecosystem=…} capability, so a distribution can
 * ask the resolver for "the apt subsystem".
 * <pre>
 * &#64;Component(service = SubsystemDescriptor.class)
 * &#64;SubsystemType(ecosystem = "snap", displayName = "Snap", os = "linux", defaultIntervalSeconds = 21600)
 * public final class SnapDescriptor implements SubsystemDescriptor { … }
 * </pre>
 */
@ComponentPropertyType
@Capability(namespace = SubsystemType.NAMESPACE)
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface SubsystemType {
    /** Capability namespace of subsystem descriptors. */
    String NAMESPACE = "io.redflag.subsystem";
    /** Prefix of the service properties. */
    String PREFIX_ = "subsystem.";
    /** Service property of {@link #ecosystem()}. */
    String ECOSYSTEM = "subsystem.ecosystem";
    /** Service property of {@link #displayName()}. */
    String DISPLAY_NAME = "subsystem.displayName";
    /** Service property of {@link #os()}. */
    String OS = "subsystem.os";
    /** Service property of {@link #defaultIntervalSeconds()}. */
    String DEFAULT_INTERVAL_SECONDS = "subsystem.defaultIntervalSeconds";
    /** Service property of {@link #kind()}. */
    String KIND = "subsystem.kind";

    /** The ecosystem id: lower case, stable, unique ("apt", "dnf", "winget", …); the scanner's {@code scanner.ecosystem}. */
    @Attribute("ecosystem")
    String ecosystem();

    /** A name for people ("APT (Debian, Ubuntu)"). */
    String displayName();

    /** OS families the scanner runs on: "linux", "windows", "darwin". */
    String[] os();

    /** How often the server schedules a scan unless the operator says otherwise; at least 60. */
    long defaultIntervalSeconds();

    /** Whether the records are installable updates (the default) or readings of the host. */
    SubsystemKind kind() default SubsystemKind.UPDATES;
}
