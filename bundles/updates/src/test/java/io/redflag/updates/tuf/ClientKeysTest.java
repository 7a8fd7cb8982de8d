// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import static io.redflag.updates.tuf.RepositoryLayout.ROOT;
import static io.redflag.updates.tuf.RepositoryLayout.SNAPSHOT;
import static io.redflag.updates.tuf.RepositoryLayout.TARGETS;
import static io.redflag.updates.tuf.RepositoryLayout.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redflag.updates.tuf.TufException.Reason;
import io.redflag.updates.tuf.internal.Json;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Thresholds and key types, after tuf-conformance's test_keys.py. */
class ClientKeysTest extends ClientTestSupport {

    @Test
    void aSnapshotBelowItsThresholdIsRefused() throws Exception {
        repo.root.threshold(SNAPSHOT, 3);
        repo.addKey(SNAPSHOT);
        repo.addKey(SNAPSHOT);
        repo.publish(ROOT, TARGETS, SNAPSHOT, TIMESTAMP);
        refresh();
        repo.signers.get(SNAPSHOT).remove(repo.signers.get(SNAPSHOT).keySet().iterator().next());
        repo.publish(TARGETS, SNAPSHOT, TIMESTAMP);

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.THRESHOLD_NOT_MET);
        assertThat(e.role()).contains(SNAPSHOT);
        assertThat(e.getMessage()).contains("2 valid signature(s) of 3 needed");
        assertThat(trustedVersion(SNAPSHOT)).isEqualTo(2);
    }

    @Test
    void aThresholdHigherThanTheKeysCanNeverBeMet() throws Exception {
        for (int i = 0; i < 4; i++) {
            repo.addKey(SNAPSHOT);
        }
        repo.root.threshold(SNAPSHOT, 6);
        repo.publish(ROOT, SNAPSHOT, TIMESTAMP);

        assertThat(refreshFails().getMessage()).contains("5 valid signature(s) of 6 needed");
        assertThat(trustedVersion(ROOT)).isEqualTo(2);
        assertThat(trustedVersion(SNAPSHOT)).isNull();
    }

    @Test
    void aKeyListedManyTimesCountsOnce() throws Exception {
        Ed25519Signer signer = Ed25519Signer.generate();
        repo.root.addKey(SNAPSHOT, signer.key());
        repo.addSigner(SNAPSHOT, signer);
        repo.root.threshold(SNAPSHOT, 2);
        repo.tamper.put(ROOT, r -> {
            ArrayNode ids = (ArrayNode) r.at("/roles/snapshot/keyids");
            for (int i = 0; i < 8; i++) {
                ids.add(signer.key().keyId());
            }
            return r;
        });
        repo.signers.get(SNAPSHOT).keySet().removeIf(id -> !id.equals(signer.key().keyId()));
        repo.publish(ROOT, SNAPSHOT, TIMESTAMP);

        assertThat(refreshFails().getMessage()).contains("snapshot v2: 1 valid signature(s) of 2 needed");
        assertThat(trustedVersion(SNAPSHOT)).isNull();
    }

    @Test
    void oneKeyListedUnderTwoIdsCountsOnce() throws Exception {
        Ed25519Signer signer = Ed25519Signer.generate();
        String alias = "a".repeat(64);
        repo.root.threshold(SNAPSHOT, 2);
        repo.root.clearKeys(SNAPSHOT);
        repo.root.addKey(SNAPSHOT, signer.key());
        repo.signers.get(SNAPSHOT).clear();
        repo.addSigner(SNAPSHOT, signer);
        repo.tamper.put(ROOT, r -> {
            ((ObjectNode) r.get("keys")).set(alias, signer.key().toJson());
            ((ArrayNode) r.at("/roles/snapshot/keyids")).add(alias);
            return r;
        });
        repo.publish(ROOT, SNAPSHOT, TIMESTAMP);
        // the same signature again, under the alias
        ObjectNode md = Json.parseObject(repo.latest(SNAPSHOT), null);
        ObjectNode copy = ((ObjectNode) md.get("signatures").get(0)).deepCopy().put("keyid", alias);
        ((ArrayNode) md.get("signatures")).add(copy);
        repo.replaceLatest(SNAPSHOT, Json.MAPPER.writeValueAsBytes(md));

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.THRESHOLD_NOT_MET);
        assertThat(e.getMessage()).contains("1 valid signature(s) of 2 needed");
    }

    @Test
    void twoSignaturesWithTheSameKeyIdAreRefused() throws Exception {
        ObjectNode md = Json.parseObject(repo.latest(SNAPSHOT), null);
        ((ArrayNode) md.get("signatures")).add(md.get("signatures").get(0).deepCopy());
        repo.replaceLatest(SNAPSHOT, Json.MAPPER.writeValueAsBytes(md));

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e.getMessage()).contains("two signatures with key id");
        assertThat(trustedVersion(SNAPSHOT)).isNull();
    }

    @Test
    void aSignatureByAKeyNotListedForTheRoleDoesNotCount() throws Exception {
        // signed by the timestamp key, which root does not authorize for snapshot
        repo.signers.get(SNAPSHOT).clear();
        repo.addSigner(SNAPSHOT, repo.signers.get(TIMESTAMP).values().iterator().next());
        repo.publish(SNAPSHOT, TIMESTAMP);

        assertThat(refreshFails().getMessage()).contains("0 valid signature(s) of 1 needed");
    }

    @Test
    void aSignatureByAnUnknownKeyDoesNotCount() throws Exception {
        repo.signers.get(SNAPSHOT).clear();
        repo.addSigner(SNAPSHOT, Ed25519Signer.generate());
        repo.publish(SNAPSHOT, TIMESTAMP);

        assertThat(refreshFails().reason()).isEqualTo(Reason.THRESHOLD_NOT_MET);
    }

    @Test
    void anInvalidSignatureBesideAThresholdOfValidOnesIsHarmless() throws Exception {
        repo.addKey(TIMESTAMP);
        repo.publish(ROOT, TIMESTAMP);
        String firstKey = repo.signers.get(TIMESTAMP).keySet().iterator().next();
        for (String bad : new String[] {"3045022100ee448afe2d25dd1f05afedac83a24e7df90f203615221434979153dc7cea6d4702207710"
                + "015851e571885a77db8a6e42c4b2983a59b9e1ebec91178dfa2fb0d42ab8", "", "not hex at all"}) {
            ObjectNode md = Json.parseObject(repo.latest(TIMESTAMP), null);
            for (var sig : md.get("signatures")) {
                if (sig.get("keyid").textValue().equals(firstKey)) {
                    ((ObjectNode) sig).put("sig", bad);
                }
            }
            repo.replaceLatest(TIMESTAMP, Json.MAPPER.writeValueAsBytes(md));

            refresh();

            repo.publish(TIMESTAMP);
        }
        assertThat(trustedVersion(TIMESTAMP)).isEqualTo(4);
    }

    static Stream<Arguments> keyTypes() throws Exception {
        return Stream.of(
                Arguments.of("ed25519", Ed25519Signer.generate()),
                Arguments.of("ecdsa P-256", JcaSigner.ecdsa()),
                Arguments.of("ecdsa P-256, older key type name", JcaSigner.ecdsa(TufKey.ECDSA_P256)),
                Arguments.of("rsassa-pss-sha256, digest-length salt", JcaSigner.rsaPss(32)),
                Arguments.of("rsassa-pss-sha256, maximum salt", JcaSigner.rsaPss(222)),
                Arguments.of("rsa-pkcs1v15-sha256", JcaSigner.rsaPkcs1()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyTypes")
    void eachKeyTypeVerifiesAndABadSignatureOfItIsRefused(String name, MetadataSigner signer) throws Exception {
        repo.root.addKey(ROOT, signer.key());
        repo.addSigner(ROOT, signer);
        repo.root.threshold(ROOT, 2);
        repo.publish(ROOT);
        refresh();
        assertThat(trustedVersion(ROOT)).isEqualTo(2);

        repo.publish(ROOT);
        ObjectNode md = Json.parseObject(repo.latest(ROOT), null);
        for (var sig : md.get("signatures")) {
            if (sig.get("keyid").textValue().equals(signer.key().keyId())) {
                // a well-formed signature of this type, over other data
                byte[] other = signer.sign("other data".getBytes());
                ((ObjectNode) sig).put("sig", io.redflag.updates.tuf.internal.Hex.encode(other));
            }
        }
        repo.replaceLatest(ROOT, Json.MAPPER.writeValueAsBytes(md));

        assertThat(refreshFails().getMessage()).contains("1 valid signature(s) of 2 needed");
        assertThat(trustedVersion(ROOT)).isEqualTo(2);
    }

    @Test
    void aThresholdThatNeedsAnUnsupportedKeyTypeSaysSo() throws Exception {
        TufKey odd = TufKey.of("sphincs", "sphincs-shake-128s", "00");
        repo.root.addKey(ROOT, odd);
        repo.root.threshold(ROOT, 2);
        repo.publish(ROOT);
        ObjectNode md = Json.parseObject(repo.latest(ROOT), null);
        ((ArrayNode) md.get("signatures")).addObject().put("keyid", odd.keyId()).put("sig", "abcd");
        repo.replaceLatest(ROOT, Json.MAPPER.writeValueAsBytes(md));

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_KEY);
        assertThat(e.getMessage()).contains("unsupported type or scheme");
    }

    @Test
    void anUnsupportedKeyThatIsNotNeededIsIgnored() throws Exception {
        repo.root.addKey(TIMESTAMP, TufKey.of("sphincs", "sphincs-shake-128s", "00"));
        repo.publish(ROOT, TIMESTAMP);

        refresh();

        assertThat(trustedVersion(ROOT)).isEqualTo(2);
    }
}
