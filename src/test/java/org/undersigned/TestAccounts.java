package org.undersigned;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.undersigned.account.AccountService;

/**
 * Makes accounts the way people do (registering an organisation, confirming the mailed link), or
 * directly in the database where the way there is not what a test is about (an administrator).
 */
public final class TestAccounts {

    /** A registered organisation and its first owner. */
    public record Registered(UUID accountId, UUID organisationId, String email, String organisation) {}

    private final AccountService accounts;
    private final JdbcClient jdbc;

    public TestAccounts(AccountService accounts, JdbcClient jdbc) {
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    /** Registers an organisation; its owner's address is confirmed only when {@code confirm}. */
    public Registered register(boolean confirm) {
        String email = Fixtures.uniqueEmail();
        String organisation = Fixtures.unique("Committee for Rights");
        accounts.signUp(Fixtures.signUp(organisation, email));
        if (confirm) {
            accounts.verifyEmail(tokenFromMail(email, "/account/verify/"));
        }
        UUID accountId = jdbc.sql("SELECT id FROM account WHERE email = ?")
                .param(email)
                .query(UUID.class)
                .single();
        UUID organisationId = jdbc.sql("SELECT id FROM organisation WHERE name = ?")
                .param(organisation)
                .query(UUID.class)
                .single();
        return new Registered(accountId, organisationId, email, organisation);
    }

    /** A confirmed platform administrator with {@link Fixtures#PASSWORD}, straight into the table. */
    public UUID administrator(PasswordEncoder encoder) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO account (id, email, display_name, password_hash, is_admin, email_verified_at, created_at)
                        VALUES (?, ?, 'Test Administrator', ?, true, ?, ?)""")
                .params(
                        id,
                        Fixtures.uniqueEmail(),
                        encoder.encode(Fixtures.PASSWORD),
                        Timestamp.from(Instant.now()),
                        Timestamp.from(Instant.now()))
                .update();
        return id;
    }

    public void disable(UUID accountId) {
        jdbc.sql("UPDATE account SET disabled_at = now() WHERE id = ?")
                .param(accountId)
                .update();
    }

    /** The token of the newest mail to {@code email} whose link starts with {@code path}. */
    public String tokenFromMail(String email, String path) {
        String body = jdbc.sql("SELECT text_body FROM mail_outbox WHERE recipient = ? ORDER BY id DESC LIMIT 1")
                .param(email)
                .query(String.class)
                .single();
        Matcher m = Pattern.compile(Pattern.quote(path) + "([A-Za-z0-9_-]{43})").matcher(body);
        assertThat(m.find()).as("a link in the mail to " + email).isTrue();
        return m.group(1);
    }
}
