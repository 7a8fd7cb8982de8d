// SPDX-License-Identifier: Apache-2.0
package io.redflag.signing.internal;

import io.redflag.signing.Signer;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's signing key. Generated on first start in the configured key directory (never shipped,
 * never a default), kept as PKCS#8 DER readable by the owner only. Without a configured directory
 * there is no signer: that is how the agent runtime ends up with a verifier only.
 */
@Component(service = Signer.class, configurationPolicy = ConfigurationPolicy.REQUIRE, configurationPid = KeyFileSigner.PID)
@Designate(ocd = KeyFileSigner.Config.class)
public final class KeyFileSigner implements Signer {

    static final String PID = "io.redflag.signing.server";
    static final String KEY_FILE = "signing-key.ed25519.pk8";
    private static final Logger LOG = LoggerFactory.getLogger(KeyFileSigner.class);

    @ObjectClassDefinition(name = "RedFlag server signing key")
    public @interface Config {
        @AttributeDefinition(description = "Directory holding the server's Ed25519 private key (created 0700, key 0600)")
        String key_dir();
    }

    private final Ed25519PrivateKeyParameters key;
    private final String publicKey;
    private final String keyId;

    @Activate
    public KeyFileSigner(Config config) throws IOException {
        Path dir = Path.of(config.key_dir());
        this.key = loadOrCreate(dir);
        this.publicKey = Ed25519Keys.encode(key.generatePublicKey());
        this.keyId = Ed25519Keys.keyId(publicKey);
        LOG.info("Signing with Ed25519 key {}", keyId);
    }

    static Ed25519PrivateKeyParameters loadOrCreate(Path dir) throws IOException {
        Path file = dir.resolve(KEY_FILE);
        if (!Files.exists(file)) {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            Ed25519PrivateKeyParameters fresh = new Ed25519PrivateKeyParameters(new SecureRandom());
            byte[] der = PrivateKeyInfoFactory.createPrivateKeyInfo(fresh).getEncoded();
            // written whole to a 0600 temp file, then published with a hard link: unlike a rename, a link
            // fails when the name exists, so of two nodes starting together exactly one key wins, the
            // other reads it, and nobody ever sees half a key or a key readable by others
            Path tmp = Files.createTempFile(dir, "key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(tmp, der);
                Files.createLink(file, tmp);
                LOG.info("Generated a new server signing key in {}", dir);
            } catch (FileAlreadyExistsException e) {
                LOG.debug("Another node created the signing key first; using it");
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        var perms = Files.getPosixFilePermissions(file);
        if (!perms.equals(PosixFilePermissions.fromString("rw-------"))) {
            throw new IOException("refusing signing key " + file + " with permissions "
                    + PosixFilePermissions.toString(perms) + "; it must be rw------- (chmod 600)");
        }
        var parsed = PrivateKeyFactory.createKey(Files.readAllBytes(file));
        if (!(parsed instanceof Ed25519PrivateKeyParameters)) {
            throw new IOException(file + " does not hold an Ed25519 private key");
        }
        return (Ed25519PrivateKeyParameters) parsed;
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public String publicKey() {
        return publicKey;
    }

    @Override
    public String sign(byte[] data) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(data, 0, data.length);
        return Base64.getEncoder().encodeToString(signer.generateSignature());
    }
}
