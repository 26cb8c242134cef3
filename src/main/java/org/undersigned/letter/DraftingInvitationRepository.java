package org.undersigned.letter;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** SQL for invitations of single people to co-draft a letter (only token hashes are stored). */
@Repository
class DraftingInvitationRepository {

    /** One invitation row as stored. */
    record Row(
            UUID id,
            UUID letterId,
            String email,
            DraftingRole role,
            UUID invitedBy,
            Instant invitedAt,
            Instant expiresAt,
            @Nullable Instant acceptedAt,
            @Nullable Instant revokedAt) {}

    private static final String COLUMNS =
            "id, letter_id, email, role, invited_by, invited_at, expires_at, accepted_at, revoked_at";

    private final JdbcClient jdbc;

    DraftingInvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void insert(
            UUID id,
            UUID letterId,
            String email,
            DraftingRole role,
            byte[] tokenHash,
            UUID by,
            Instant now,
            Instant expires) {
        jdbc.sql("""
                        INSERT INTO drafting_invitation (id, letter_id, email, role, token_hash, invited_by, invited_at, expires_at)
                        VALUES (:id, :letter, :email, :role, :hash, :by, :now, :expires)""")
                .param("id", id)
                .param("letter", letterId)
                .param("email", email)
                .param("role", role.name())
                .param("hash", tokenHash)
                .param("by", by)
                .param("now", LetterRepository.ts(now))
                .param("expires", LetterRepository.ts(expires))
                .update();
    }

    /** Revokes the pending invitations of this address to this letter; returns their ids. */
    @Transactional(propagation = Propagation.MANDATORY)
    List<UUID> revokePendingFor(UUID letterId, String email, UUID by, Instant now) {
        return jdbc.sql("""
                        UPDATE drafting_invitation SET revoked_at = :now, revoked_by = :by
                         WHERE letter_id = :letter AND email = :email AND accepted_at IS NULL AND revoked_at IS NULL
                        RETURNING id""")
                .param("now", LetterRepository.ts(now))
                .param("by", by)
                .param("letter", letterId)
                .param("email", email)
                .query(UUID.class)
                .list();
    }

    /** Revokes one pending invitation of the letter; false when there is none (used, revoked, another letter). */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean revoke(UUID letterId, UUID invitationId, UUID by, Instant now) {
        return jdbc.sql("""
                                UPDATE drafting_invitation SET revoked_at = :now, revoked_by = :by
                                 WHERE id = :id AND letter_id = :letter AND accepted_at IS NULL AND revoked_at IS NULL""")
                        .param("now", LetterRepository.ts(now))
                        .param("by", by)
                        .param("id", invitationId)
                        .param("letter", letterId)
                        .update()
                == 1;
    }

    /** The letter's invitations that can still be accepted, oldest first. */
    List<Row> pending(UUID letterId, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM drafting_invitation"
                        + " WHERE letter_id = :letter AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > :now"
                        + " ORDER BY invited_at, id")
                .param("letter", letterId)
                .param("now", LetterRepository.ts(now))
                .query(Row.class)
                .list();
    }

    Optional<Row> byToken(byte[] tokenHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM drafting_invitation WHERE token_hash = :hash")
                .param("hash", tokenHash)
                .query(Row.class)
                .optional();
    }

    /** The same, locked until the transaction ends, so that two accepts of one link queue up. */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Row> lockByToken(byte[] tokenHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM drafting_invitation WHERE token_hash = :hash FOR UPDATE")
                .param("hash", tokenHash)
                .query(Row.class)
                .optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void markAccepted(UUID id, UUID accountId, Instant now) {
        jdbc.sql("UPDATE drafting_invitation SET accepted_at = :now, accepted_by = :account WHERE id = :id")
                .param("now", LetterRepository.ts(now))
                .param("account", accountId)
                .param("id", id)
                .update();
    }
}
