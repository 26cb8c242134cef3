package org.undersigned.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.undersigned.Fixtures;

/**
 * Builds organisations, members and administrators for tests, through the real services where
 * a service exists for it. Leaves the security context as it found it.
 */
final class AccountScenarios {

    /** A registered organisation whose owner has confirmed their address. */
    record Registered(UUID organisationId, String organisationName, UUID ownerId, String ownerEmail) {
        void actAsOwner() {
            Fixtures.actAs(ownerId, ownerEmail, false, false);
        }
    }

    private final AccountService accounts;
    private final OrganisationService organisations;
    private final JdbcClient jdbc;

    AccountScenarios(AccountService accounts, OrganisationService organisations, JdbcClient jdbc) {
        this.accounts = accounts;
        this.organisations = organisations;
        this.jdbc = jdbc;
    }

    Registered organisation() {
        String email = Fixtures.uniqueEmail();
        String name = Fixtures.unique("Human Rights Centre");
        accounts.signUp(Fixtures.signUp(name, email));
        accounts.verifyEmail(latestToken(email, "/account/verify/"));
        UUID organisationId = jdbc.sql("SELECT id FROM organisation WHERE name = ?")
                .param(name)
                .query(UUID.class)
                .single();
        return new Registered(organisationId, name, accountId(email), email);
    }

    /** Invites a new person on behalf of the owner and has them accept; returns their account id. */
    UUID newMember(Registered organisation, Role role) {
        String email = Fixtures.uniqueEmail();
        invite(organisation, email, role);
        accounts.acceptJoin(latestToken(email, "/account/join/"), "New Member", Fixtures.PASSWORD, Fixtures.PASSWORD);
        return accountId(email);
    }

    /** The owner invites {@code email}; returns the invitation link's token. */
    String invite(Registered organisation, String email, Role role) {
        Authentication saved = SecurityContextHolder.getContext().getAuthentication();
        try {
            organisation.actAsOwner();
            organisations.invite(organisation.organisationId(), email, role);
        } finally {
            SecurityContextHolder.getContext().setAuthentication(saved);
        }
        return latestToken(email, "/account/join/");
    }

    /**
     * An administrator account, written directly: the setup link that creates one through the
     * service works only while no administrator exists (see FirstAdministratorTest).
     */
    UUID administrator(String email) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                        INSERT INTO account (id, email, display_name, is_admin, email_verified_at, created_at)
                        VALUES (?, ?, 'Test Administrator', true, ?, ?)""").params(id, email, now, now).update();
        return id;
    }

    UUID accountId(String email) {
        return jdbc.sql("SELECT id FROM account WHERE email = ?")
                .param(email)
                .query(UUID.class)
                .single();
    }

    String latestToken(String email, String path) {
        String body = jdbc.sql("SELECT text_body FROM mail_outbox WHERE recipient = ? ORDER BY id DESC LIMIT 1")
                .param(email)
                .query(String.class)
                .single();
        Matcher m = Pattern.compile(Pattern.quote(path) + "([A-Za-z0-9_-]{43})").matcher(body);
        assertThat(m.find())
                .as("a link to %s in the latest mail to %s", path, email)
                .isTrue();
        return m.group(1);
    }

    long count(String sql, Object... args) {
        return jdbc.sql(sql).params(args).query(Long.class).single();
    }
}
