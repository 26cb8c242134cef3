package org.undersigned.signing;

import static org.undersigned.signing.InvitationRepository.ts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.letter.FrozenText;

/** SQL for pending codes and signatures. */
@Repository
class SignatureRepository {

    record CodeRow(
            byte[] codeHash,
            int attempts,
            Instant createdAt,
            Instant expiresAt,
            String displayName,
            @Nullable String roleLine,
            @Nullable String organisation,
            boolean personalCapacity,
            int revision) {}

    /** By position: the reflective record mapper costs exceptions and lookups on every signing step. */
    private static final RowMapper<CodeRow> CODE = (rs, n) -> new CodeRow(
            rs.getBytes(1),
            rs.getInt(2),
            rs.getTimestamp(3).toInstant(),
            rs.getTimestamp(4).toInstant(),
            rs.getString(5),
            rs.getString(6),
            rs.getString(7),
            rs.getBoolean(8),
            rs.getInt(9));

    /** In the order of {@link Signature#COLUMNS}. */
    static final RowMapper<Signature> SIGNATURE = (rs, n) -> {
        Timestamp withdrawn = rs.getTimestamp(14);
        return new Signature(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getBoolean(7),
                rs.getInt(8),
                rs.getString(9),
                rs.getBoolean(10),
                rs.getBoolean(11),
                rs.getBoolean(12),
                rs.getTimestamp(13).toInstant(),
                withdrawn == null ? null : withdrawn.toInstant());
    };

    private final JdbcClient jdbc;

    SignatureRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces any earlier code of the invitation: only the newest code works. */
    @Transactional(propagation = Propagation.MANDATORY)
    void saveCode(UUID invitationId, byte[] hash, Instant now, Instant expiresAt, SignerDetails d, int revision) {
        jdbc.sql("""
                        INSERT INTO signing_code (invitation_id, code_hash, attempts, created_at, expires_at,
                                                  display_name, role_line, organisation, personal_capacity, revision)
                        VALUES (:inv, :hash, 0, :now, :expires, :name, :role, :org, :personal, :revision)
                        ON CONFLICT (invitation_id) DO UPDATE SET code_hash = :hash, attempts = 0, created_at = :now,
                               expires_at = :expires, display_name = :name, role_line = :role, organisation = :org,
                               personal_capacity = :personal, revision = :revision""")
                .param("inv", invitationId)
                .param("hash", hash)
                .param("now", ts(now))
                .param("expires", ts(expiresAt))
                .param("name", d.displayName())
                .param("role", d.roleLine())
                .param("org", d.organisation())
                .param("personal", d.personalCapacity())
                .param("revision", revision)
                .update();
    }

    Optional<CodeRow> code(UUID invitationId) {
        return jdbc.sql("""
                        SELECT code_hash, attempts, created_at, expires_at, display_name, role_line, organisation,
                               personal_capacity, revision
                          FROM signing_code WHERE invitation_id = :inv""").param("inv", invitationId).query(CODE).optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void countAttempt(UUID invitationId) {
        jdbc.sql("UPDATE signing_code SET attempts = attempts + 1 WHERE invitation_id = :inv")
                .param("inv", invitationId)
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void deleteCode(UUID invitationId) {
        jdbc.sql("DELETE FROM signing_code WHERE invitation_id = :inv")
                .param("inv", invitationId)
                .update();
    }

    /** Inserts the signature; false (and nothing written) when the invitation already has one. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean insert(
            UUID id,
            UUID letterId,
            UUID invitationId,
            SignerDetails d,
            FrozenText text,
            boolean domainMatched,
            Instant now) {
        boolean inserted = jdbc.sql("""
                                INSERT INTO signature (id, letter_id, invitation_id, display_name, role_line, organisation,
                                       personal_capacity, revision, text_sha256, email_link_used, code_verified,
                                       domain_matched, signed_at)
                                VALUES (:id, :letter, :inv, :name, :role, :org, :personal, :revision, :sha, true, true,
                                        :domain, :now)
                                ON CONFLICT (letter_id, invitation_id) DO NOTHING""")
                        .param("id", id)
                        .param("letter", letterId)
                        .param("inv", invitationId)
                        .param("name", d.displayName())
                        .param("role", d.roleLine())
                        .param("org", d.organisation())
                        .param("personal", d.personalCapacity())
                        .param("revision", text.revision())
                        .param("sha", text.sha256())
                        .param("domain", domainMatched)
                        .param("now", ts(now))
                        .update()
                == 1;
        if (inserted) {
            consent(id, text, now);
        }
        return inserted;
    }

    /** Moves a signature to a newer text the signer has confirmed; earlier consents stay recorded. */
    @Transactional(propagation = Propagation.MANDATORY)
    void reconfirm(UUID signatureId, FrozenText text, Instant now) {
        jdbc.sql(
                        "UPDATE signature SET revision = :revision, text_sha256 = :sha WHERE id = :id AND revision < :revision")
                .param("revision", text.revision())
                .param("sha", text.sha256())
                .param("id", signatureId)
                .update();
        consent(signatureId, text, now);
    }

    private void consent(UUID signatureId, FrozenText text, Instant now) {
        jdbc.sql("""
                        INSERT INTO signature_consent (signature_id, revision, text_sha256, consented_at)
                        VALUES (:id, :revision, :sha, :now) ON CONFLICT DO NOTHING""")
                .param("id", signatureId)
                .param("revision", text.revision())
                .param("sha", text.sha256())
                .param("now", ts(now))
                .update();
    }

    Optional<Signature> ofInvitation(UUID invitationId) {
        return jdbc.sql("SELECT " + Signature.COLUMNS + " FROM signature WHERE invitation_id = :inv")
                .param("inv", invitationId)
                .query(SIGNATURE)
                .optional();
    }

    List<Signature> ofLetter(UUID letterId) {
        return jdbc.sql("SELECT " + Signature.COLUMNS
                        + " FROM signature WHERE letter_id = :letter ORDER BY signed_at, id")
                .param("letter", letterId)
                .query(SIGNATURE)
                .list();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void withdraw(UUID signatureId, Instant now) {
        jdbc.sql("UPDATE signature SET withdrawn_at = :now WHERE id = :id AND withdrawn_at IS NULL")
                .param("now", ts(now))
                .param("id", signatureId)
                .update();
    }

    /** Whether the email's domain is one the named organisation registered on the platform. */
    boolean domainMatches(@Nullable String organisationKey, String domain) {
        if (organisationKey == null) {
            return false;
        }
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM organisation o JOIN organisation_domain d ON d.organisation_id = o.id
                                        WHERE o.name_key = :key AND d.domain = :domain)""")
                .param("key", organisationKey)
                .param("domain", domain)
                .query((rs, n) -> rs.getBoolean(1))
                .single();
    }
}
