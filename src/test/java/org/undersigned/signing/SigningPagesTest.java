package org.undersigned.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Fixtures;
import org.undersigned.base.Tokens;
import org.undersigned.e2e.RunningApp;
import org.undersigned.letter.LetterService;

/**
 * The signing pages over real HTTP through the public filter chain, as a browser without
 * JavaScript uses them: headers, CSRF, the session id swap, escaping, privacy, refusals.
 */
class SigningPagesTest {

    static RunningApp app;
    static JdbcClient jdbc;

    SigningWorld world;
    UUID letterId;
    String email;
    UUID invitationId;
    String secretEmail;

    @BeforeAll
    static void start() {
        app = new RunningApp(Map.of());
        jdbc = app.bean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void invite() {
        world = new SigningWorld(jdbc);
        letterId = world.letter(app.bean(LetterService.class), "Free them all.");
        var invitations = app.bean(InvitationService.class);
        email = world.email("aysel");
        secretEmail = world.email("secret");
        invitationId = invitations.add(
                letterId, new NewInvitee("Aysel Əliyeva", "Director", world.organisationName, email, "az"));
        invitations.add(letterId, new NewInvitee("Secret Cosigner", "Head", "Hidden Org", secretEmail, "en"));
        invitations.openForSignatures(letterId);
        Fixtures.actAsNobody();
    }

    @AfterEach
    void nobody() {
        Fixtures.actAsNobody();
    }

    static void strictHeaders(HttpResponse<String> r) {
        var h = r.headers();
        assertThat(h.firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'none'")
                .contains("frame-ancestors 'none'")
                .contains("form-action 'self'")
                .doesNotContain("script-src");
        assertThat(h.firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(h.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(h.firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.body()).doesNotContain("<script").doesNotContainIgnoringCase("javascript:");
    }

    @Test
    void aSignerSignsThroughThePagesAndEveryPageIsLockedDown() {
        String token = world.token(email, SigningMails.INVITATION);
        var signer = new SignerClient(app.baseUrl());

        var landing = signer.get("/sign/" + token);
        assertThat(landing.statusCode()).isEqualTo(200);
        strictHeaders(landing);
        assertThat(landing.body()).contains("Continue to the letter").contains("Aysel Əliyeva");
        assertThat(world.state(invitationId)).as("a GET changes nothing").isEqualTo("SENT");

        // Without the CSRF token the continue is refused, and nothing happens.
        var forged = signer.post("/sign/" + token + "/continue", Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(world.state(invitationId)).isEqualTo("SENT");

        String before = signer.sessionId();
        var cont = signer.submit("/sign/" + token + "/continue", Map.of());
        assertThat(cont.statusCode()).isEqualTo(303);
        assertThat(cont.headers().firstValue("Location").orElseThrow())
                .endsWith("/sign/review")
                .doesNotContain(token);
        assertThat(signer.sessionId()).isNotEmpty().isNotEqualTo(before);

        var review = signer.get("/sign/review");
        assertThat(review.statusCode()).isEqualTo(200);
        strictHeaders(review);
        assertThat(review.body())
                .contains("Free them all.")
                .contains("Step 1 of 3")
                .contains(world.organisationName);
        assertThat(review.body())
                .doesNotContain("Secret Cosigner")
                .doesNotContain(secretEmail)
                .doesNotContain(token);

        // An error stays next to its field; nothing is sent.
        var noConsent = signer.submit("/sign/review", Map.of("name", "Aysel Əliyeva", "role", "Director"));
        assertThat(noConsent.statusCode()).isEqualTo(422);
        assertThat(noConsent.body()).contains("id=\"consent-error\"");

        var hostile = "<script>alert('x')</script> Aysel Əliyeva";
        var asked = signer.submit(
                "/sign/review",
                Map.of("name", hostile, "role", "Director", "organisation", world.organisationName, "consent", "on"));
        assertThat(asked.statusCode()).isEqualTo(303);
        var codePage = signer.get("/sign/code");
        strictHeaders(codePage);
        assertThat(codePage.body()).contains("&lt;script&gt;alert(").contains("Step 2 of 3");

        var wrong = signer.submit("/sign/code", Map.of("code", "12345x"));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("That code is not right. 4 tries left.");

        var signed = signer.submit("/sign/code", Map.of("code", world.code(email)));
        assertThat(signed.statusCode()).isEqualTo(303);
        // The same form posted again (double click, second tab, replay): one signature.
        var again = signer.submit("/sign/code", Map.of("code", world.code(email)));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(world.signatures(invitationId)).isEqualTo(1);

        var done = signer.get("/sign/done");
        strictHeaders(done);
        assertThat(done.body())
                .contains("Thank you: you signed")
                .contains("&lt;script&gt;")
                .contains("Withdraw my signature");
        assertThat(done.body()).doesNotContain("Secret Cosigner");

        // The invitation link is used up now.
        var replay = new SignerClient(app.baseUrl()).get("/sign/" + token);
        assertThat(replay.statusCode()).isEqualTo(410);
        strictHeaders(replay);
        assertThat(replay.body()).contains("This link has been used");
    }

    @Test
    void badLinksAndMissingSessionsGetAClearPage() {
        String token = world.token(email, SigningMails.INVITATION);
        var stranger = new SignerClient(app.baseUrl());
        for (String path :
                new String[] {"/sign/" + Tokens.newToken(), "/sign/" + token.substring(0, 30), "/sign/" + token + "x"
                }) {
            var r = stranger.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            strictHeaders(r);
        }
        // Rejected by the servlet container's firewall before any page: still no script.
        var nul = stranger.get("/sign/%00");
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.body()).doesNotContain("<script");
        var r = stranger.get("/sign/" + Tokens.newToken());
        assertThat(r.body()).contains("This link does not work");
        var noSession = stranger.get("/sign/review");
        assertThat(noSession.statusCode()).isEqualTo(401);
        assertThat(noSession.body()).contains("Please open your link again");
        var unknown = stranger.get("/sign/a/b/c");
        assertThat(unknown.statusCode()).isEqualTo(404);
        strictHeaders(unknown);
        assertThat(world.state(invitationId)).isEqualTo("SENT");
    }

    @Test
    void aTabOfAnotherInvitationCannotPostForThisOne() {
        var browser = new SignerClient(app.baseUrl());
        browser.get("/sign/" + world.token(email, SigningMails.INVITATION));
        browser.submit("/sign/" + world.token(email, SigningMails.INVITATION) + "/continue", Map.of());
        browser.get("/sign/review");
        String firstInvitation = browser.invitation;
        // The same browser then opens the other invitee's link (forwarded mail).
        String other = world.token(secretEmail, SigningMails.INVITATION);
        browser.get("/sign/" + other);
        browser.invitation = "";
        browser.submit("/sign/" + other + "/continue", Map.of());
        browser.invitation = firstInvitation;
        var r = browser.submit("/sign/decline", Map.of("reason", "no"));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("This page belongs to another invitation");
        assertThat(world.state(invitationId)).isEqualTo("OPENED");
    }

    @Test
    void aSignerWhoseCodeArrivesAfterTheLockGetsTheLockPageAndNoRow() {
        var signer = new SignerClient(app.baseUrl());
        String token = world.token(email, SigningMails.INVITATION);
        signer.get("/sign/" + token);
        signer.submit("/sign/" + token + "/continue", Map.of());
        signer.get("/sign/review");
        signer.submit(
                "/sign/review",
                Map.of("name", "Aysel Əliyeva", "organisation", world.organisationName, "consent", "on"));
        signer.get("/sign/code");
        String code = world.code(email);

        world.actAsEditor();
        app.bean(SignatureListService.class).lock(letterId);
        Fixtures.actAsNobody();

        var r = signer.submit("/sign/code", Map.of("code", code));
        assertThat(r.statusCode()).isEqualTo(409);
        strictHeaders(r);
        assertThat(r.body())
                .contains("The list of signatures is locked")
                .containsPattern(
                        "The list of signatures was locked on \\d{1,2} [A-Z][a-z]+ \\d{4} at \\d{2}:\\d{2} UTC; your signature was not recorded.");
        assertThat(world.signatures(invitationId)).isZero();
        assertThat(world.state(invitationId)).isEqualTo("CLOSED");
    }
}
