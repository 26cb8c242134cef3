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
    private static final RowMapper<CodeRow> CODE = (rs, n) -> codeAt(rs, 0);

    /** In the order of {@link Signature#COLUMNS}. */
    static final RowMapper<Signature> SIGNATURE = (rs, n) -> signatureAt(rs, 0);

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
        // The signature and its first consent in one statement: the consent is inserted only
        // when the signature was.
        return jdbc.sql("""
                                WITH signed AS (
                                    INSERT INTO signature (id, letter_id, invitation_id, display_name, role_line, organisation,
                                           personal_capacity, revision, text_sha256, email_link_used, code_verified,
                                           domain_matched, signed_at)
                                    VALUES (:id, :letter, :inv, :name, :role, :org, :personal, :revision, :sha, true, true,
                                            :domain, :now)
                                    ON CONFLICT (letter_id, invitation_id) DO NOTHING
                                    RETURNING id)
                                INSERT INTO signature_consent (signature_id, revision, text_sha256, consented_at)
                                SELECT id, :revision, :sha, :now FROM signed ON CONFLICT DO NOTHING""")
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

    /** An invitation's signature (withdrawn or not) and pending code, as far as they exist. */
    record Standing(Optional<Signature> signature, Optional<CodeRow> code) {}

    /** The invitation row with its {@link Standing}: what a signing page shows, in one statement. */
    record Signer(InvitationRepository.Row row, Standing standing) {}

    private static final String STANDING_COLUMNS = "s.id, s.letter_id, s.invitation_id, s.display_name, s.role_line,"
            + " s.organisation, s.personal_capacity, s.revision, s.text_sha256, s.email_link_used, s.code_verified,"
            + " s.domain_matched, s.signed_at, s.withdrawn_at, c.code_hash, c.attempts, c.created_at, c.expires_at,"
            + " c.display_name, c.role_line, c.organisation, c.personal_capacity, c.revision ";

    /**
     * The invitation's {@link Standing} in one statement. Read it after locking the invitation, in
     * a statement of its own: a statement that waited for the lock would still see the signature
     * and the code as they were before it waited.
     */
    Standing standing(UUID invitationId) {
        return jdbc.sql("SELECT " + STANDING_COLUMNS + """
                          FROM (SELECT CAST(:inv AS uuid) AS id) i
                          LEFT JOIN signature s ON s.invitation_id = i.id
                          LEFT JOIN signing_code c ON c.invitation_id = i.id""")
                .param("inv", invitationId)
                .query((rs, n) -> standingAt(rs, 0))
                .single();
    }

    /** The invitation and its {@link Standing}, unlocked, in one statement (for the pages that only show). */
    Optional<Signer> signer(UUID invitationId) {
        return jdbc.sql("SELECT " + InvitationRepository.COLUMNS_OF_I + ", " + STANDING_COLUMNS + """
                          FROM invitation i
                          LEFT JOIN signature s ON s.invitation_id = i.id
                          LEFT JOIN signing_code c ON c.invitation_id = i.id
                         WHERE i.id = :inv""")
                .param("inv", invitationId)
                .query((rs, n) -> new Signer(InvitationRepository.ROW.mapRow(rs, n), standingAt(rs, 11)))
                .optional();
    }

    private static Standing standingAt(java.sql.ResultSet rs, int o) throws java.sql.SQLException {
        Optional<Signature> signature =
                rs.getObject(o + 1) == null ? Optional.empty() : Optional.of(signatureAt(rs, o));
        Optional<CodeRow> code = rs.getBytes(o + 15) == null ? Optional.empty() : Optional.of(codeAt(rs, o + 14));
        return new Standing(signature, code);
    }

    /** A signature from the 14 columns after {@code o}, in the order of {@link Signature#COLUMNS}. */
    private static Signature signatureAt(java.sql.ResultSet rs, int o) throws java.sql.SQLException {
        Timestamp withdrawn = rs.getTimestamp(o + 14);
        return new Signature(
                rs.getObject(o + 1, UUID.class),
                rs.getObject(o + 2, UUID.class),
                rs.getObject(o + 3, UUID.class),
                rs.getString(o + 4),
                rs.getString(o + 5),
                rs.getString(o + 6),
                rs.getBoolean(o + 7),
                rs.getInt(o + 8),
                rs.getString(o + 9),
                rs.getBoolean(o + 10),
                rs.getBoolean(o + 11),
                rs.getBoolean(o + 12),
                rs.getTimestamp(o + 13).toInstant(),
                withdrawn == null ? null : withdrawn.toInstant());
    }

    /** A pending code from the 9 columns after {@code o}, in the order {@link #code} selects them. */
    private static CodeRow codeAt(java.sql.ResultSet rs, int o) throws java.sql.SQLException {
        return new CodeRow(
                rs.getBytes(o + 1),
                rs.getInt(o + 2),
                rs.getTimestamp(o + 3).toInstant(),
                rs.getTimestamp(o + 4).toInstant(),
                rs.getString(o + 5),
                rs.getString(o + 6),
                rs.getString(o + 7),
                rs.getBoolean(o + 8),
                rs.getInt(o + 9));
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
