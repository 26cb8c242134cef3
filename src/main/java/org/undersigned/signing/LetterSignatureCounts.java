package org.undersigned.signing;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.letter.SignatureCounts;

/** Counts for the dashboard's letter cards: one query for all the cards. */
@Component
class LetterSignatureCounts implements SignatureCounts {

    private final JdbcClient jdbc;

    LetterSignatureCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, Count> of(Collection<UUID> letterIds) {
        var out = new HashMap<UUID, Count>();
        if (letterIds.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                        SELECT i.letter_id,
                               count(*) FILTER (WHERE i.state NOT IN ('CREATED', 'REVOKED')) AS invited,
                               count(s.id) FILTER (WHERE s.withdrawn_at IS NULL) AS signed
                          FROM invitation i
                          LEFT JOIN signature s ON s.invitation_id = i.id
                         WHERE i.letter_id IN (:ids)
                         GROUP BY i.letter_id""")
                .param("ids", letterIds)
                .query((rs, n) -> Map.entry(
                        rs.getObject("letter_id", UUID.class), new Count(rs.getInt("signed"), rs.getInt("invited"))))
                .list()
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
