// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The canonical form of a plan, so that the approved plan and the host's plan can be compared. */
public final class TransactionPlans {

    private TransactionPlans() {}

    /**
     * Hex SHA-256 over the plan's changes, one line per change, sorted so the tool's output order does
     * not matter. Notes and the requested ids are not part of it: only what happens to the host counts.
     */
    public static String hash(TransactionPlanDTO plan) {
        List<String> lines = new ArrayList<>();
        for (PackageChangeDTO c : plan.changes) {
            lines.add(String.join("\t", String.valueOf(c.action), nz(c.name), nz(c.architecture),
                    nz(c.fromVersion), nz(c.toVersion)));
        }
        lines.sort(null);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
