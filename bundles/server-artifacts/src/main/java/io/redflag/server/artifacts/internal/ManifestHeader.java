// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts.internal;

import io.redflag.server.artifacts.InvalidArtifactException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OSGi manifest header grammar (Core specification 3.2.4) as far as capabilities need it: clauses split on
 * commas, parameters on semicolons, attributes {@code name[:type]=value} and directives {@code name:=value},
 * values plain or double-quoted with backslash escapes.
 */
final class ManifestHeader {

    record Clause(String name, Map<String, String> attributes, Map<String, String> directives) {}

    private final String text;
    private int pos;

    private ManifestHeader(String text) {
        this.text = text;
    }

    /** The clauses of a header; none for an absent or blank one. @throws InvalidArtifactException on bad syntax */
    static List<Clause> parse(String header) {
        List<Clause> out = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return out;
        }
        ManifestHeader p = new ManifestHeader(header);
        do {
            out.add(p.clause());
        } while (p.take(','));
        p.skipSpace();
        if (p.pos != p.text.length()) {
            throw p.error("unexpected '" + p.text.charAt(p.pos) + "'");
        }
        return out;
    }

    private Clause clause() {
        String name = token();
        Map<String, String> attributes = new LinkedHashMap<>();
        Map<String, String> directives = new LinkedHashMap<>();
        while (take(';')) {
            String key = token();
            skipSpace();
            boolean directive = false;
            if (pos < text.length() && text.charAt(pos) == ':') {
                pos++;
                if (pos < text.length() && text.charAt(pos) == '=') {
                    directive = true;
                } else {
                    token(); // the attribute's type (List<String>, Long…): values are kept as text
                    skipSpace();
                }
            }
            if (!take('=')) {
                throw error("parameter '" + key + "' has no value");
            }
            String value = value();
            (directive ? directives : attributes).put(key, value);
        }
        return new Clause(name, attributes, directives);
    }

    private String token() {
        skipSpace();
        int start = pos;
        while (pos < text.length()) {
            char ch = text.charAt(pos);
            if (Character.isLetterOrDigit(ch) || ch == '_' || ch == '-' || ch == '.' || ch == '<' || ch == '>') {
                pos++;
            } else {
                break;
            }
        }
        if (start == pos) {
            throw error(pos < text.length() ? "unexpected '" + text.charAt(pos) + "'" : "unexpected end");
        }
        return text.substring(start, pos);
    }

    private String value() {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == '"') {
            StringBuilder b = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char ch = text.charAt(pos++);
                if (ch == '"') {
                    return b.toString();
                }
                if (ch == '\\' && pos < text.length()) {
                    ch = text.charAt(pos++);
                }
                b.append(ch);
            }
            throw error("unterminated quoted value");
        }
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != ';' && text.charAt(pos) != ',') {
            pos++;
        }
        String v = text.substring(start, pos).trim();
        if (v.isEmpty()) {
            throw error("empty value");
        }
        return v;
    }

    private boolean take(char ch) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == ch) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private InvalidArtifactException error(String what) {
        return new InvalidArtifactException("Provide-Capability cannot be read at character " + pos + ": " + what);
    }
}
