// SPDX-License-Identifier: Apache-2.0
package org.example.redflag.flatpak.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The command lines the scanner runs, for the installation the subsystem configuration names. Columns are always named
 * ({@code --columns=…}): flatpak's default columns differ between versions and between a terminal and a pipe.
 */
final class FlatpakCommands {

    /** Configuration key: {@code system} (the default), {@code user}, or the name of an installation in
     * {@code /etc/flatpak/installations.d}. */
    static final String INSTALLATION = "installation";
    /** Configuration key: {@code true} (the default) refreshes the remotes' appstream data before a scan. */
    static final String APPSTREAM_REFRESH = "appstream.refresh";
    static final Map<String, String> DEFAULTS = Map.of(INSTALLATION, "system", APPSTREAM_REFRESH, "true");

    static final String LIST_COLUMNS = "--columns=ref,origin,active,version,name";
    static final String UPDATE_COLUMNS = "--columns=ref,origin,commit,version,download-size,runtime";
    /**
     * English messages and UTF-8: in the plain C locale flatpak (through GLib) prints "?" for every character outside
     * ASCII, in names as well as in its own "…"; the platform's runner would force that C locale.
     */
    static final Map<String, String> ENVIRONMENT = Map.of("LC_ALL", "C.UTF-8");

    private static final Pattern INSTALLATION_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");

    private final String installation;
    private final boolean refreshAppstream;

    private FlatpakCommands(String installation, boolean refreshAppstream) {
        this.installation = installation;
        this.refreshAppstream = refreshAppstream;
    }

    /** @throws IllegalArgumentException naming the key, when the configuration is not usable */
    static FlatpakCommands of(Map<String, String> configuration) {
        Map<String, String> c = configuration == null ? Map.of() : configuration;
        String inst = c.getOrDefault(INSTALLATION, DEFAULTS.get(INSTALLATION)).strip();
        String option = switch (inst) {
            case "system" -> "--system";
            case "user" -> "--user";
            default -> {
                if (!INSTALLATION_NAME.matcher(inst).matches()) {
                    throw new IllegalArgumentException("configuration " + INSTALLATION + " must be system, user or the "
                            + "name of an installation in /etc/flatpak/installations.d, not '" + inst + "'");
                }
                yield "--installation=" + inst;
            }
        };
        String refresh = c.getOrDefault(APPSTREAM_REFRESH, DEFAULTS.get(APPSTREAM_REFRESH)).strip().toLowerCase(Locale.ROOT);
        if (!refresh.equals("true") && !refresh.equals("false")) {
            throw new IllegalArgumentException("configuration " + APPSTREAM_REFRESH + " must be true or false, not '"
                    + refresh + "'");
        }
        return new FlatpakCommands(option, refresh.equals("true"));
    }

    boolean refreshAppstream() {
        return refreshAppstream;
    }

    /** Fetches each remote's appstream data: without it remote-ls shows no versions, or the previous build's. */
    List<String> appstream() {
        return List.of("flatpak", "update", installation, "--appstream");
    }

    /** Installed apps and runtimes, extensions included (a Locale extension is updated like anything else). */
    List<String> list() {
        return List.of("flatpak", "list", installation, "--all", LIST_COLUMNS);
    }

    List<String> remotes() {
        return List.of("flatpak", "remotes", installation, "--columns=name");
    }

    /** Pending updates of installed refs, from every remote or from one ({@code remote} null: every one). */
    List<String> updates(String remote) {
        List<String> c = new ArrayList<>(List.of("flatpak", "remote-ls", installation, "--updates", "--all", UPDATE_COLUMNS));
        if (remote != null) {
            c.add(remote);
        }
        return c;
    }

    /** The full commit a remote offers for a ref ({@code flatpak remote-info} without --show-commit aborts in 1.14). */
    List<String> remoteCommit(String remote, String ref) {
        return List.of("flatpak", "remote-info", installation, "--show-commit", remote, ref);
    }

    /** Updates the refs (full refs, checked by the caller): flatpak adds their extensions and runtimes itself. */
    List<String> install(List<String> refs) {
        List<String> c = new ArrayList<>(List.of("flatpak", "update", installation, "-y", "--noninteractive"));
        c.addAll(refs);
        return c;
    }
}
