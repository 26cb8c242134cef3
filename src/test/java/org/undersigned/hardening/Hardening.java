package org.undersigned.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Checks shared by the access-control matrix and the hostile-input suite. */
final class Hardening {

    /** What a stack trace or an exception's class name looks like in a page. */
    private static final Pattern LEAK = Pattern.compile(
            "(Exception\\b|\\bat (java|org|com|jdk)\\.[\\w.$]+\\(|java\\.lang\\.|org\\.springframework\\.|org\\.undersigned\\.|SQLState|PSQLException|Caused by:)");

    private static List<String> tables;

    private Hardening() {}

    /** No HTTP 500 and nothing of the insides in the body. */
    static void assertNoLeak(HttpResponse<String> response) {
        String what = response.request().method() + " " + response.uri().getRawPath();
        assertThat(response.statusCode()).as(what + ": status").isLessThan(500);
        var m = LEAK.matcher(response.body());
        if (m.find()) {
            int from = Math.max(0, m.start() - 80);
            throw new AssertionError(what + " shows its insides: …"
                    + response.body().substring(from, Math.min(response.body().length(), m.end() + 80)) + "…");
        }
    }

    /**
     * The headers every response carries; the server-rendered (strict) pages also a script-free
     * Content-Security-Policy.
     */
    static void assertSecurityHeaders(HttpResponse<String> response, boolean vaadinApp) {
        String what = response.request().method() + " " + response.uri().getRawPath();
        var h = response.headers();
        assertThat(h.firstValue("X-Content-Type-Options")).as(what + " nosniff").contains("nosniff");
        assertThat(h.firstValue("X-Frame-Options"))
                .as(what + " X-Frame-Options")
                .contains("DENY");
        assertThat(h.firstValue("Referrer-Policy"))
                .as(what + " Referrer-Policy")
                .contains("no-referrer");
        String csp = h.firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).as(what + " CSP").contains("frame-ancestors 'none'");
        if (!vaadinApp) {
            assertThat(csp)
                    .as(what + " strict CSP")
                    .contains("default-src 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(csp).as(what + " strict CSP: no scripts").doesNotContain("script-src");
        }
    }

    /** The number of rows in every table of the schema. */
    static Map<String, Long> rowCounts(JdbcClient jdbc) {
        if (tables == null) {
            tables = jdbc.sql("""
                            SELECT table_name FROM information_schema.tables
                             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                               AND table_name NOT IN ('flyway_schema_history', 'throttle')
                             ORDER BY table_name""").query(String.class).list();
        }
        String sql = tables.stream()
                .map(t -> "SELECT '" + t + "' AS t, count(*) AS n FROM \"" + t + "\"")
                .collect(Collectors.joining(" UNION ALL "));
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql(sql)
                .query((rs, i) -> counts.put(rs.getString("t"), rs.getLong("n")))
                .list();
        return counts;
    }

    private static String fingerprintSql;

    /**
     * A hash of every row that belongs to the world's letter, its drafting organisation and its
     * people: equal before and after a call means the call changed nothing of theirs.
     */
    static String fingerprint(JdbcClient jdbc, AccessWorld w) {
        if (fingerprintSql == null) {
            List<String> parts = new java.util.ArrayList<>();
            for (String column : List.of("letter_id", "organisation_id")) {
                jdbc.sql("""
                                SELECT c.table_name FROM information_schema.columns c
                                  JOIN information_schema.tables t USING (table_schema, table_name)
                                 WHERE c.table_schema = current_schema() AND c.column_name = ?
                                   AND t.table_type = 'BASE TABLE' ORDER BY 1""")
                        .param(column)
                        .query(String.class)
                        .list()
                        .forEach(table ->
                                parts.add("SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM \""
                                        + table + "\" x WHERE x." + column + " = "
                                        + (column.equals("letter_id") ? ":letter" : ":organisation")));
            }
            parts.add(
                    "SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM letter x WHERE x.id = :letter");
            parts.add(
                    "SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM organisation x WHERE x.id = :organisation");
            parts.add(
                    "SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM account x WHERE x.id IN (:people)");
            fingerprintSql = "SELECT md5(string_agg(h, '' ORDER BY h)) FROM (" + String.join(" UNION ALL ", parts)
                    + ") AS parts(h)";
        }
        return jdbc.sql(fingerprintSql)
                .param("letter", w.letterId)
                .param("organisation", w.draftingOrganisation)
                .param(
                        "people",
                        List.of(
                                w.owner.id(),
                                w.editor.id(),
                                w.commenter.id(),
                                w.outsider.id(),
                                w.adminPending.id(),
                                w.admin.id()))
                .query(String.class)
                .single();
    }

    static String difference(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream()
                .filter(e -> !e.getValue().equals(before.get(e.getKey())))
                .map(e -> e.getKey() + " " + before.get(e.getKey()) + "→" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
