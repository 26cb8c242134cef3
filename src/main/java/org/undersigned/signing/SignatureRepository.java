package org.undersigned.signing;

import static org.undersigned.signing.InvitationRepository.ts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.base.OneRoundTrip;
import org.undersigned.letter.FrozenText;
import org.undersigned.letter.SignableLetter;

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
    private final JdbcOperations operations;

    SignatureRepository(JdbcClient jdbc, JdbcOperations operations) {
        this.jdbc = jdbc;
        this.operations = operations;
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

    /**
     * Records a new signature in one statement: the signature with its first consent, whether the
     * signer's email domain is one the named organisation registered ({@code organisationKey} null
     * when signing in personal capacity), the invitation moved to {@code SIGNED}, the pending
     * code used up, and the invitation's working links retired for one new link (stored as {@code
     * tokenHash}, as {@link InvitationRepository#replaceTokens} does). Empty (and nothing written)
     * when the invitation already has a signature; else whether the domain matched.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Boolean> record(
            UUID id,
            UUID letterId,
            UUID invitationId,
            SignerDetails d,
            FrozenText text,
            @Nullable String organisationKey,
            String emailDomain,
            byte[] tokenHash,
            Instant now) {
        return jdbc.sql("""
                        WITH signed AS (
                            INSERT INTO signature (id, letter_id, invitation_id, display_name, role_line, organisation,
                                   personal_capacity, revision, text_sha256, email_link_used, code_verified,
                                   domain_matched, signed_at)
                            VALUES (:id, :letter, :inv, :name, :role, :org, :personal, :revision, :sha, true, true,
                                    CAST(:key AS text) IS NOT NULL AND EXISTS (
                                        SELECT 1 FROM organisation o JOIN organisation_domain d ON d.organisation_id = o.id
                                         WHERE o.name_key = :key AND d.domain = :domain),
                                    :now)
                            ON CONFLICT (letter_id, invitation_id) DO NOTHING
                            RETURNING id, domain_matched),
                        consented AS (
                            INSERT INTO signature_consent (signature_id, revision, text_sha256, consented_at)
                            SELECT id, :revision, :sha, :now FROM signed ON CONFLICT DO NOTHING),
                        moved AS (
                            UPDATE invitation SET state = 'SIGNED', signed_at = :now
                             WHERE id = :inv AND EXISTS (SELECT 1 FROM signed)),
                        used AS (
                            DELETE FROM signing_code WHERE invitation_id = :inv AND EXISTS (SELECT 1 FROM signed)),
                        retired AS (
                            UPDATE invitation_token SET retired_at = :now
                             WHERE invitation_id = :inv AND retired_at IS NULL AND EXISTS (SELECT 1 FROM signed)),
                        issued AS (
                            INSERT INTO invitation_token (token_hash, invitation_id, issued_at)
                            SELECT :token, :inv, :now WHERE EXISTS (SELECT 1 FROM signed))
                        SELECT domain_matched FROM signed""")
                .param("id", id)
                .param("letter", letterId)
                .param("inv", invitationId)
                .param("name", d.displayName())
                .param("role", d.roleLine())
                .param("org", d.organisation())
                .param("personal", d.personalCapacity())
                .param("revision", text.revision())
                .param("sha", text.sha256())
                .param("key", organisationKey)
                .param("domain", emailDomain)
                .param("token", tokenHash)
                .param("now", ts(now))
                .query((rs, n) -> rs.getBoolean(1))
                .optional();
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

    /**
     * An invitation's signature (withdrawn or not) and pending code, as far as they exist, and the
     * revision its letter's signers sign now (null before the letter was opened).
     */
    record Standing(
            Optional<Signature> signature,
            Optional<CodeRow> code,
            @Nullable Integer currentRevision) {}

    /** The invitation row with its letter and {@link Standing}: what a signing page shows, in one statement. */
    record Signer(InvitationRepository.Row row, SignableLetter letter, Standing standing) {}

    /** The 24 columns {@link #standingAt} reads; {@code letter} is the SQL for the letter's id. */
    private static String standingColumns(String letter) {
        return " s.id, s.letter_id, s.invitation_id, s.display_name, s.role_line,"
                + " s.organisation, s.personal_capacity, s.revision, s.text_sha256, s.email_link_used, s.code_verified,"
                + " s.domain_matched, s.signed_at, s.withdrawn_at, c.code_hash, c.attempts, c.created_at, c.expires_at,"
                + " c.display_name, c.role_line, c.organisation, c.personal_capacity, c.revision,"
                + " (SELECT ls.current_revision FROM letter_signing ls WHERE ls.letter_id = " + letter + ") ";
    }

    // Built once: they are read on every signing page.
    private static final String SIGNER = "SELECT " + InvitationRepository.COLUMNS_OF_I + ", "
            + SignableLetter.COLUMNS_OF_L + "," + standingColumns("i.letter_id") + """
              FROM invitation i
              JOIN signable_letter l ON l.id = i.letter_id
              LEFT JOIN signature s ON s.invitation_id = i.id
              LEFT JOIN signing_code c ON c.invitation_id = i.id
             WHERE i.id = :inv""";

    /**
     * The invitation's {@link Standing} (parameter {@code :inv}). Read it after locking the
     * invitation, in a statement of its own: a statement that waited for the lock would still see
     * the signature and the code as they were before it waited.
     */
    private static final String STANDING = "SELECT "
            + standingColumns("(SELECT iv.letter_id FROM invitation iv WHERE iv.id = CAST(:inv AS uuid))") + """
              FROM (SELECT CAST(:inv AS uuid) AS id) i
              LEFT JOIN signature s ON s.invitation_id = i.id
              LEFT JOIN signing_code c ON c.invitation_id = i.id""";

    private static final RowMapper<Standing> STANDING_ROW = (rs, n) -> standingAt(rs, 0);

    /** The invitation locked with its letter, then its {@link Standing}. */
    record LockedStanding(Optional<InvitationRepository.Locked> locked, Standing standing) {}

    private static final OneRoundTrip LOCK_THEN_STANDING =
            OneRoundTrip.of(InvitationRepository.LOCK_WITH_LETTER, InvitationRepository.LOCKED, STANDING, STANDING_ROW);

    /**
     * {@link InvitationRepository#lockWithLetter} and then {@link #STANDING}, as two statements in
     * one round trip (decision 0074): the standing is read by a statement of its own, after the
     * lock, so it sees what a step that held the lock before has committed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    LockedStanding lockWithStanding(UUID invitationId) {
        var results = LOCK_THEN_STANDING.run(operations, new MapSqlParameterSource("inv", invitationId));
        return new LockedStanding(first(results.get(0), InvitationRepository.Locked.class), standingOf(results.get(1)));
    }

    /** The revision's share lock with the client's block, the invitation's lock, its standing. */
    record SigningLocks(
            Optional<InvitationRepository.SharedRevision> shared,
            Optional<InvitationRepository.Locked> locked,
            Standing standing) {}

    private static final OneRoundTrip SHARE_LOCK_THEN_STANDING = OneRoundTrip.of(
            InvitationRepository.REVISION_SHARED_OF,
            InvitationRepository.SHARED_REVISION,
            InvitationRepository.LOCK_WITH_LETTER,
            InvitationRepository.LOCKED,
            STANDING,
            STANDING_ROW);

    /**
     * What the code step reads before it decides, in the order the locks must be taken (the
     * letter's current revision shared, then the invitation), as three statements in one round
     * trip (decision 0074): {@link InvitationRepository#REVISION_SHARED_OF}, {@link
     * InvitationRepository#LOCK_WITH_LETTER}, then {@link #STANDING}, each with its own snapshot.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    SigningLocks lockForSigning(UUID invitationId, byte[] clientKey, Instant now) {
        var results = SHARE_LOCK_THEN_STANDING.run(
                operations,
                new MapSqlParameterSource("inv", invitationId)
                        .addValue("client", clientKey)
                        .addValue("now", ts(now)));
        return new SigningLocks(
                first(results.get(0), InvitationRepository.SharedRevision.class),
                first(results.get(1), InvitationRepository.Locked.class),
                standingOf(results.get(2)));
    }

    private static <T> Optional<T> first(List<?> rows, Class<T> type) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(type.cast(rows.getFirst()));
    }

    private static Standing standingOf(List<?> rows) {
        return (Standing) rows.getFirst();
    }

    /**
     * The invitation with its letter and {@link Standing}, unlocked, in one statement (for the
     * pages that only show).
     */
    Optional<Signer> signer(UUID invitationId) {
        return jdbc.sql(SIGNER)
                .param("inv", invitationId)
                .query((rs, n) -> new Signer(
                        InvitationRepository.ROW.mapRow(rs, n), SignableLetter.at(rs, 11), standingAt(rs, 16)))
                .optional();
    }

    private static Standing standingAt(java.sql.ResultSet rs, int o) throws java.sql.SQLException {
        Optional<Signature> signature =
                rs.getObject(o + 1) == null ? Optional.empty() : Optional.of(signatureAt(rs, o));
        Optional<CodeRow> code = rs.getBytes(o + 15) == null ? Optional.empty() : Optional.of(codeAt(rs, o + 14));
        int revision = rs.getInt(o + 24);
        return new Standing(signature, code, rs.wasNull() ? null : revision);
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
}
