package org.undersigned.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.base.Tokens;

/** Single-use links: the raw token goes into a mail or the log, only its SHA-256 is stored. */
@Repository
class ActionTokens {

    enum Purpose {
        ADMIN_SETUP,
        VERIFY_EMAIL,
        PASSWORD_RESET,
        JOIN_ORGANISATION
    }

    record ActionToken(
            Purpose purpose,
            @Nullable UUID accountId,
            @Nullable UUID organisationId,
            @Nullable String email,
            @Nullable Role role,
            @Nullable UUID createdBy,
            @Nullable Instant expiresAt) {}

    private static final String COLUMNS = "purpose, account_id, organisation_id, email, role, created_by, expires_at";

    private final JdbcClient jdbc;

    ActionTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates a token and returns it; the caller puts it into a link and forgets it. */
    @Transactional(propagation = Propagation.MANDATORY)
    String create(
            Purpose purpose,
            @Nullable UUID accountId,
            @Nullable UUID organisationId,
            @Nullable String email,
            @Nullable Role role,
            @Nullable UUID createdBy,
            Instant now,
            @Nullable Duration validFor) {
        String token = Tokens.newToken();
        jdbc.sql("""
                        INSERT INTO action_token (token_hash, purpose, account_id, organisation_id, email, role, created_by, created_at, expires_at)
                        VALUES (:hash, :purpose, :account, :org, :email, :role, :by, :now, :expires)""")
                .param("hash", Tokens.hash(token))
                .param("purpose", purpose.name())
                .param("account", accountId)
                .param("org", organisationId)
                .param("email", email)
                .param("role", role == null ? null : role.name())
                .param("by", createdBy)
                .param("now", AccountRepository.ts(now))
                .param("expires", validFor == null ? null : AccountRepository.ts(now.plus(validFor)))
                .update();
        return token;
    }

    /** The token if it exists for that purpose, is unused and has not expired; changes nothing. */
    Optional<ActionToken> peek(Purpose purpose, String token, Instant now) {
        if (!Tokens.looksLikeToken(token)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM action_token WHERE token_hash = :hash AND purpose = :purpose"
                        + " AND used_at IS NULL AND (expires_at IS NULL OR expires_at > :now)")
                .param("hash", Tokens.hash(token))
                .param("purpose", purpose.name())
                .param("now", AccountRepository.ts(now))
                .query(ActionToken.class)
                .optional();
    }

    /** Uses the token up, atomically: of two concurrent callers only one gets it. */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<ActionToken> consume(Purpose purpose, String token, Instant now) {
        if (!Tokens.looksLikeToken(token)) {
            return Optional.empty();
        }
        return jdbc.sql("UPDATE action_token SET used_at = :now WHERE token_hash = :hash AND purpose = :purpose"
                        + " AND used_at IS NULL AND (expires_at IS NULL OR expires_at > :now) RETURNING " + COLUMNS)
                .param("hash", Tokens.hash(token))
                .param("purpose", purpose.name())
                .param("now", AccountRepository.ts(now))
                .query(ActionToken.class)
                .optional();
    }

    /** Makes every open token of that purpose for the account unusable (e.g. older reset links). */
    @Transactional(propagation = Propagation.MANDATORY)
    void expireOpen(Purpose purpose, UUID accountId, Instant now) {
        jdbc.sql(
                        "UPDATE action_token SET used_at = :now WHERE purpose = :purpose AND account_id = :account AND used_at IS NULL")
                .param("now", AccountRepository.ts(now))
                .param("purpose", purpose.name())
                .param("account", accountId)
                .update();
    }
}
