// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registries the engine itself pulls from over plain HTTP when HTTPS fails ("insecure registries"), from
 * {@code RegistryConfig} in its {@code GET /info} answer: registries named in its {@code insecure-registries}
 * setting ({@code IndexConfigs} entries with {@code Secure: false}) and every registry whose address lies in one of
 * its {@code InsecureRegistryCIDRs}, which always hold 127.0.0.0/8. A registry named in {@code IndexConfigs}
 * is decided by that entry alone, as the engine does.
 *
 * @param secureByName "Secure" of each {@code IndexConfigs} entry, by registry name ("docker.io", "myreg:5000")
 * @param cidrs the insecure address ranges ("127.0.0.0/8", "10.1.0.0/16", "fd00::/8")
 */
record InsecureRegistries(Map<String, Boolean> secureByName, List<String> cidrs) {

    /** An engine that said nothing about registries: every registry is asked over HTTPS only. */
    static final InsecureRegistries NONE = new InsecureRegistries(Map.of(), List.of());

    /** Reads the {@code RegistryConfig} object of a {@code GET /info} answer; NONE when it has none. */
    static InsecureRegistries fromInfo(JsonNode info) {
        JsonNode config = info == null ? null : info.get("RegistryConfig");
        if (config == null || !config.isObject()) {
            return NONE;
        }
        Map<String, Boolean> secure = new HashMap<>();
        config.path("IndexConfigs").fields().forEachRemaining(e -> {
            if (e.getValue().path("Secure").isBoolean()) {
                secure.put(e.getKey(), e.getValue().get("Secure").asBoolean());
            }
        });
        List<String> cidrs = new ArrayList<>();
        config.path("InsecureRegistryCIDRs").forEach(c -> cidrs.add(c.asText()));
        return new InsecureRegistries(Map.copyOf(secure), List.copyOf(cidrs));
    }

    /**
     * True when the engine would fall back to plain HTTP for {@code domain}, a registry as written in image
     * names ("127.0.0.1:5000", "localhost:5000", "[::1]:5000", "docker.io"). A host name is resolved, as the
     * engine resolves it; one that does not resolve is not insecure.
     */
    boolean includes(String domain) {
        Boolean secure = secureByName.get(domain);
        if (secure != null) {
            return !secure;
        }
        if (cidrs.isEmpty()) {
            return false;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(hostOf(domain));
        } catch (UnknownHostException e) {
            return false;  // the look-up itself will fail with a message naming the host
        }
        for (InetAddress address : addresses) {
            for (String cidr : cidrs) {
                if (contains(cidr, address)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** "host:port" → "host", "[::1]:5000" → "::1", a name without port as it is. */
    static String hostOf(String domain) {
        if (domain.startsWith("[")) {
            int end = domain.indexOf(']');
            return end > 0 ? domain.substring(1, end) : domain;
        }
        int colon = domain.indexOf(':');
        return colon >= 0 && colon == domain.lastIndexOf(':') ? domain.substring(0, colon) : domain;
    }

    /** Whether {@code address} lies in {@code cidr} ("a.b.c.d/n" or an IPv6 prefix); false for text that is no CIDR. */
    static boolean contains(String cidr, InetAddress address) {
        int slash = cidr.indexOf('/');
        if (slash <= 0) {
            return false;
        }
        byte[] network;
        int bits;
        try {
            String literal = cidr.substring(0, slash);
            if (!literal.contains(":") && !literal.matches("[0-9.]+")) {
                return false;  // only address literals: a name here would cost a DNS look-up
            }
            network = InetAddress.getByName(literal).getAddress();
            bits = Integer.parseInt(cidr.substring(slash + 1));
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length || bits < 0 || bits > 8 * network.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((candidate[i / 8] & mask) != (network[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
