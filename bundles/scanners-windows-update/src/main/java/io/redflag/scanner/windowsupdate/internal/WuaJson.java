// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.windowsupdate.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redflag.scanner.ScanException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what scan.ps1 and install.ps1 print: {@code ConvertTo-Json} of Windows Update Agent objects.
 * Lenient where PowerShell is inconsistent: a single update may come as an object instead of an array,
 * a one-element collection as a scalar, numbers as strings, categories as names or as objects.
 */
final class WuaJson {

    /** A category of an update; {@code type} is e.g. "UpdateClassification" or "Product", id a GUID. */
    record Category(String name, String type, String id) {}

    /** One pending update as the COM API describes it (IUpdate). */
    record WuaUpdate(String title, List<String> kbs, String updateId, Integer revision, String msrcSeverity,
                     List<Category> categories, List<String> cves, Long maxDownloadSize, boolean downloaded,
                     boolean rebootRequired, int rebootBehavior, boolean canRequestUserInput) {}

    /** The outcome for one update (IUpdateInstallationResult), codes as OperationResultCode. */
    record UpdateResult(String updateId, List<String> kbs, String title, int downloadResultCode, int resultCode,
                        String hresult, boolean rebootRequired) {}

    /** install.ps1's answer. */
    record InstallOutcome(Integer resultCode, String hresult, boolean rebootRequired, List<UpdateResult> updates,
                          List<String> notFound) {}

    // configured once here and never changed: ObjectMapper is thread-safe for reading
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WuaJson() {}

    /** True when the text is JSON (after a BOM and blanks): the first character is '[' or '{'. */
    static boolean looksLikeJson(String text) {
        String t = stripBom(text).stripLeading();
        return t.startsWith("[") || t.startsWith("{");
    }

    static List<WuaUpdate> updates(String json) throws ScanException {
        JsonNode root = read(json);
        failIfError(root);
        List<WuaUpdate> updates = new ArrayList<>();
        for (JsonNode u : elements(root)) {
            if (!u.isObject()) {
                throw new ScanException("scan.ps1 printed a JSON value that is not an update: " + u);
            }
            JsonNode behavior = u.path("InstallationBehavior");
            updates.add(new WuaUpdate(text(u, "Title"), strings(u.get("KBArticleIDs")), text(u, "UpdateID"),
                    integer(u.get("RevisionNumber")), text(u, "MsrcSeverity"), categories(u.get("Categories")),
                    strings(u.get("CveIDs")), number(u.get("MaxDownloadSize")), u.path("IsDownloaded").asBoolean(false),
                    u.path("RebootRequired").asBoolean(false),
                    behavior.isObject() ? behavior.path("RebootBehavior").asInt(0) : u.path("RebootBehavior").asInt(0),
                    behavior.path("CanRequestUserInput").asBoolean(false)));
        }
        return updates;
    }

    static InstallOutcome install(String json) throws ScanException {
        JsonNode root = read(json);
        failIfError(root);
        if (!root.isObject()) {
            throw new ScanException("install.ps1 printed no result object");
        }
        List<UpdateResult> results = new ArrayList<>();
        for (JsonNode r : elements(root.get("Updates"))) {
            results.add(new UpdateResult(text(r, "UpdateID"), strings(r.get("KBArticleIDs")), text(r, "Title"),
                    r.path("DownloadResultCode").asInt(0), r.path("ResultCode").asInt(0), text(r, "HResult"),
                    r.path("RebootRequired").asBoolean(false)));
        }
        return new InstallOutcome(integer(root.get("ResultCode")), text(root, "HResult"),
                root.path("RebootRequired").asBoolean(false), results, strings(root.get("NotFound")));
    }

    /** "0x8024402C: message" when the script reported an error, else null (also for text that is not JSON). */
    static String error(String json) {
        try {
            JsonNode e = MAPPER.readTree(stripBom(json)).path("Error");
            return e.isObject() ? text(e, "HResult") + ": " + text(e, "Message") : null;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    private static JsonNode read(String json) throws ScanException {
        try {
            JsonNode root = MAPPER.readTree(stripBom(json));
            if (root == null || root.isMissingNode()) {
                throw new ScanException("the Windows Update script printed nothing");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new ScanException("the Windows Update script printed broken JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void failIfError(JsonNode root) throws ScanException {
        JsonNode e = root.path("Error");
        if (e.isObject()) {
            throw new ScanException("Windows Update Agent error " + text(e, "HResult") + ": " + text(e, "Message"));
        }
    }

    /** An array's elements; a single value (PowerShell unrolled a one-element array) as a list of one. */
    private static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> list = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return list;
        }
        if (node.isArray()) {
            node.forEach(list::add);
        } else {
            list.add(node);
        }
        return list;
    }

    private static List<String> strings(JsonNode node) {
        List<String> list = new ArrayList<>();
        for (JsonNode n : elements(node)) {
            if (!n.isNull() && !n.asText().isBlank()) {
                list.add(n.asText().strip());
            }
        }
        return list;
    }

    private static List<Category> categories(JsonNode node) {
        List<Category> list = new ArrayList<>();
        for (JsonNode n : elements(node)) {
            if (n.isObject()) {
                list.add(new Category(text(n, "Name"), text(n, "Type"), text(n, "CategoryID")));
            } else if (!n.isNull()) {
                list.add(new Category(n.asText(), null, null));
            }
        }
        return list;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().strip();
    }

    private static Integer integer(JsonNode v) {
        Long n = number(v);
        return n == null ? null : Integer.valueOf(n.intValue());
    }

    private static Long number(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.asLong();
        }
        try {
            return Long.valueOf(v.asText().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String stripBom(String text) {
        String t = text == null ? "" : text;
        return t.startsWith("\uFEFF") ? t.substring(1) : t;
    }
}
