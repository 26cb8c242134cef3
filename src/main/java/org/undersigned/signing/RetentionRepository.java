package org.undersigned.signing;

import static org.undersigned.signing.InvitationRepository.ts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** SQL for reducing, after publication, the data of invitees who are not on the published list. */
@Repository
class RetentionRepository {

    /** The placeholder name of a reduced invitation or unlisted signature. */
    static final String REMOVED = "(removed)";

    record State(@Nullable Instant noticeSentAt, @Nullable Instant reducedAt) {}

    private final JdbcClient jdbc;

    RetentionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<State> state(UUID letterId) {
        return jdbc.sql("SELECT notice_sent_at, reduced_at FROM signing_retention WHERE letter_id = :letter")
                .param("letter", letterId)
                .query(State.class)
                .optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void noticeSent(UUID letterId, Instant now) {
        jdbc.sql("""
                        INSERT INTO signing_retention (letter_id, notice_sent_at) VALUES (:letter, :now)
                        ON CONFLICT (letter_id) DO UPDATE SET notice_sent_at = :now""").param("letter", letterId).param("now", ts(now)).update();
    }

    /**
     * Replaces the name, address, role, organisation and decline reason of every invitation of the
     * letter whose signature is not on the locked list, and the display line of every signature not
     * on it; states and times stay. Returns how many invitations were reduced.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    int reduce(UUID letterId, Instant now) {
        List<UUID> reduced = jdbc.sql("""
                        UPDATE invitation i SET name = :removed, email = i.id || '@removed.invalid', role_line = NULL,
                               organisation = NULL, decline_reason = NULL, reduced_at = :now
                         WHERE i.letter_id = :letter AND i.reduced_at IS NULL
                           AND NOT EXISTS (SELECT 1 FROM signature s JOIN signature_list_line l ON l.signature_id = s.id
                                            WHERE s.invitation_id = i.id)
                        RETURNING i.id""")
                .param("removed", REMOVED)
                .param("now", ts(now))
                .param("letter", letterId)
                .query(UUID.class)
                .list();
        jdbc.sql("""
                        UPDATE signature s SET display_name = :removed, role_line = NULL, organisation = NULL, family_name = NULL
                         WHERE s.letter_id = :letter AND s.display_name <> :removed
                           AND NOT EXISTS (SELECT 1 FROM signature_list_line l WHERE l.signature_id = s.id)""").param("removed", REMOVED).param("letter", letterId).update();
        jdbc.sql("""
                        DELETE FROM signing_code c USING invitation i
                         WHERE c.invitation_id = i.id AND i.letter_id = :letter AND i.reduced_at IS NOT NULL""").param("letter", letterId).update();
        jdbc.sql("""
                        INSERT INTO signing_retention (letter_id, reduced_at) VALUES (:letter, :now)
                        ON CONFLICT (letter_id) DO UPDATE SET reduced_at = :now""").param("letter", letterId).param("now", ts(now)).update();
        return reduced.size();
    }
}
