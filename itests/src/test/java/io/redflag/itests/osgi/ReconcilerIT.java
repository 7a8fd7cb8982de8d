// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redflag.itests.TestPlugins;
import io.redflag.protocol.DesiredBundleDTO;
import io.redflag.protocol.DesiredStateDTO;
import io.redflag.updates.BundleReconciler;
import io.redflag.updates.InPlaceBundles;
import io.redflag.updates.tuf.Ed25519Signer;
import io.redflag.updates.tuf.Fetcher;
import io.redflag.updates.tuf.RepositoryLayout;
import io.redflag.updates.tuf.RootBuilder;
import io.redflag.updates.tuf.SignedMetadata;
import io.redflag.updates.tuf.SnapshotBuilder;
import io.redflag.updates.tuf.TargetsBuilder;
import io.redflag.updates.tuf.TimestampBuilder;
import io.redflag.updates.tuf.TufClient;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The agent's reconciler in the agent's own framework against a repository signed with the real TUF builders: it
 * installs only what the signed metadata vouches for. A desired state that lies about the bytes, bytes changed on
 * the way, and expired metadata are each refused with the running state left exactly as it was (an expired
 * repository never makes the agent remove anything); what the desired state drops goes.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ReconcilerIT {

    private static final String TARGET = "bundles/" + TestPlugins.NAME + "/1.0.0.jar";

    @Inject
    BundleContext ctx;

    @Inject
    InPlaceBundles bundles;

    @Configuration
    public Option[] config() throws Exception {
        Path plugins = Files.createTempDirectory("reconciler-plugins");
        TestPlugins.buildTo(plugins, "1.0.0", TestPlugins.Kind.WORKS);
        return AgentDistribution.options(systemProperty("redflag.test.plugins").value(plugins.toString()));
    }

    /** A one-version repository: its files by name, as a server serves them. */
    private static final class Repository implements Fetcher {
        final Map<String, byte[]> files = new HashMap<>();
        final byte[] root;

        Repository(byte[] jar, Instant expires) throws Exception {
            Ed25519Signer rootKey = Ed25519Signer.generate();
            Ed25519Signer online = Ed25519Signer.generate();
            RootBuilder rb = new RootBuilder().version(1).expires(expires.plus(365, ChronoUnit.DAYS)).consistentSnapshot(true)
                    .addKey(RepositoryLayout.ROOT, rootKey.key()).threshold(RepositoryLayout.ROOT, 1);
            for (String role : List.of(RepositoryLayout.TARGETS, RepositoryLayout.SNAPSHOT, RepositoryLayout.TIMESTAMP)) {
                rb.addKey(role, online.key()).threshold(role, 1);
            }
            root = SignedMetadata.sign(rb.build(), rootKey);
            ObjectNode custom = JsonNodeFactory.instance.objectNode().put("symbolicName", TestPlugins.NAME).put("version", "1.0.0");
            byte[] targets = SignedMetadata.sign(new TargetsBuilder().version(1).expires(expires).addTarget(TARGET, jar, custom)
                    .build(), online);
            byte[] snapshot = SignedMetadata.sign(new SnapshotBuilder().version(1).expires(expires)
                    .meta(RepositoryLayout.TARGETS, 1, targets).build(), online);
            byte[] timestamp = SignedMetadata.sign(new TimestampBuilder().version(1).expires(expires).snapshot(1, snapshot).build(),
                    online);
            files.put("1.root.json", root);
            files.put("1.targets.json", targets);
            files.put("1.snapshot.json", snapshot);
            files.put("timestamp.json", timestamp);
            files.put(RepositoryLayout.targetFile(TARGET, sha256(jar)), jar);
        }

        @Override
        public InputStream fetchMetadata(String fileName) throws FileNotFoundException {
            return open(fileName);
        }

        @Override
        public InputStream fetchTarget(String path) throws FileNotFoundException {
            return open(path);
        }

        private InputStream open(String name) throws FileNotFoundException {
            byte[] b = files.get(name);
            if (b == null) {
                throw new FileNotFoundException(name);
            }
            return new ByteArrayInputStream(b);
        }
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static byte[] plugin() throws Exception {
        return Files.readAllBytes(Path.of(System.getProperty("redflag.test.plugins"), TestPlugins.NAME + "-1.0.0-works.jar"));
    }

    private BundleReconciler reconciler(Repository repo) throws Exception {
        Path dir = Files.createTempDirectory("reconciler");
        TufClient.initialize(dir.resolve("metadata"), repo.root);
        return new BundleReconciler(bundles, TufClient.builder(dir.resolve("metadata"), repo).build(), dir.resolve("targets"));
    }

    private static DesiredStateDTO desired(String hash, byte[] jar) throws Exception {
        DesiredStateDTO d = new DesiredStateDTO();
        d.hash = hash;
        if (jar != null) {
            DesiredBundleDTO b = new DesiredBundleDTO();
            b.symbolicName = TestPlugins.NAME;
            b.version = "1.0.0";
            b.sha256 = sha256(jar);
            b.length = jar.length;
            b.target = TARGET;
            d.bundles.add(b);
        }
        return d;
    }

    private Bundle snap() {
        return Arrays.stream(ctx.getBundles()).filter(b -> TestPlugins.NAME.equals(b.getSymbolicName())).findFirst().orElse(null);
    }

    @Test
    public void whatTheSignedMetadataVouchesForComesInAndWhatTheDesiredStateDropsGoes() throws Exception {
        byte[] jar = plugin();
        BundleReconciler r = reconciler(new Repository(jar, Instant.now().plus(1, ChronoUnit.DAYS)));
        BundleReconciler.Outcome in = r.reconcile(desired("h1", jar));
        assertEquals(in.problems().toString(), "h1", in.applied());
        assertEquals(1, in.swaps().size());
        assertEquals(Bundle.ACTIVE, snap().getState());

        BundleReconciler.Outcome again = r.reconcile(desired("h1", jar));
        assertEquals("h1", again.applied());
        assertTrue("nothing to do the second time", again.swaps().isEmpty());

        BundleReconciler.Outcome out = r.reconcile(desired("h2", null));
        assertEquals("h2", out.applied());
        assertEquals(List.of(TestPlugins.NAME + " 1.0.0"), out.removed());
        assertNull(snap());
    }

    @Test
    public void aDesiredStateThatLiesAboutTheBytesIsRefused() throws Exception {
        byte[] jar = plugin();
        BundleReconciler r = reconciler(new Repository(jar, Instant.now().plus(1, ChronoUnit.DAYS)));
        DesiredStateDTO lying = desired("h1", jar);
        lying.bundles.get(0).sha256 = "0".repeat(64);
        BundleReconciler.Outcome o = r.reconcile(lying);
        assertNull("tried again later", o.applied());
        assertTrue(o.problems().toString(), o.problems().get(0).contains("are not the signed ones"));
        assertNull(snap());
    }

    @Test
    public void bytesChangedOnTheWayAreRefused() throws Exception {
        byte[] jar = plugin();
        Repository repo = new Repository(jar, Instant.now().plus(1, ChronoUnit.DAYS));
        byte[] evil = jar.clone();
        evil[evil.length / 2] ^= 1;
        repo.files.put(RepositoryLayout.targetFile(TARGET, sha256(jar)), evil);
        BundleReconciler.Outcome o = reconciler(repo).reconcile(desired("h1", jar));
        assertNull(o.applied());
        assertTrue(o.problems().toString(), o.problems().get(0).contains("the metadata says"));
        assertNull(snap());
    }

    @Test
    public void expiredMetadataBlocksNewBundlesButRemovesNothing() throws Exception {
        byte[] jar = plugin();
        BundleReconciler fresh = reconciler(new Repository(jar, Instant.now().plus(1, ChronoUnit.DAYS)));
        assertEquals("h1", fresh.reconcile(desired("h1", jar)).applied());
        assertNotNull(snap());

        BundleReconciler frozen = reconciler(new Repository(jar, Instant.now().minus(1, ChronoUnit.HOURS)));
        BundleReconciler.Outcome o = frozen.reconcile(desired("h2", null)); // would remove the plug-in, if it were trusted
        assertNull(o.applied());
        assertTrue(o.problems().toString(), o.problems().get(0).contains("expired"));
        assertTrue(o.removed().isEmpty());
        assertEquals("still running", Bundle.ACTIVE, snap().getState());
        bundles.remove(TestPlugins.NAME);
    }
}
