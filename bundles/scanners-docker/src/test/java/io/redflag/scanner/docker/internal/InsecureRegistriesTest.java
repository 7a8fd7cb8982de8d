// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import static io.redflag.scanner.docker.internal.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class InsecureRegistriesTest {

    /** dockerd 20.10.24 started with insecure-registries ["myreg.example:5000", "10.1.0.0/16"]. */
    private final InsecureRegistries engine =
            InsecureRegistries.fromInfo(json("dockerd-20.10.24-info-insecure-registries.json"));

    @Test
    void readsWhatTheEngineSaysAboutRegistries() {
        assertThat(engine.cidrs()).containsExactly("10.1.0.0/16", "127.0.0.0/8");
        assertThat(engine.secureByName()).containsEntry("docker.io", true).containsEntry("myreg.example:5000", false);
    }

    @Test
    void loopbackConfiguredRangesAndNamedRegistriesAreInsecure() {
        assertThat(engine.includes("127.0.0.1:5000")).isTrue();
        assertThat(engine.includes("127.8.9.10")).isTrue();
        assertThat(engine.includes("localhost:5000")).as("resolves to 127.0.0.1").isTrue();
        assertThat(engine.includes("10.1.200.3:5000")).isTrue();
        assertThat(engine.includes("myreg.example:5000")).as("by its IndexConfigs entry, not resolved").isTrue();
    }

    @Test
    void everythingElseIsSecure() {
        assertThat(engine.includes("docker.io")).isFalse();
        assertThat(engine.includes("10.2.0.1:5000")).isFalse();
        assertThat(engine.includes("192.0.2.7")).isFalse();
        assertThat(engine.includes("[::1]:5000")).as("the engine's default range is IPv4 only").isFalse();
        assertThat(engine.includes("myreg.example:5001")).as("another port is another registry").isFalse();
        assertThat(InsecureRegistries.NONE.includes("127.0.0.1:5000")).isFalse();
        assertThat(InsecureRegistries.fromInfo(json("watchtower-containers-json.json"))).isEqualTo(InsecureRegistries.NONE);
    }

    @Test
    void rangesOfBothFamilies() throws Exception {
        assertThat(InsecureRegistries.contains("fd00::/8", InetAddress.getByName("fd12::1"))).isTrue();
        assertThat(InsecureRegistries.contains("fd00::/8", InetAddress.getByName("fe80::1"))).isFalse();
        assertThat(InsecureRegistries.contains("10.1.0.0/16", InetAddress.getByName("10.1.255.255"))).isTrue();
        assertThat(InsecureRegistries.contains("10.1.0.0/16", InetAddress.getByName("10.0.255.255"))).isFalse();
        assertThat(InsecureRegistries.contains("0.0.0.0/0", InetAddress.getByName("192.0.2.1"))).isTrue();
        assertThat(InsecureRegistries.contains("10.1.0.0/16", InetAddress.getByName("::1"))).isFalse();
        assertThat(InsecureRegistries.contains("not a range", InetAddress.getByName("10.1.0.1"))).isFalse();
        assertThat(InsecureRegistries.hostOf("[::1]:5000")).isEqualTo("::1");
        assertThat(InsecureRegistries.hostOf("registry:5000")).isEqualTo("registry");
        assertThat(InsecureRegistries.hostOf("ghcr.io")).isEqualTo("ghcr.io");
    }
}
