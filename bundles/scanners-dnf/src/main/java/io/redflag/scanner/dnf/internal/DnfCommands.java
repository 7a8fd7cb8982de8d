// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The dnf and rpm command lines of one call: on the host itself, or inside the install root the operator
 * configured ({@value DnfDescriptor#CONFIG_INSTALLROOT}), a system tree dnf and rpm manage as if chrooted
 * (an image being prepared, a container's root). dnf then also reads its repositories, cache and logs from
 * that root, and rpm its database.
 *
 * @param installRoot the absolute install root, or null for the host
 */
record DnfCommands(String installRoot) {

    /** The host's own dnf and rpm. */
    static final DnfCommands HOST = new DnfCommands(null);

    /**
     * The commands for {@code ctx}. A blank {@value DnfDescriptor#CONFIG_INSTALLROOT} means the host.
     *
     * @throws ScanException if the configured root is not a plain absolute path to an existing directory
     */
    static DnfCommands of(ScanContext ctx) throws ScanException {
        Map<String, String> config = ctx.configuration();
        String root = config == null ? null : config.get(DnfDescriptor.CONFIG_INSTALLROOT);
        if (root == null || root.isBlank()) {
            return HOST;
        }
        return new DnfCommands(checkedRoot(root));
    }

    /** True when the commands act on the host itself, not on an install root. */
    boolean onHost() {
        return installRoot == null;
    }

    /** {@code dnf [--installroot=ROOT] ARG…}. */
    List<String> dnf(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("dnf"));
        if (installRoot != null) {
            // one token: the value can never be taken for a separate argument
            cmd.add("--installroot=" + installRoot);
        }
        cmd.addAll(args);
        return cmd;
    }

    /** {@code dnf [--installroot=ROOT] ARG… ID…}. */
    List<String> dnf(List<String> args, List<String> ids) {
        List<String> cmd = dnf(args);
        cmd.addAll(ids);
        return cmd;
    }

    /** {@code rpm [--root=ROOT] -q --qf FORMAT NAME…}: installed versions (see {@link InstalledVersions}). */
    List<String> rpmQuery(Collection<String> names) {
        List<String> cmd = new ArrayList<>(InstalledVersions.command(names));
        if (installRoot != null) {
            cmd.add(1, "--root=" + installRoot);
        }
        return cmd;
    }

    /**
     * The root exactly as configured, if it is safe to hand to dnf and rpm: an absolute path without
     * white space, control characters or {@code .}/{@code ..} segments, naming an existing directory (dnf
     * would create a missing root and, with the host's repositories, find nothing installed in it: a scan
     * that reads like "up to date").
     */
    static String checkedRoot(String root) throws ScanException {
        String what = DnfDescriptor.CONFIG_INSTALLROOT + " '" + printable(root) + "'";
        if (root.startsWith("-")) {
            throw new ScanException(what + " could be read as an option; it must be an absolute path");
        }
        for (int i = 0; i < root.length(); i++) {
            char c = root.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                throw new ScanException(what + " contains white space or control characters");
            }
        }
        if (!root.startsWith("/")) {
            throw new ScanException(what + " is not an absolute path");
        }
        for (String segment : root.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new ScanException(what + " has a '.' or '..' segment; give the plain absolute path");
            }
        }
        if (!Files.isDirectory(Path.of(root))) {
            throw new ScanException(what + " is not a directory on this host");
        }
        return root;
    }

    /** The value with control characters shown as {@code \\uXXXX}, so a message stays one readable line. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 200; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
