package org.undersigned.publication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Canonical JSON in the manner of RFC 8785 (JCS) for the values manifests use: object members
 * sorted by their names in UTF-16 code unit order, no white space, strings escaped minimally,
 * integers only (a manifest has no fractions). The same manifest, however it was re-indented,
 * always gives the same bytes, so its signature can be checked after copy and paste.
 */
public final class CanonicalJson {

    private CanonicalJson() {}

    public static String write(JsonNode node) {
        var b = new StringBuilder();
        write(node, b);
        return b.toString();
    }

    private static void write(JsonNode node, StringBuilder b) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            members.sort(Map.Entry.comparingByKey());
            b.append('{');
            boolean first = true;
            for (var m : members) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                string(m.getKey(), b);
                b.append(':');
                write(m.getValue(), b);
            }
            b.append('}');
        } else if (node.isArray()) {
            b.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                write(node.get(i), b);
            }
            b.append(']');
        } else if (node.isString()) {
            string(node.asString(), b);
        } else if (node.isIntegralNumber()) {
            b.append(node.bigIntegerValue().toString());
        } else if (node.isBoolean()) {
            b.append(node.booleanValue());
        } else if (node.isNull()) {
            b.append("null");
        } else {
            throw new IllegalArgumentException(
                    "A manifest holds only objects, arrays, strings, integers, booleans and null.");
        }
    }

    private static void string(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
