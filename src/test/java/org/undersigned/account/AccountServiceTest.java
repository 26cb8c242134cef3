package org.undersigned.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Fixtures;
import org.undersigned.IntegrationTest;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.RefusedException;

@IntegrationTest
class AccountServiceTest {

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void signUpCreatesOrganisationOwnerAndVerificationMailInOneGo() {
        String email = Fixtures.uniqueEmail();
        String org = Fixtures.unique("Society for the Protection of Rights");

        String sentTo = accounts.signUp(Fixtures.signUp(org, email));

        assertThat(sentTo).isEqualTo(email);
        assertThat(count("SELECT count(*) FROM organisation WHERE name = ?", org))
                .isOne();
        assertThat(count("SELECT count(*) FROM account WHERE email = ? AND email_verified_at IS NULL", email))
                .isOne();
        assertThat(count("SELECT count(*) FROM mail_outbox WHERE recipient = ? AND kind = 'VERIFY_EMAIL'", email))
                .isOne();
    }

    @Test
    void verificationLinkWorksOnceAndOnlyThroughItsToken() {
        String email = Fixtures.uniqueEmail();
        accounts.signUp(Fixtures.signUp(Fixtures.unique("Org"), email));
        String token = tokenFromMail(email, "/account/verify/");

        assertThat(accounts.peekEmailVerification(token)).contains(email);
        assertThat(accounts.peekEmailVerification(token))
                .as("peeking changes nothing")
                .contains(email);
        accounts.verifyEmail(token);

        assertThat(count("SELECT count(*) FROM account WHERE email = ? AND email_verified_at IS NOT NULL", email))
                .isOne();
        assertThatThrownBy(() -> accounts.verifyEmail(token)).isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> accounts.verifyEmail("A".repeat(43))).isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> accounts.verifyEmail("../../etc/passwd")).isInstanceOf(RefusedException.class);
    }

    @Test
    void malformedEmailIsRefusedNextToItsFieldAndLeavesNoRow() {
        String org = Fixtures.unique("Org");
        assertThatThrownBy(() -> accounts.signUp(Fixtures.signUp(org, "not-an-address")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("ownerEmail"));
        assertThat(count("SELECT count(*) FROM organisation WHERE name = ?", org))
                .isZero();
    }

    long count(String sql, Object arg) {
        return jdbc.sql(sql).param(arg).query(Long.class).single();
    }

    String tokenFromMail(String email, String path) {
        String body = jdbc.sql("SELECT text_body FROM mail_outbox WHERE recipient = ? ORDER BY id DESC LIMIT 1")
                .param(email)
                .query(String.class)
                .single();
        Matcher m = Pattern.compile(Pattern.quote(path) + "([A-Za-z0-9_-]{43})").matcher(body);
        assertThat(m.find()).as("a link in the mail").isTrue();
        return m.group(1);
    }
}
