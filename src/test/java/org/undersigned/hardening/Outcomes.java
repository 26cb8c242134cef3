package org.undersigned.hardening;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expected outcomes of the access-control matrix: one row per discovered thing (a Vaadin view,
 * a server-rendered endpoint, a public service method), one column per {@link Who}.
 *
 * <p>A row is {@code KEY | anonymous | signer | outsider | commenter | editor | owner | admin
 * without 2FA | admin with 2FA}, or {@code KEY | internal: why} for a building block that no
 * caller reaches except through a guarded service (it is then not called). Lines starting with
 * {@code #} are comments.
 */
final class Outcomes {

    /** What is expected of one row: eight outcomes, or the reason it is not called. */
    record Row(String key, List<String> outcomes, String internalReason) {
        boolean internal() {
            return internalReason != null;
        }

        String expected(Who who) {
            return outcomes.get(who.ordinal());
        }
    }

    private Outcomes() {}

    static Map<String, Row> parse(String table) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : table.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] cells = trimmed.split("\\|");
            String key = cells[0].strip();
            if (rows.containsKey(key)) {
                throw new IllegalStateException("Two rows for " + key);
            }
            if (cells.length == 2 && cells[1].strip().startsWith("internal:")) {
                rows.put(
                        key,
                        new Row(
                                key,
                                List.of(),
                                cells[1].strip().substring("internal:".length()).strip()));
                continue;
            }
            if (cells.length != Who.values().length + 1) {
                throw new IllegalStateException("Row " + key + " needs " + Who.values().length + " outcomes: " + line);
            }
            List<String> outcomes = new ArrayList<>();
            for (int i = 1; i < cells.length; i++) {
                outcomes.add(cells[i].strip());
            }
            rows.put(key, new Row(key, List.copyOf(outcomes), null));
        }
        return rows;
    }

    /** A row as it would be written, for the message that asks for a missing one. */
    static String format(String key, Map<Who, String> observed) {
        StringBuilder b = new StringBuilder(key);
        for (Who who : Who.values()) {
            b.append(" | ").append(observed.getOrDefault(who, "?"));
        }
        return b.toString();
    }
}
