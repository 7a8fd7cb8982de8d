// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import io.redflag.scanner.text.ToolText;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.winget.internal.WingetTableParser.Listing;
import io.redflag.scanner.winget.internal.WingetTableParser.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Microsoft.WinGet.Client PowerShell module's packages as JSON: {@code Get-WinGetPackage |
 * Where-Object IsUpdateAvailable | Select-Object Name,Id,InstalledVersion,AvailableVersions,Source |
 * ConvertTo-Json} (property names of its {@code PSInstalledCatalogPackage}). Nothing in it is cut,
 * translated or padded, so it is preferred to winget's table whenever the module is there.
 * <p>
 * Lenient where PowerShell is: one package comes as a bare object instead of an array, an
 * {@code AvailableVersions} with one element may be a plain string, numbers may be strings, and no
 * package at all may print nothing. The newest of {@code AvailableVersions} (winget's order) is the
 * available version; an object with {@code IsUpdateAvailable: false} is not an upgrade.
 */
final class WingetJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WingetJson() {}

    /** True when the text starts (after a BOM or blanks) like JSON rather than like winget's table. */
    static boolean looksLikeJson(String text) {
        String s = strip(text);
        return s.startsWith("[") || s.startsWith("{");
    }

    /**
     * The upgrades in the module's JSON, as table rows (never cut, never "explicit targeting").
     *
     * @throws ScanException when the text is not JSON of that shape
     */
    static Listing parse(String text) throws ScanException {
        String s = strip(text);
        if (s.isEmpty()) {
            return new Listing(List.of(), List.of(), true, true, 0);
        }
        if (s.length() > WingetTableParser.MAX_CHARS) {
            throw new ScanException("the WinGet PowerShell module's answer is too large: " + s.length() + " characters");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(s);
        } catch (JsonProcessingException e) {
            throw new ScanException("the WinGet PowerShell module's answer is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !(root.isArray() || root.isObject())) {
            throw new ScanException("the WinGet PowerShell module's answer is not a list of packages");
        }
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (JsonNode p : root.isArray() ? root : List.of(root)) {
            if (!p.isObject()) {
                throw new ScanException("the WinGet PowerShell module's answer is not a list of packages");
            }
            if (p.has("IsUpdateAvailable") && !p.get("IsUpdateAvailable").asBoolean(true)) {
                continue;
            }
            String id = text(p, "Id");
            String installed = text(p, "InstalledVersion");
            String available = newest(p.get("AvailableVersions"));
            if (id == null || installed == null || available == null) {
                notes.add("the WinGet PowerShell module listed a package without Id, InstalledVersion or"
                        + " AvailableVersions; left out: " + abbreviate(p.toString()));
                continue;
            }
            String name = text(p, "Name");
            rows.add(new Row(name == null ? id : name, id, installed, available, text(p, "Source"), false,
                    ToolText.isCut(id)));
        }
        return new Listing(rows, notes, true, rows.isEmpty(), rows.size());
    }

    /** The newest version of an AvailableVersions array (or a single string), by winget's own order. */
    private static String newest(JsonNode versions) {
        if (versions == null || versions.isNull()) {
            return null;
        }
        String best = null;
        for (JsonNode v : versions.isArray() ? versions : List.of(versions)) {
            String s = v.isValueNode() && !v.isNull() ? v.asText().strip() : "";
            if (!s.isEmpty() && (best == null || WingetVersionOrdering.INSTANCE.compare(s, best) > 0)) {
                best = s;
            }
        }
        return best;
    }

    private static String text(JsonNode p, String field) {
        JsonNode v = p.get(field);
        if (v == null || v.isNull() || !v.isValueNode()) {
            return null;
        }
        String s = v.asText().strip();
        return s.isEmpty() ? null : s;
    }

    private static String strip(String text) {
        if (text == null) {
            return "";
        }
        String s = text.strip();
        return s.startsWith("\uFEFF") ? s.substring(1).strip() : s;
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "\u2026";
    }
}
