package org.undersigned.signing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.base.Throttle;
import org.undersigned.base.Tokens;
import org.undersigned.letter.FrozenText;
import org.undersigned.letter.SignableLetter;

/** SQL for invitations, their link tokens, and a letter's signing settings and frozen texts. */
@Repository
class InvitationRepository {

    /** An invitation as the services need it. */
    record Row(
            UUID id,
            UUID letterId,
            String name,
            @Nullable String roleLine,
            @Nullable String organisation,
            String email,
            String language,
            InvitationState state,
            @Nullable Instant sentAt,
            @Nullable Instant expiresAt,
            int remindersSent) {}

    record TokenRow(UUID invitationId, @Nullable Instant retiredAt) {}

    private static final String COLUMNS =
            "id, letter_id, name, role_line, organisation, email, language, state, sent_at, expires_at, reminders_sent";

    static final String COLUMNS_OF_I = "i.id, i.letter_id, i.name, i.role_line, i.organisation, i.email,"
            + " i.language, i.state, i.sent_at, i.expires_at, i.reminders_sent";

    /** Maps by position: the reflective record mapper showed up in the signing profile (bench/README.md). */
    static final org.springframework.jdbc.core.RowMapper<Row> ROW = (rs, n) -> new Row(
            rs.getObject(1, UUID.class),
            rs.getObject(2, UUID.class),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getString(6),
            rs.getString(7),
            InvitationState.valueOf(rs.getString(8)),
            instant(rs.getTimestamp(9)),
            instant(rs.getTimestamp(10)),
            rs.getInt(11));

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private final JdbcClient jdbc;

    InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static @Nullable Timestamp ts(@Nullable Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    /** Inserts an invitation; false when the letter already has one for that email. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean insert(UUID id, UUID letterId, Invitee i, UUID createdBy, Instant now) {
        return jdbc.sql("""
                        INSERT INTO invitation (id, letter_id, name, role_line, organisation, email, language, created_by, created_at)
                        VALUES (:id, :letter, :name, :role, :org, :email, :language, :by, :now)
                        ON CONFLICT (letter_id, email) DO NOTHING""")
                        .param("id", id)
                        .param("letter", letterId)
                        .param("name", i.name())
                        .param("role", i.roleLine())
                        .param("org", i.organisation())
                        .param("email", i.email())
                        .param("language", i.language())
                        .param("by", createdBy)
                        .param("now", ts(now))
                        .update()
                == 1;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    int updateUnsent(UUID id, Invitee i) {
        return jdbc.sql("""
                        UPDATE invitation SET name = :name, role_line = :role, organisation = :org, email = :email, language = :language
                         WHERE id = :id AND state = 'CREATED'""")
                .param("name", i.name())
                .param("role", i.roleLine())
                .param("org", i.organisation())
                .param("email", i.email())
                .param("language", i.language())
                .param("id", id)
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    int deleteUnsent(UUID id) {
        return jdbc.sql("DELETE FROM invitation WHERE id = :id AND state = 'CREATED'")
                .param("id", id)
                .update();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM invitation WHERE id = :id")
                .param("id", id)
                .query(ROW)
                .optional();
    }

    /** Locks the invitation row until the end of the transaction: its changes are serialised. */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Row> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM invitation WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(ROW)
                .optional();
    }

