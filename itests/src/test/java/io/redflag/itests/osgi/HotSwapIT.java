// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import io.redflag.itests.TestPlugins;
import io.redflag.protocol.BundleInventoryDTO;
import io.redflag.protocol.BundleState;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.updates.InPlaceBundles;
import io.redflag.updates.SwapException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Hot-swapping a third party's scanner plug-in in the agent's own framework (its distribution's bundles, Pax Exam,
 * native Felix), probed from inside: install, swap to a newer version, and a swap that fails at each step (a
 * component that throws, an import nobody exports) leaves the previous version running; never a downgrade; the
 * runtime's own bundles are never removed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT {

    @Inject
    BundleContext ctx;

    @Inject
    InPlaceBundles bundles;

    @Configuration
    public Option[] config() throws Exception {
        Path plugins = Files.createTempDirectory("hotswap-plugins");
        TestPlugins.buildTo(plugins, "1.0.0", TestPlugins.Kind.WORKS);
        TestPlugins.buildTo(plugins, "2.0.0", TestPlugins.Kind.WORKS);
        TestPlugins.buildTo(plugins, "3.0.0", TestPlugins.Kind.FAILS_TO_ACTIVATE);
        TestPlugins.buildTo(plugins, "4.0.0", TestPlugins.Kind.UNRESOLVABLE);
        return AgentDistribution.options(systemProperty("redflag.test.plugins").value(plugins.toString()));
    }

    private static Path plugin(String version, TestPlugins.Kind kind) {
        return Path.of(System.getProperty("redflag.test.plugins"),
                TestPlugins.NAME + "-" + version + "-" + kind.name().toLowerCase() + ".jar");
    }

    private static String sha256(Path jar) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
    }

    private InPlaceBundles.Swap install(String version, TestPlugins.Kind kind) throws Exception {
        Path jar = plugin(version, kind);
        return bundles.install(TestPlugins.NAME, version, jar, sha256(jar));
    }

    /** The display name of the snap descriptor service: it carries the plug-in's version. */
    private String snapDescriptor() throws Exception {
        ServiceReference<?>[] refs = ctx.getServiceReferences(SubsystemDescriptor.class.getName(), "(subsystem.ecosystem=snap)");
        return refs == null ? null : String.valueOf(refs[0].getProperty("subsystem.displayName"));
    }

    private Bundle snap() {
        return Arrays.stream(ctx.getBundles()).filter(b -> TestPlugins.NAME.equals(b.getSymbolicName())).findFirst().orElse(null);
    }

    private BundleInventoryDTO inventoryOfSnap() {
        return bundles.inventory().stream().filter(d -> d.symbolicName.equals(TestPlugins.NAME)).findFirst().orElse(null);
    }

    @Test
    public void aSwapInterruptedByACrashIsPutBackAtTheNextStart() throws Exception {
        install("1.0.0", TestPlugins.Kind.WORKS);
        Bundle updates = Arrays.stream(ctx.getBundles()).filter(b -> "io.redflag.updates".equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        Path journal = updates.getBundleContext().getDataFile("swap-journal").toPath();
        Files.createDirectories(journal);
        // what a swap to 3.0.0 had done when the runtime died: the journal written, the bundle updated, nothing judged
        Files.copy(plugin("1.0.0", TestPlugins.Kind.WORKS), journal.resolve(TestPlugins.NAME + ".jar"));
        Files.writeString(journal.resolve(TestPlugins.NAME + ".properties"), "previous=1.0.0\ntarget=3.0.0\nfresh=false\n");
        try (var in = Files.newInputStream(plugin("3.0.0", TestPlugins.Kind.FAILS_TO_ACTIVATE))) {
            snap().update(in);
        }
        assertEquals("3.0.0", snap().getVersion().toString());

        updates.stop(); // the runtime's next start, as far as the update bundle can tell
        updates.start();
        InPlaceBundles restarted = ctx.getService(ctx.getServiceReference(InPlaceBundles.class));
        assertFalse("a second remove finds nothing: the first waited for the recovery", restarted.remove("com.example.none"));
        assertEquals("1.0.0", snap().getVersion().toString());
        assertEquals(Bundle.ACTIVE, snap().getState());
        assertEquals("Snap (test plug-in 1.0.0)", snapDescriptor());
        BundleInventoryDTO listed = restarted.inventory().stream().filter(d -> d.symbolicName.equals(TestPlugins.NAME))
                .findFirst().orElseThrow();
        assertTrue(listed.failure, listed.failure.contains("interrupted") && listed.failure.contains("1.0.0 restored"));
        assertFalse(Files.exists(journal.resolve(TestPlugins.NAME + ".properties")));
        assertTrue(restarted.remove(TestPlugins.NAME));
    }

    @Test
    public void installSwapFailSafelyNeverDowngradeRemove() throws Exception {
        InPlaceBundles.Swap first = install("1.0.0", TestPlugins.Kind.WORKS);
        assertNull(first.previousVersion());
        assertEquals(Bundle.ACTIVE, snap().getState());
        assertTrue(snap().getLocation().startsWith(InPlaceBundles.PLUGIN_LOCATION));
        assertEquals("Snap (test plug-in 1.0.0)", snapDescriptor());

        InPlaceBundles.Swap second = install("2.0.0", TestPlugins.Kind.WORKS);
        assertEquals("1.0.0", second.previousVersion());
        assertEquals("2.0.0", snap().getVersion().toString());
        assertEquals("Snap (test plug-in 2.0.0)", snapDescriptor());
        BundleInventoryDTO listed = inventoryOfSnap();
        assertEquals(BundleState.ACTIVE, listed.state);
        assertEquals(sha256(plugin("2.0.0", TestPlugins.Kind.WORKS)), listed.sha256);
        assertFalse(listed.base);
        assertNull(listed.failure);

        try {
            install("3.0.0", TestPlugins.Kind.FAILS_TO_ACTIVATE);
            fail("a plug-in whose component throws must not stay");
        } catch (SwapException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("failed to activate"));
            assertTrue(e.getMessage(), e.getMessage().contains("this build of the snap plug-in is broken"));
        }
        assertEquals("2.0.0", snap().getVersion().toString());
        assertEquals(Bundle.ACTIVE, snap().getState());
        assertEquals("Snap (test plug-in 2.0.0)", snapDescriptor());
        assertTrue(inventoryOfSnap().failure, inventoryOfSnap().failure.startsWith("3.0.0: "));

        try {
            install("4.0.0", TestPlugins.Kind.UNRESOLVABLE);
            fail("a plug-in that cannot resolve must not stay");
        } catch (SwapException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("com.example.nobody.exports.this"));
        }
        assertEquals("2.0.0", snap().getVersion().toString());
        assertEquals("Snap (test plug-in 2.0.0)", snapDescriptor());

        try {
            install("1.0.0", TestPlugins.Kind.WORKS);
            fail("never a downgrade");
        } catch (SwapException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("refusing to go back to 1.0.0"));
        }
        try {
            Path v1 = plugin("1.0.0", TestPlugins.Kind.WORKS);
            bundles.install(TestPlugins.NAME, "5.0.0", v1, sha256(v1));
            fail("a jar must be the version it is installed as");
        } catch (SwapException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("not 5.0.0"));
        }
        assertEquals(0, install("2.0.0", TestPlugins.Kind.WORKS).millis());

        try {
            bundles.remove("io.redflag.scanner.apt");
            fail("the runtime's own bundles stay");
        } catch (SwapException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("not removed"));
        }
        assertTrue(bundles.remove(TestPlugins.NAME));
        assertNull(snap());
        assertNull(snapDescriptor());
        assertFalse(bundles.remove(TestPlugins.NAME));
        assertNotNull(bundles.inventory().stream().filter(d -> d.symbolicName.equals("io.redflag.scanner.apt")).findFirst()
                .orElse(null));
    }
}
