package org.undersigned.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.undersigned.Fixtures;
import org.undersigned.IntegrationTest;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.RefusedException;
import org.undersigned.base.SignedInUser;
import org.undersigned.base.Tokens;

@IntegrationTest
class AccountServiceTest {

    static final String MEGABYTE = "x".repeat(1 << 20);

    @Autowired
    AccountService accounts;

    @Autowired
    OrganisationService organisations;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    SessionRegistry sessions;

    @Autowired
    JdbcClient jdbc;

    AccountScenarios scenarios;

    @BeforeEach
    void setUp() {
        scenarios = new AccountScenarios(accounts, organisations, jdbc);
    }

    @AfterEach
    void signOut() {
        Fixtures.actAsNobody();
    }

    // --- Sign-up ----------------------------------------------------------------------------------

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
        assertThat(count("""
                        SELECT count(*) FROM membership m JOIN organisation o ON o.id = m.organisation_id
                         JOIN account a ON a.id = m.account_id WHERE o.name = ? AND a.email = ? AND m.role = 'OWNER'""", org, email)).isOne();
    }

    @Test
    void aNameRegisteredAlreadyIsRefusedEvenInAnotherCaseOrSpacingAndCreatesNothing() {
        String taken = Fixtures.unique("Human Rights House");
        accounts.signUp(Fixtures.signUp(taken, Fixtures.uniqueEmail()));

        for (String sameName : List.of(
                taken,
                taken.toUpperCase(),
                taken.toLowerCase(),
                "  " + taken.replace(" ", "   ") + " ",
                taken.replace(" ", "\u00A0"))) {
            String email = Fixtures.uniqueEmail();
            assertThatThrownBy(() -> accounts.signUp(Fixtures.signUp(sameName, email)))
                    .as(sameName)
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.fieldErrors()).containsOnlyKeys("organisationName"));
            assertNothingFor(email);
        }
        assertThat(count("SELECT count(*) FROM organisation WHERE lower(name) = lower(?)", taken))
                .isOne();
    }

    @Test
    void anAzerbaijaniNameInCapitalsIsTheSameOrganisation() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        accounts.signUp(Fixtures.signUp("Azərbaycan İnsan Hüquqları Cəmiyyəti " + suffix, Fixtures.uniqueEmail()));

        String email = Fixtures.uniqueEmail();
        assertThatThrownBy(() -> accounts.signUp(
                        Fixtures.signUp("AZƏRBAYCAN İNSAN HÜQUQLARI CƏMİYYƏTİ " + suffix.toUpperCase(), email)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("organisationName"));
        assertNothingFor(email);
    }

    /** The answer is the same as for a new address, so the form never tells who has an account. */
    @Test
    void aRegisteredAddressCreatesNothingAndIsToldByMail() {
        String email = Fixtures.uniqueEmail();
        accounts.signUp(Fixtures.signUp(Fixtures.unique("First Org"), email));
        String secondOrg = Fixtures.unique("Second Org");

        String answer = accounts.signUp(Fixtures.signUp(secondOrg, "  " + email.toUpperCase() + " "));

        assertThat(answer).isEqualTo(email);
        assertThat(count("SELECT count(*) FROM organisation WHERE name = ?", secondOrg))
                .isZero();
        assertThat(count("SELECT count(*) FROM account WHERE email = ?", email)).isOne();
        assertThat(count("SELECT count(*) FROM mail_outbox WHERE recipient = ? AND kind = 'VERIFY_EMAIL'", email))
                .isOne();
        assertThat(count(
                        "SELECT count(*) FROM mail_outbox WHERE recipient = ? AND kind = 'ALREADY_REGISTERED' AND text_body LIKE ?",
                        email,
                        "%" + secondOrg + "%"))
                .isOne();
    }

    @Test
    void aMegabyteInAnyFieldIsRefusedNextToThatFieldAndCreatesNothing() {
        Map<String, UnaryOperator<OrganisationSignUp>> fields = Map.of(
                "organisationName", f -> with(f, MEGABYTE, null, null, null, null, null),
                "country", f -> with(f, null, MEGABYTE, null, null, null, null),
                "website", f -> with(f, null, null, MEGABYTE, null, null, null),
                "domains", f -> with(f, null, null, null, MEGABYTE, null, null),
                "ownerName", f -> with(f, null, null, null, null, MEGABYTE, null),
                "ownerEmail", f -> with(f, null, null, null, null, null, MEGABYTE + "@example.org"),
                "password",
                        f -> new OrganisationSignUp(
                                f.organisationName(),
                                f.country(),
                                f.website(),
                                f.domains(),
                                f.ownerName(),
                                f.ownerEmail(),
                                MEGABYTE,
                                MEGABYTE));
        fields.forEach((field, change) -> {
            String email = Fixtures.uniqueEmail();
            String name = Fixtures.unique("Org");
            OrganisationSignUp form = change.apply(Fixtures.signUp(name, email));

            assertThatThrownBy(() -> accounts.signUp(form))
                    .as(field)
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.fieldErrors()).containsOnlyKeys(field));
            assertThat(count("SELECT count(*) FROM organisation WHERE name = ?", name))
                    .isZero();
            assertNothingFor(email);
        });
    }

    /** The website becomes a link in the administrators' views: only http(s) to a real host. */
    @Test
    void aWebsiteMustBeAnHttpAddressAndIsStoredWithItsScheme() {
        for (String bad : List.of(
                "javascript:alert(1)",
                "javascript://example.org/%0Aalert(1)",
                "data:text/html,<script>alert(1)</script>",
                "ftp://example.org",
                "https://localhost",
                "https://example.org/\"><script>",
                "https://exa mple.org")) {
            String email = Fixtures.uniqueEmail();
            assertThatThrownBy(() -> accounts.signUp(
                            with(Fixtures.signUp(Fixtures.unique("Org"), email), null, null, bad, null, null, null)))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.fieldErrors()).containsOnlyKeys("website"));
            assertNothingFor(email);
        }
        String org = Fixtures.unique("Org");
        accounts.signUp(
                with(Fixtures.signUp(org, Fixtures.uniqueEmail()), null, null, "hrh.example.org/en", null, null, null));
        assertThat(jdbc.sql("SELECT website FROM organisation WHERE name = ?")
                        .param(org)
                        .query(String.class)
                        .single())
                .isEqualTo("https://hrh.example.org/en");
    }

    @Test
    void emailDomainsAreSplitNormalisedAndDeduplicated() {
        String org = Fixtures.unique("Org");
        accounts.signUp(with(
                Fixtures.signUp(org, Fixtures.uniqueEmail()),
                null,
                null,
                null,
                "HRH.example.org, @hrh.example.org; www.mail.example.org\nhrh.example.org",
                null,
                null));

        assertThat(jdbc.sql(
                                "SELECT d.domain FROM organisation_domain d JOIN organisation o ON o.id = d.organisation_id WHERE o.name = ? ORDER BY 1")
                        .param(org)
                        .query(String.class)
                        .list())
                .containsExactly("hrh.example.org", "mail.example.org");

        String email = Fixtures.uniqueEmail();
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            many.append("d").append(i).append(".example.org ");
        }
        assertThatThrownBy(() -> accounts.signUp(with(
                        Fixtures.signUp(Fixtures.unique("Org"), email), null, null, null, many.toString(), null, null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("domains"));
        assertNothingFor(email);
    }

    @Test
    void aScriptTagInANameIsStoredAsTextAndEscapedInTheMail() {
        String email = Fixtures.uniqueEmail();
        String org = "<script>alert(1)</script> " + Fixtures.unique("Org");
        String owner = "Jane <img src=x onerror=alert(1)> Doe";

        accounts.signUp(new OrganisationSignUp(org, "GE", "", "", owner, email, Fixtures.PASSWORD, Fixtures.PASSWORD));

        assertThat(count("SELECT count(*) FROM organisation WHERE name = ?", org))
                .isOne();
        assertThat(jdbc.sql("SELECT display_name FROM account WHERE email = ?")
                        .param(email)
                        .query(String.class)
                        .single())
                .isEqualTo(owner);
        String html = jdbc.sql("SELECT html_body FROM mail_outbox WHERE recipient = ?")
                .param(email)
                .query(String.class)
                .single();
        assertThat(html)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>")
                .doesNotContain("<img");
    }

    @Test
    void directionOverridesAndZeroWidthSpacesInNamesAreRefused() {
        String email = Fixtures.uniqueEmail();
        String org = Fixtures.unique("Org");
        assertThatThrownBy(() -> accounts.signUp(new OrganisationSignUp(
                        "Rights \u202Eevil\u202C " + org,
                        "AZ",
                        "",
                        "",
                        "Jane\u200BDoe",
                        email,
                        Fixtures.PASSWORD,
                        Fixtures.PASSWORD)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("organisationName", "ownerName"));
        assertNothingFor(email);
    }

    @Test
    void namesInAzerbaijaniGeorgianRussianAndArabicRoundTripByteForByte() {
        String suffix = " " + UUID.randomUUID().toString().substring(0, 6);
        List<String> names = List.of(
                "Azərbaycan İnsan Hüquqları Cəmiyyəti — ğ ı ş ç ö ü" + suffix,
                "საქართველოს ახალგაზრდა იურისტთა ასოციაცია" + suffix,
                "Правозащитный центр «Мемориал»" + suffix,
                "مركز القاهرة لدراسات حقوق الإنسان" + suffix,
                "ა".repeat(200 - suffix.length()) + suffix);
        for (String name : names) {
            String email = Fixtures.uniqueEmail();
            // Typed on a keyboard that sends decomposed letters: stored composed (NFC).
            String typed = Normalizer.normalize(name, Normalizer.Form.NFD);
            accounts.signUp(
                    new OrganisationSignUp(typed, "AZ", "", "", typed, email, Fixtures.PASSWORD, Fixtures.PASSWORD));

            byte[] stored = jdbc.sql("SELECT convert_to(name, 'UTF8') FROM organisation WHERE name_key = ?")
                    .param(org.undersigned.base.Text.key(name))
                    .query(byte[].class)
                    .single();
            assertThat(stored).as(name).isEqualTo(name.getBytes(StandardCharsets.UTF_8));
            assertThat(jdbc.sql("SELECT display_name FROM account WHERE email = ?")
                            .param(email)
                            .query(String.class)
                            .single())
                    .isEqualTo(name);

            UUID ownerId = scenarios.accountId(email);
            Fixtures.actAs(ownerId, email, false, false);
            assertThat(organisations.myOrganisations())
                    .singleElement()
                    .satisfies(m -> assertThat(m.organisationName()).isEqualTo(name));
            Fixtures.actAsNobody();
        }
    }

    // --- Confirming the address -------------------------------------------------------------------

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
        assertThat(accounts.peekEmailVerification(token)).isEmpty();
        assertThatThrownBy(() -> accounts.verifyEmail("A".repeat(43))).isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> accounts.verifyEmail("../../etc/passwd")).isInstanceOf(RefusedException.class);
    }

    @Test
    void forgedTruncatedAlteredOrForeignTokensConfirmNothing() {
        String email = Fixtures.uniqueEmail();
        accounts.signUp(Fixtures.signUp(Fixtures.unique("Org"), email));
        String token = tokenFromMail(email, "/account/verify/");
        accounts.requestPasswordReset(email);
        String resetToken = tokenFromMail(email, "/account/reset/");
        char last = token.charAt(42);

        for (String bad : List.of(
                Tokens.newToken(),
                token.substring(0, 42),
                token + "A",
                token.substring(0, 42) + (last == 'A' ? 'B' : 'A'),
                token.toUpperCase().equals(token) ? token.toLowerCase() : token.toUpperCase(),
                resetToken,
                "",
                " " + token)) {
            assertThat(accounts.peekEmailVerification(bad)).as(bad).isEmpty();
            assertThatThrownBy(() -> accounts.verifyEmail(bad)).as(bad).isInstanceOf(RefusedException.class);
        }
        assertThat(count("SELECT count(*) FROM account WHERE email = ? AND email_verified_at IS NULL", email))
                .isOne();
        assertThat(accounts.verifyEmail(token)).isEqualTo(email);
    }

    // --- Password reset ---------------------------------------------------------------------------

    @Test
    void resetForAnUnknownAddressSendsNothingAndSaysNothing() {
        String unknown = Fixtures.uniqueEmail();

        assertThatCode(() -> accounts.requestPasswordReset(unknown)).doesNotThrowAnyException();

        assertThat(count("SELECT count(*) FROM mail_outbox WHERE recipient = ?", unknown))
                .isZero();
    }

    @Test
    void resetForADisabledAccountSendsNothing() {
        AccountScenarios.Registered org = scenarios.organisation();
        jdbc.sql("UPDATE account SET disabled_at = now() WHERE id = ?")
                .param(org.ownerId())
                .update();

        accounts.requestPasswordReset(org.ownerEmail());

        assertThat(count(
                        "SELECT count(*) FROM mail_outbox WHERE recipient = ? AND kind = 'PASSWORD_RESET'",
                        org.ownerEmail()))
                .isZero();
    }

    @Test
    void resetLinkSetsANewPasswordOnceConfirmsTheAddressAndNeedsTwelveCharacters() {
        String email = Fixtures.uniqueEmail();
        accounts.signUp(Fixtures.signUp(Fixtures.unique("Org"), email));
        accounts.requestPasswordReset(email.toUpperCase());
        String token = tokenFromMail(email, "/account/reset/");

        assertThat(accounts.peekPasswordReset(token)).contains(email);
        assertThatThrownBy(() -> accounts.resetPassword(token, "elevenchars", "elevenchars"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("password"));
        assertThatThrownBy(() -> accounts.resetPassword(token, "a new password!", "another password"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("passwordRepeat"));
        assertThat(accounts.peekPasswordReset(token))
                .as("a refused password leaves the link usable")
                .contains(email);

        accounts.resetPassword(token, "twelve chars", "twelve chars");

        String hash = passwordHash(email);
        assertThat(passwordEncoder.matches("twelve chars", hash)).isTrue();
        assertThat(passwordEncoder.matches(Fixtures.PASSWORD, hash)).isFalse();
        assertThat(count("SELECT count(*) FROM account WHERE email = ? AND email_verified_at IS NOT NULL", email))
                .as("the link proves the address")
                .isOne();
        assertThatThrownBy(() -> accounts.resetPassword(token, "yet another password", "yet another password"))
                .isInstanceOf(RefusedException.class);
        assertThat(passwordEncoder.matches("twelve chars", passwordHash(email))).isTrue();
    }

    @Test
    void aNewerResetLinkMakesTheOlderOneUseless() {
        AccountScenarios.Registered org = scenarios.organisation();
        accounts.requestPasswordReset(org.ownerEmail());
        String older = tokenFromMail(org.ownerEmail(), "/account/reset/");
        accounts.requestPasswordReset(org.ownerEmail());
        String newer = tokenFromMail(org.ownerEmail(), "/account/reset/");

        assertThat(accounts.peekPasswordReset(older)).isEmpty();
        assertThatThrownBy(() -> accounts.resetPassword(older, "a fresh password", "a fresh password"))
                .isInstanceOf(RefusedException.class);
        assertThat(accounts.peekPasswordReset(newer)).contains(org.ownerEmail());
    }

    /** A reset is how a person locks out someone who learned their password. */
    @Test
    void aPasswordResetEndsTheAccountsOpenSessions() {
        AccountScenarios.Registered org = scenarios.organisation();
        var principal = new SignedInUser(org.ownerId(), org.ownerEmail(), "Jane Doe", false);
        String sessionId = "session-" + UUID.randomUUID();
        sessions.registerNewSession(sessionId, principal);
        accounts.requestPasswordReset(org.ownerEmail());

        accounts.resetPassword(
                tokenFromMail(org.ownerEmail(), "/account/reset/"), "a fresh password", "a fresh password");

        assertThat(sessions.getSessionInformation(sessionId).isExpired()).isTrue();
        sessions.removeSessionInformation(sessionId);
    }

    // --- Joining an organisation ------------------------------------------------------------------

    @Test
    void aNewPersonJoinsWithANameAndPasswordAndTheLinkProvesTheirAddress() {
        AccountScenarios.Registered org = scenarios.organisation();
        String email = Fixtures.uniqueEmail();
        String token = scenarios.invite(org, email, Role.MEMBER);

        assertThat(accounts.peekJoin(token))
                .contains(new JoinInvitation(org.organisationName(), email, Role.MEMBER, false));
        assertThatThrownBy(() -> accounts.acceptJoin(token, "Nino Beridze", "short", "short"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("password"));
        assertThatThrownBy(() -> accounts.acceptJoin(token, null, null, null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("name", "password"));
        assertThat(count("SELECT count(*) FROM account WHERE email = ?", email)).isZero();

        accounts.acceptJoin(token, "ნინო ბერიძე", Fixtures.PASSWORD, Fixtures.PASSWORD);

        UUID id = scenarios.accountId(email);
        assertThat(count(
                        "SELECT count(*) FROM account WHERE id = ? AND email_verified_at IS NOT NULL AND display_name = ?",
                        id,
                        "ნინო ბერიძე"))
                .isOne();
        assertThat(passwordEncoder.matches(Fixtures.PASSWORD, passwordHash(email)))
                .isTrue();
        Fixtures.actAs(id, email, false, false);
        assertThat(organisations.myOrganisations())
                .containsExactly(new Membership(org.organisationId(), org.organisationName(), Role.MEMBER, false));
        assertThatThrownBy(() -> accounts.acceptJoin(token, "Again", Fixtures.PASSWORD, Fixtures.PASSWORD))
                .isInstanceOf(RefusedException.class);
    }

    @Test
    void aPersonWithAnAccountJoinsASecondOrganisationWithoutAPassword() {
        AccountScenarios.Registered first = scenarios.organisation();
        AccountScenarios.Registered second = scenarios.organisation();
        String hashBefore = passwordHash(first.ownerEmail());
        String token = scenarios.invite(second, first.ownerEmail(), Role.OWNER);

        assertThat(accounts.peekJoin(token))
                .hasValueSatisfying(i -> assertThat(i.hasAccount()).isTrue());
        accounts.acceptJoin(token, null, null, null);

        assertThat(count("SELECT count(*) FROM account WHERE email = ?", first.ownerEmail()))
                .isOne();
        assertThat(passwordHash(first.ownerEmail())).isEqualTo(hashBefore);
        first.actAsOwner();
        assertThat(organisations.myOrganisations())
                .extracting(Membership::organisationId, Membership::role)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(first.organisationId(), Role.OWNER),
                        org.assertj.core.groups.Tuple.tuple(second.organisationId(), Role.OWNER));
    }

    /**
     * Someone may register an organisation with another person's address and a password of
     * their own; the account stays unconfirmed. When that person later accepts a real
     * invitation, the link must not confirm the stranger's password for them.
     */
    @Test
    void joiningDoesNotConfirmAnAccountSomeoneElseRegisteredWithTheAddress() {
        String victim = Fixtures.uniqueEmail();
        String strangersPassword = "the stranger knows this";
        accounts.signUp(new OrganisationSignUp(
                Fixtures.unique("Front Org"), "AZ", "", "", "Impostor", victim, strangersPassword, strangersPassword));
        AccountScenarios.Registered real = scenarios.organisation();
        String token = scenarios.invite(real, victim, Role.MEMBER);

        assertThat(accounts.peekJoin(token))
                .as("an unconfirmed account is not one the invited person has")
                .hasValueSatisfying(i -> assertThat(i.hasAccount()).isFalse());
        assertThatThrownBy(() -> accounts.acceptJoin(token, null, null, null))
                .isInstanceOf(InvalidInputException.class);
        accounts.acceptJoin(token, "Real Person", Fixtures.PASSWORD, Fixtures.PASSWORD);

        String hash = passwordHash(victim);
        assertThat(passwordEncoder.matches(strangersPassword, hash)).isFalse();
        assertThat(passwordEncoder.matches(Fixtures.PASSWORD, hash)).isTrue();
        assertThat(jdbc.sql("SELECT display_name FROM account WHERE email = ?")
                        .param(victim)
                        .query(String.class)
                        .single())
                .isEqualTo("Real Person");
        assertThat(count("SELECT count(*) FROM account WHERE email = ? AND email_verified_at IS NOT NULL", victim))
                .isOne();
    }

    // --- helpers ----------------------------------------------------------------------------------

    void assertNothingFor(String email) {
        assertThat(count("SELECT count(*) FROM account WHERE email = ?", email)).isZero();
        assertThat(count("SELECT count(*) FROM mail_outbox WHERE recipient = ?", email))
                .isZero();
    }

    static OrganisationSignUp with(
            OrganisationSignUp f,
            String organisationName,
            String country,
            String website,
            String domains,
            String ownerName,
            String ownerEmail) {
        return new OrganisationSignUp(
                organisationName == null ? f.organisationName() : organisationName,
                country == null ? f.country() : country,
                website == null ? f.website() : website,
                domains == null ? f.domains() : domains,
                ownerName == null ? f.ownerName() : ownerName,
                ownerEmail == null ? f.ownerEmail() : ownerEmail,
                f.password(),
                f.passwordRepeat());
    }

    String passwordHash(String email) {
        return jdbc.sql("SELECT password_hash FROM account WHERE email = ?")
                .param(email)
                .query(String.class)
                .single();
    }

    long count(String sql, Object... args) {
        return scenarios.count(sql, args);
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