    List<Row> inState(UUID letterId, InvitationState state) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM invitation WHERE letter_id = :letter AND state = :state ORDER BY created_at, id")
                .param("letter", letterId)
                .param("state", state.name())
                .query(ROW)
                .list();
    }

    List<String> emails(UUID letterId) {
        return jdbc.sql("SELECT email FROM invitation WHERE letter_id = :letter")
                .param("letter", letterId)
                .query(String.class)
                .list();
    }

    List<Invitation> list(UUID letterId) {
        return jdbc.sql("""
                        SELECT i.id, i.letter_id, i.name, i.role_line, i.organisation, i.email, i.language, i.state,
                               i.created_at, i.sent_at, i.opened_at, i.signed_at, i.expires_at, i.reminders_sent,
                               m.status AS delivery,
                               (SELECT s.revision FROM signature s WHERE s.invitation_id = i.id AND s.withdrawn_at IS NULL) AS signed_revision
                          FROM invitation i LEFT JOIN mail_outbox m ON m.id = i.last_mail_id
                         WHERE i.letter_id = :letter
                         ORDER BY i.created_at, i.name""").param("letter", letterId).query(Invitation.class).list();
    }

    /** Moves an invitation to {@code to} and stamps its column; the caller checked the transition. */
    @Transactional(propagation = Propagation.MANDATORY)
    void setState(UUID id, InvitationState to, Instant now) {
        jdbc.sql("UPDATE invitation SET state = :state, " + to.stampColumn() + " = :now WHERE id = :id")
                .param("state", to.name())
                .param("now", ts(now))
                .param("id", id)
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void markSent(UUID id, Instant now, Instant expiresAt, @Nullable Instant nextReminder, long mailId) {
        jdbc.sql("""
                        UPDATE invitation SET state = 'SENT', sent_at = :now, expires_at = :expires,
                               next_reminder_at = :next, last_mail_id = :mail, bounced_at = NULL, expired_at = NULL
                         WHERE id = :id""")
                .param("now", ts(now))
                .param("expires", ts(expiresAt))
                .param("next", ts(nextReminder))
                .param("mail", mailId)
                .param("id", id)
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void markReminded(UUID id, @Nullable Instant nextReminder, long mailId) {
        jdbc.sql("""
                        UPDATE invitation SET reminders_sent = reminders_sent + 1, next_reminder_at = :next, last_mail_id = :mail
                         WHERE id = :id""")
                .param("next", ts(nextReminder))
                .param("mail", mailId)
                .param("id", id)
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void setDeclineReason(UUID id, @Nullable String reason) {
        jdbc.sql("UPDATE invitation SET decline_reason = :reason WHERE id = :id")
                .param("reason", reason)
                .param("id", id)
                .update();
    }

    /** An invitation closed at lock, with the state it was in. */
    record Closed(UUID id, InvitationState was) {}

    /**
     * Closes, in one statement, every invitation of the letter that had not been answered (the rows
     * are locked first, so an answer being recorded at the same moment wins or waits).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Closed> closeOpen(UUID letterId, Instant now) {
        return jdbc.sql("""
                        WITH closing AS (
                            SELECT id, state AS was FROM invitation
                             WHERE letter_id = :letter AND state IN ('CREATED', 'SENT', 'OPENED', 'BOUNCED')
                             ORDER BY id FOR UPDATE)
                        UPDATE invitation i SET state = 'CLOSED', closed_at = :now, next_reminder_at = NULL
                          FROM closing c WHERE i.id = c.id
                        RETURNING i.id, c.was""")
                .param("letter", letterId)
                .param("now", ts(now))
                .query(Closed.class)
                .list();
    }

    /** The invitations whose latest mail is that outbox row. */
    List<Row> byMail(long mailId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM invitation WHERE last_mail_id = :mail")
                .param("mail", mailId)
                .query(ROW)
                .list();
    }

    List<UUID> reminderDue(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT id FROM invitation
                         WHERE state IN ('SENT', 'OPENED') AND next_reminder_at <= :now AND expires_at > :now
                         ORDER BY next_reminder_at LIMIT :limit""")
                .param("now", ts(now))
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    List<UUID> expiryDue(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT id FROM invitation
                         WHERE state IN ('SENT', 'OPENED', 'BOUNCED') AND expires_at <= :now
                         ORDER BY expires_at LIMIT :limit""")
                .param("now", ts(now))
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    // --- link tokens ---

    /** A fresh link token for the invitation; only its hash is stored. */
    @Transactional(propagation = Propagation.MANDATORY)
    String issueToken(UUID invitationId, Instant now) {
        String token = Tokens.newToken();
        jdbc.sql("INSERT INTO invitation_token (token_hash, invitation_id, issued_at) VALUES (:hash, :inv, :now)")
                .param("hash", Tokens.hash(token))
                .param("inv", invitationId)
                .param("now", ts(now))
                .update();
        return token;
    }

    Optional<TokenRow> findToken(String token) {
        return jdbc.sql("SELECT invitation_id, retired_at FROM invitation_token WHERE token_hash = :hash")
                .param("hash", Tokens.hash(token))
                .query((rs, n) -> new TokenRow(rs.getObject(1, UUID.class), instant(rs.getTimestamp(2))))
                .optional();
    }

    /**
     * A link's invitation with its letter, when the link was retired (null while it works), and
     * until when the client is blocked from following links (null when it is not).
     */
    record Linked(
            Row row,
            SignableLetter letter,
            @Nullable Instant retiredAt,
            @Nullable Instant clientBlockedUntil) {}

    /**
     * The invitation a link token stands for, with its letter and the client's block, in one
     * statement; with {@code lock} the invitation row (not the token's) is locked until the end
     * of the transaction, as {@link #lock} does. Empty for an unknown link (the caller then checks
     * the block on its own).
     */
    Optional<Linked> byToken(String token, boolean lock, byte[] clientKey, Instant now) {
        return jdbc.sql(lock ? BY_TOKEN + " FOR UPDATE OF i" : BY_TOKEN)
                .param("hash", Tokens.hash(token))
                .param("client", clientKey)
                .param("now", ts(now))
                .query((rs, n) -> linkedAt(rs))
                .optional();
    }

    /**
     * The link's invitation moved from {@code SENT} or {@code BOUNCED} to {@code OPENED} by the
     * statement that finds and locks it, returned as {@link #byToken} returns it (with the new
     * state). Empty when the link is unknown or the invitation is in another state: the caller
     * then locks it with {@link #byToken}. A caller that refuses afterwards rolls the move back.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Linked> openByToken(String token, byte[] clientKey, Instant now) {
        return jdbc.sql(OPEN_BY_TOKEN)
                .param("hash", Tokens.hash(token))
                .param("client", clientKey)
                .param("now", ts(now))
                .query((rs, n) -> linkedAt(rs))
                .optional();
    }

    /** What {@link #linkedAt} reads: the invitation, the link's retirement, the letter, the block. */
    private static final String LINKED_COLUMNS = COLUMNS_OF_I + ", t.retired_at, " + SignableLetter.COLUMNS_OF_L + ", "
            + Throttle.blockedUntilColumn("client");

    private static final String BY_TOKEN = "SELECT " + LINKED_COLUMNS
            + " FROM invitation_token t JOIN invitation i ON i.id = t.invitation_id"
            + " JOIN signable_letter l ON l.id = i.letter_id WHERE t.token_hash = :hash";

    private static final String OPEN_BY_TOKEN = "UPDATE invitation i SET state = 'OPENED', opened_at = :now"
            + " FROM invitation_token t, signable_letter l"
            + " WHERE t.token_hash = :hash AND i.id = t.invitation_id AND l.id = i.letter_id"
            + " AND i.state IN ('SENT', 'BOUNCED') RETURNING " + LINKED_COLUMNS;

    private static Linked linkedAt(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Linked(
                ROW.mapRow(rs, 0),
                SignableLetter.at(rs, 12),
                instant(rs.getTimestamp(12)),
                instant(rs.getTimestamp(18)));
    }

    /** An invitation locked with its letter. */
    record Locked(Row row, SignableLetter letter) {}

    /**
     * Locks the invitation row as {@link #lock} does and reads its letter in the same statement.
     * The letter's state is read as the statement began: a step that must see a state change
     * made while it waited holds a lock that change needs first (the letter's current revision,
     * or the invitation itself, which locking the list closes).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Locked> lockWithLetter(UUID id) {
        return jdbc.sql(LOCK_WITH_LETTER).param("inv", id).query(LOCKED).optional();
    }

    /** {@link #lockWithLetter}'s statement (parameter {@code :inv}) and its rows. */
    static final String LOCK_WITH_LETTER = "SELECT " + COLUMNS_OF_I + ", " + SignableLetter.COLUMNS_OF_L
            + " FROM invitation i JOIN signable_letter l ON l.id = i.letter_id WHERE i.id = :inv FOR UPDATE OF i";

    static final org.springframework.jdbc.core.RowMapper<Locked> LOCKED =
            (rs, n) -> new Locked(ROW.mapRow(rs, n), SignableLetter.at(rs, 11));

    /** Retires the invitation's working links and issues a fresh one, in one statement. */
    @Transactional(propagation = Propagation.MANDATORY)
    String replaceTokens(UUID invitationId, Instant now) {
        String token = Tokens.newToken();
        jdbc.sql("""
                        WITH retired AS (
                            UPDATE invitation_token SET retired_at = :now WHERE invitation_id = :inv AND retired_at IS NULL)
                        INSERT INTO invitation_token (token_hash, invitation_id, issued_at) VALUES (:hash, :inv, :now)""")
                .param("hash", Tokens.hash(token))
                .param("inv", invitationId)
                .param("now", ts(now))
                .update();
        return token;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void retireTokens(UUID invitationId, Instant now) {
        jdbc.sql("UPDATE invitation_token SET retired_at = :now WHERE invitation_id = :inv AND retired_at IS NULL")
                .param("now", ts(now))
                .param("inv", invitationId)
                .update();
    }

    // --- letter settings and frozen texts ---

    SigningSettings settings(UUID letterId) {
        return jdbc.sql("""
                        SELECT expiry_days, first_reminder_days, reminder_every_days, max_reminders
                          FROM letter_signing WHERE letter_id = :letter""")
                .param("letter", letterId)
                .query(SigningSettings.class)
                .optional()
                .orElse(SigningSettings.DEFAULTS);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void saveSettings(UUID letterId, SigningSettings s) {
        jdbc.sql("""
                        INSERT INTO letter_signing (letter_id, expiry_days, first_reminder_days, reminder_every_days, max_reminders)
                        VALUES (:letter, :expiry, :first, :every, :max)
                        ON CONFLICT (letter_id) DO UPDATE SET expiry_days = :expiry, first_reminder_days = :first,
                               reminder_every_days = :every, max_reminders = :max""")
                .param("letter", letterId)
                .param("expiry", s.expiryDays())
                .param("first", s.firstReminderDays())
                .param("every", s.reminderEveryDays())
                .param("max", s.maxReminders())
                .update();
    }

    /** Records a newly frozen text and makes it the one signers sign. */
    @Transactional(propagation = Propagation.MANDATORY)
    void freeze(UUID letterId, FrozenText text, Instant now) {
        jdbc.sql("""
                        INSERT INTO signing_text (letter_id, revision, title, body, sha256, frozen_at)
                        VALUES (:letter, :revision, :title, :body, :sha, :now)
                        ON CONFLICT (letter_id, revision) DO NOTHING""")
                .param("letter", letterId)
                .param("revision", text.revision())
                .param("title", text.title())
                .param("body", text.body())
                .param("sha", text.sha256())
                .param("now", ts(now))
                .update();
        jdbc.sql("""
                        INSERT INTO letter_signing (letter_id, current_revision, opened_at) VALUES (:letter, :revision, :now)
                        ON CONFLICT (letter_id) DO UPDATE SET current_revision = :revision,
                               opened_at = COALESCE(letter_signing.opened_at, :now)""")
                .param("letter", letterId)
                .param("revision", text.revision())
                .param("now", ts(now))
                .update();
    }

    /**
     * The revision signers sign now. {@code FOR SHARE} when signing (many signers at once) and
     * {@code FOR UPDATE} when the text changes, so that a signature commits either wholly before a
     * change (and its signer is asked to re-confirm) or wholly after it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Integer> currentRevision(UUID letterId, boolean exclusive) {
        return jdbc.sql(
                        "SELECT current_revision FROM letter_signing WHERE letter_id = :letter AND current_revision IS NOT NULL FOR "
                                + (exclusive ? "UPDATE" : "SHARE"))
                .param("letter", letterId)
                .query((rs, n) -> rs.getInt(1))
                .optional();
    }

    /** The revision signers sign now, and until when the client is blocked from entering codes. */
    record SharedRevision(int revision, @Nullable Instant clientBlockedUntil) {}

    static final org.springframework.jdbc.core.RowMapper<SharedRevision> SHARED_REVISION =
            (rs, n) -> new SharedRevision(rs.getInt(1), instant(rs.getTimestamp(2)));

    /**
     * The revision signers sign now, {@code FOR SHARE} as {@link #currentRevision(UUID, boolean)},
     * found from the invitation (parameters {@code :inv, :client, :now}): a signing step takes this
     * lock before the invitation's without reading the invitation first. Reads the client's block
     * in the same statement. Sent with the step's other reads ({@link
     * SignatureRepository#lockForSigning}).
     */
    static final String REVISION_SHARED_OF =
            "SELECT s.current_revision, " + Throttle.blockedUntilColumn("client") + """
              FROM invitation i JOIN letter_signing s ON s.letter_id = i.letter_id
             WHERE i.id = :inv AND s.current_revision IS NOT NULL FOR SHARE OF s""";

    Optional<Integer> currentRevision(UUID letterId) {
        return jdbc.sql(
                        "SELECT current_revision FROM letter_signing WHERE letter_id = :letter AND current_revision IS NOT NULL")
                .param("letter", letterId)
                .query((rs, n) -> rs.getInt(1))
                .optional();
    }

    /** The text signers sign now: the current revision, then its text (from the cache when it is there). */
    Optional<FrozenText> currentText(UUID letterId) {
        return currentRevision(letterId).flatMap(revision -> text(letterId, revision));
    }

    private static final org.springframework.jdbc.core.RowMapper<FrozenText> TEXT =
            (rs, n) -> new FrozenText(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4));

    /**
     * Frozen texts never change (a change of the letter is a new revision, and {@link #freeze}
     * never overwrites one), so the last few read are kept: every signing page shows or hashes
     * one, and a letter open for signatures is read by all its signers.
     */
    private final java.util.Map<String, FrozenText> texts =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(32, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, FrozenText> eldest) {
                    return size() > 32;
                }
            });

    Optional<FrozenText> text(UUID letterId, int revision) {
        String key = letterId + "#" + revision;
        FrozenText cached = texts.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<FrozenText> read = jdbc.sql(
                        "SELECT revision, title, body, sha256 FROM signing_text WHERE letter_id = :letter AND revision = :revision")
                .param("letter", letterId)
                .param("revision", revision)
                .query(TEXT)
                .optional();
        read.ifPresent(t -> texts.put(key, t));
        return read;
    }
}
