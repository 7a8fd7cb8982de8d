// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.testkit.framework;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.redflag.scanner.HostReadings;
import io.redflag.scanner.PackageScanner;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.propertytypes.ScannerType;
import io.redflag.scanner.propertytypes.SubsystemType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * What both sides check: the plug-in resolves with the platform's bundles alone, takes the platform's packages
 * from the api only, within a range it states (one major version), and no other plug-in of the platform claims its
 * ecosystem. The framework is built once per test class ({@link PerClass}); the plug-in jar is
 * {@link PlatformOptions#pluginJar()} unless {@link #pluginJar()} says otherwise.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class PlatformConformance {

    static final String API = "io.redflag.api";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern FLOOR = Pattern.compile("\\(version>=([^)]+)\\)");
    private static final Pattern CEILING = Pattern.compile("\\(!\\(version>=([^)]+)\\)\\)");
    private static final Pattern CEILING_INCLUSIVE = Pattern.compile("\\(version<=([^)]+)\\)");

    /** The side this suite plays. */
    protected abstract PlatformOptions.Side side();

    /** The plug-in's jar (outside the framework, when the options are made). */
    protected Path pluginJar() {
        return PlatformOptions.pluginJar();
    }

    /** Pax Exam's configuration: the side's platform with the plug-in. */
    @Configuration
    public Option[] platform() {
        return PlatformOptions.of(side(), pluginJar());
    }

    /** The test's bundle context, inside the framework. */
    protected final BundleContext context() {
        return FrameworkUtil.getBundle(getClass()).getBundleContext();
    }

    /** A bundle of the framework by symbolic name. */
    protected final Bundle bundle(String bsn) {
        return Arrays.stream(context().getBundles()).filter(b -> bsn.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + bsn + " in the framework"));
    }

    /** The plug-in's bundle, started: a plug-in that does not resolve fails here with the framework's words. */
    protected final Bundle plugin() {
        Bundle b = bundle(context().getProperty(PlatformOptions.PLUGIN_BSN));
        if (b.getState() != Bundle.ACTIVE) {
            try {
                b.start();
            } catch (BundleException e) {
                // no cause: Pax Exam would report the cause's words instead of these
                throw new AssertionError("the plug-in " + b.getSymbolicName() + " does not start on the " + sideName()
                        + "'s platform: " + e.getMessage());
            }
        }
        return b;
    }

    final String sideName() {
        return context().getProperty(PlatformOptions.SIDE);
    }

    /** The ecosystems the plug-in describes (a bundle may hold several subsystems), sorted. */
    protected final List<String> ecosystems() {
        return descriptors().stream().map(r -> (String) r.getProperty(SubsystemType.ECOSYSTEM)).sorted().toList();
    }

    /** The plug-in's own descriptor services: at least one. */
    protected final List<ServiceReference<SubsystemDescriptor>> descriptors() {
        Bundle b = plugin();
        return await(() -> {
            List<ServiceReference<SubsystemDescriptor>> own = ownServices(b, SubsystemDescriptor.class).stream()
                    .filter(r -> r.getProperty(SubsystemType.ECOSYSTEM) != null).toList();
            return own.isEmpty() ? null : own;
        }, "the plug-in's SubsystemDescriptor service with " + SubsystemType.ECOSYSTEM + " (a component providing"
                + " SubsystemDescriptor, annotated with @SubsystemType, that needs nothing)");
    }

    /** The services of a type that {@code b} registered. */
    protected final <T> List<ServiceReference<T>> ownServices(Bundle b, Class<T> type) {
        try {
            List<ServiceReference<T>> out = new ArrayList<>();
            for (ServiceReference<T> r : context().getServiceReferences(type, null)) {
                if (r.getBundle() != null && r.getBundle().getBundleId() == b.getBundleId()) {
                    out.add(r);
                }
            }
            return out;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plug-in's scanner or readings services (those that act on the host). */
    protected final List<ServiceReference<?>> actingServices(Bundle b) {
        List<ServiceReference<?>> out = new ArrayList<>(ownServices(b, PackageScanner.class));
        out.addAll(ownServices(b, HostReadings.class));
        return out;
    }

    /** Polls until {@code probe} gives a value, or fails saying what did not happen. */
    protected static <T> T await(Supplier<T> probe, String what) {
        return await(probe, () -> what);
    }

    /** Polls until {@code probe} gives a value, or fails saying what did not happen (said when it is known). */
    protected static <T> T await(Supplier<T> probe, Supplier<String> what) {
        Instant until = Instant.now().plus(WAIT);
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what.get());
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what.get());
            }
        }
    }

    @Test
    public void itResolvesWithTheApiAloneWithinTheRangeItClaims() {
        Bundle b = plugin();
        BundleWiring wiring = b.adapt(BundleWiring.class);
        assertNotNull("the plug-in is not resolved", wiring);
        List<String> problems = new ArrayList<>();
        boolean usesApi = false;
        for (BundleWire w : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            String pkg = (String) w.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
            String provider = w.getProvider().getBundle().getSymbolicName();
            if (pkg.startsWith("io.redflag.") && !provider.equals(API)) {
                problems.add(pkg + " is wired to " + provider + ": a plug-in may use the platform's api ("
                        + API + ") only — everything else may change in any release");
            }
            if (!provider.equals(API)) {
                continue;
            }
            usesApi = true;
            Version provided = (Version) w.getCapability().getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
            String problem = rangeProblem(pkg, w.getRequirement(), provided);
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (!usesApi) {
            problems.add("it imports nothing from " + API + ": it is no plug-in (does the build see the api?)");
        }
        if (!problems.isEmpty()) {
            fail("the plug-in " + b.getSymbolicName() + " on the " + sideName() + "'s platform:\n  " + String.join("\n  ", problems));
        }
    }

    /** Why {@code pkg}'s import range is unsafe, or null: it must have a floor and a ceiling within one major. */
    static String rangeProblem(String pkg, BundleRequirement requirement, Version provided) {
        String filter = requirement.getDirectives().getOrDefault(PackageNamespace.REQUIREMENT_FILTER_DIRECTIVE, "");
        Version floor = version(FLOOR, filter);
        Version ceiling = version(CEILING, filter);
        if (ceiling == null) {
            ceiling = version(CEILING_INCLUSIVE, filter);
        }
        if (floor == null || floor.equals(Version.emptyVersion)) {
            return "imports " + pkg + " with no lowest version: an agent with an older api, lacking what it uses, would"
                    + " take it and fail at run time (let bnd compute Import-Package)";
        }
        if (ceiling == null) {
            return "imports " + pkg + " from " + floor + " with no ceiling: the next major api, which breaks plug-ins, would"
                    + " wire too (the range should end before " + (floor.getMajor() + 1) + ".0)";
        }
        if (ceiling.getMajor() > floor.getMajor() + 1 || ceiling.getMajor() == floor.getMajor() + 1
                && (ceiling.getMinor() > 0 || ceiling.getMicro() > 0)) {
            return "imports " + pkg + " in [" + floor + "," + ceiling + "), which spans major versions of the api";
        }
        if (provided != null && (provided.compareTo(floor) < 0 || provided.compareTo(ceiling) >= 0
                && !CEILING_INCLUSIVE.matcher(filter).find())) {
            return "imports " + pkg + " in [" + floor + "," + ceiling + ") but was wired to " + provided;
        }
        return null;
    }

    private static Version version(Pattern p, String filter) {
        Matcher m = p.matcher(filter);
        return m.find() ? Version.parseVersion(m.group(1)) : null;
    }

    @Test
    public void noOtherPlugInOfThePlatformClaimsItsEcosystems() throws InvalidSyntaxException {
        Bundle b = plugin();
        List<String> ecosystems = ecosystems();
        List<String> problems = new ArrayList<>();
        for (String ecosystem : ecosystems) {
            for (ServiceReference<SubsystemDescriptor> r : context().getServiceReferences(SubsystemDescriptor.class,
                    "(" + SubsystemType.ECOSYSTEM + "=" + ecosystem + ")")) {
                if (r.getBundle().getBundleId() != b.getBundleId()) {
                    problems.add("the ecosystem " + ecosystem + " is already " + r.getBundle().getSymbolicName()
                            + "'s: choose another id (the server keys everything by it)");
                }
            }
        }
        for (ServiceReference<?> r : actingServices(b)) {
            Object eco = r.getProperty(ScannerType.ECOSYSTEM);
            if (!ecosystems.contains(eco)) {
                problems.add("its " + r.getProperty("component.name") + " acts for ecosystem " + eco
                        + ", which none of its descriptors " + ecosystems + " describes");
            }
        }
        assertTrue(String.join("\n", problems), problems.isEmpty());
    }
}
