package org.undersigned.account;

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

/** SQL for accounts. Writes run only inside a service's transaction. */
@Repository
class AccountRepository {

    private static final String COLUMNS =
            "id, email, display_name, is_admin AS admin, email_verified_at, disabled_at, created_at";

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The columns sign-in needs, including the password hash. */
    record Credentials(
            UUID id,
            String email,
            String displayName,
            @Nullable String passwordHash,
            boolean admin,
            @Nullable Instant emailVerifiedAt,
            @Nullable Instant disabledAt) {}

    /** The second-factor columns. */
    record SecondFactorColumns(
            byte @Nullable [] totpSecret,
            @Nullable Instant totpConfirmedAt,
            @Nullable Long totpLastStep) {}

    Optional<Account> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id = :id")
                .param("id", id)
                .query(Account.class)
                .optional();
    }

    Optional<Account> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE email = :email")
                .param("email", email)
                .query(Account.class)
                .optional();
    }

    Optional<Credentials> credentials(String email) {
        return jdbc.sql(
                        "SELECT id, email, display_name, password_hash, is_admin AS admin, email_verified_at, disabled_at FROM account WHERE email = :email")
                .param("email", email)
                .query(Credentials.class)
                .optional();
    }

    List<Account> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account ORDER BY created_at DESC LIMIT 5000")
                .query(Account.class)
                .list();
    }

    boolean adminExists() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM account WHERE is_admin)")
                .query(Boolean.class)
                .single();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void insert(
            UUID id,
            String email,
            String name,
            String passwordHash,
            boolean admin,
            @Nullable Instant verifiedAt,
            Instant now) {
        jdbc.sql("""
                        INSERT INTO account (id, email, display_name, password_hash, is_admin, email_verified_at, created_at)
                        VALUES (:id, :email, :name, :hash, :admin, :verified, :now)""")
                .param("id", id)
                .param("email", email)
                .param("name", name)
                .param("hash", passwordHash)
                .param("admin", admin)
                .param("verified", ts(verifiedAt))
                .param("now", ts(now))
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void markVerified(UUID id, Instant now) {
        jdbc.sql("UPDATE account SET email_verified_at = COALESCE(email_verified_at, :now) WHERE id = :id")
                .param("now", ts(now))
                .param("id", id)
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void setPasswordHash(UUID id, String hash) {
        jdbc.sql("UPDATE account SET password_hash = :hash WHERE id = :id")
                .param("hash", hash)
                .param("id", id)
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void setNameAndPasswordHash(UUID id, String name, String hash) {
        jdbc.sql("UPDATE account SET display_name = :name, password_hash = :hash WHERE id = :id")
                .param("name", name)
                .param("hash", hash)
                .param("id", id)
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void setDisabled(UUID id, @Nullable Instant disabledAt) {
        jdbc.sql("UPDATE account SET disabled_at = :at WHERE id = :id")
                .param("at", ts(disabledAt))
                .param("id", id)
                .update();
    }

    Optional<SecondFactorColumns> secondFactor(UUID id) {
        return jdbc.sql("SELECT totp_secret, totp_confirmed_at, totp_last_step FROM account WHERE id = :id")
                .param("id", id)
                .query(SecondFactorColumns.class)
                .optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void setPendingTotpSecret(UUID id, byte[] sealed) {
        jdbc.sql(
                        "UPDATE account SET totp_secret = :secret, totp_confirmed_at = NULL, totp_last_step = NULL WHERE id = :id AND totp_confirmed_at IS NULL")
                .param("secret", sealed)
                .param("id", id)
                .update();
    }

    /** Records a used time step; false when it was not newer than the last one (a replay). */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean useTotpStep(UUID id, long step, Instant now) {
        return jdbc.sql("""
                        UPDATE account SET totp_last_step = :step, totp_confirmed_at = COALESCE(totp_confirmed_at, :now)
                         WHERE id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)""")
                        .param("step", step)
                        .param("now", ts(now))
                        .param("id", id)
                        .update()
                == 1;
    }

    static @Nullable Timestamp ts(@Nullable Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
