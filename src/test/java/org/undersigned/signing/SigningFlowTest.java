package org.undersigned.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Fixtures;
import org.undersigned.IntegrationTest;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.Tokens;
import org.undersigned.letter.FrozenText;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.TextChanges;
import org.undersigned.signing.SigningFlow.Outcome;
import org.undersigned.signing.SigningRefused.Reason;

/** The signer's side on the real database: every step, every refusal, and what gets recorded. */
@IntegrationTest
class SigningFlowTest {

    @Autowired
    InvitationService invitations;

    @Autowired
    SigningFlow flow;

    @Autowired
    LetterService letters;

    @Autowired
    TextChanges textChanges;

    @Autowired
    JdbcClient jdbc;

    SigningWorld world;
    UUID letterId;
    String email;
    UUID invitationId;
    String client;

    @BeforeEach
    void openLetterWithOneInvitee() {
        world = new SigningWorld(jdbc);
        letterId = world.letter(letters, "We stand with the defenders of human rights.\r\nThey must be freed.");
        email = world.email("leyla");
        invitationId = invitations.add(
                letterId,
                new NewInvitee("Leyla Məmmədova", "Chairwoman", world.organisationName, email.toUpperCase(), "az"));
        assertThat(invitations.openForSignatures(letterId)).isEqualTo(1);
        // One client per test: a test that exhausts the per-client code limit blocks its client for
        // minutes, and a random octet shared by a later test made that test fail now and then.
        client = "client-" + UUID.randomUUID();
        Fixtures.actAsNobody();
    }

    @AfterEach
    void nobody() {
        Fixtures.actAsNobody();
    }

    SigningSession begin() {
        return flow.begin(world.token(email, SigningMails.INVITATION), client);
    }

    void requestCode(SigningSession s) {
        flow.requestCode(s, invitationId, "Leyla Məmmədova", "Chairwoman", world.organisationName, false, true, client);
    }

    @Test
    void theWholeFlowRecordsOneSignatureWithItsEvidence() {
        String token = world.token(email, SigningMails.INVITATION);
        int auditsBefore = world.audits(invitationId);

        // Opening the link (a mail scanner may do it) changes nothing.
        var landing = flow.landing(token, client);
        assertThat(landing.inviteeName()).isEqualTo("Leyla Məmmədova");
        assertThat(world.state(invitationId)).isEqualTo("SENT");
        assertThat(world.audits(invitationId)).isEqualTo(auditsBefore);

        SigningSession session = flow.begin(token, client);
        assertThat(session.invitationId()).isEqualTo(invitationId);
        assertThat(world.state(invitationId)).isEqualTo("OPENED");

        var review = flow.review(session);
        assertThat(review.text().body()).contains("They must be freed.").doesNotContain("\r");
        assertThat(review.text().sha256())
                .isEqualTo(FrozenText.sha256Of(review.text().body()));
        assertThat(review.details().displayLine()).isEqualTo("Leyla Məmmədova, Chairwoman, " + world.organisationName);

        requestCode(session);
        assertThat(flow.codeStep(session).triesLeft()).isEqualTo(5);
        var result = flow.sign(session, invitationId, world.code(email), client);
        assertThat(result.outcome()).isEqualTo(Outcome.SIGNED);

        Signature s = invitations.signatures(letterIdAsEditor()).getFirst();
        assertThat(s.displayLine()).isEqualTo("Leyla Məmmədova, Chairwoman, " + world.organisationName);
        assertThat(s.revision()).isEqualTo(review.text().revision());
        assertThat(s.textSha256()).isEqualTo(review.text().sha256());
        assertThat(s.emailLinkUsed()).isTrue();
        assertThat(s.codeVerified()).isTrue();
        assertThat(s.domainMatched()).isTrue();
        assertThat(world.state(invitationId)).isEqualTo("SIGNED");
        assertThat(world.lastMail(email, SigningMails.CONFIRMATION))
                .contains(review.text().sha256());

        // The old link is used up; the confirmation link leads to the signature and its withdrawal.
        assertThatThrownBy(() -> flow.begin(token, client)).extracting("reason").isEqualTo(Reason.USED_LINK);
        SigningSession again = flow.begin(world.token(email, SigningMails.CONFIRMATION), client);
        var done = flow.done(again);
        assertThat(done.canWithdraw()).isTrue();
        flow.withdraw(again, invitationId);
        assertThat(world.state(invitationId)).isEqualTo("WITHDRAWN");
        assertThat(jdbc.sql("SELECT withdrawn_at IS NOT NULL FROM signature WHERE invitation_id = ?")
                        .params(invitationId)
                        .query(Boolean.class)
                        .single())
                .isTrue();

        var actors = jdbc.sql(
                        "SELECT DISTINCT actor FROM audit_event WHERE subject_id = ? AND action IN ('INVITATION_OPENED','INVITATION_SIGNED','SIGNATURE_WITHDRAWN')")
                .params(invitationId.toString())
                .query(String.class)
                .list();
        assertThat(actors).containsExactly("invitation:" + invitationId);
        // The audit log holds ids only: never the signer's name or email.
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE details LIKE ? OR details LIKE ?")
                        .params("%" + email + "%", "%Məmmədova%")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    UUID letterIdAsEditor() {
        world.actAsEditor();
        return letterId;
    }

    @Test
    void aDoubleSubmitOrAReplayedPostRecordsOneSignature() {
        SigningSession session = begin();
        requestCode(session);
        String code = world.code(email);
        assertThat(flow.sign(session, invitationId, code, client).outcome()).isEqualTo(Outcome.SIGNED);
        assertThatThrownBy(() -> flow.sign(session, invitationId, code, client))
                .extracting("reason")
                .isEqualTo(Reason.ALREADY_SIGNED);
        assertThatThrownBy(() -> requestCode(session)).extracting("reason").isEqualTo(Reason.ALREADY_SIGNED);
        assertThat(world.signatures(invitationId)).isEqualTo(1);
    }

    @Test
    void wrongCodesPastTheLimitNeedANewCode() {
        SigningSession session = begin();
        requestCode(session);
        String right = world.code(email);
        String wrong = right.equals("000000") ? "111111" : "000000";
        for (int i = 4; i >= 1; i--) {
            var r = flow.sign(session, invitationId, wrong, client);
            assertThat(r.outcome()).isEqualTo(Outcome.WRONG_CODE);
            assertThat(r.triesLeft()).isEqualTo(i);
        }
        assertThat(flow.sign(session, invitationId, wrong, client).outcome()).isEqualTo(Outcome.CODE_USED_UP);
        assertThat(flow.sign(session, invitationId, right, client).outcome()).isEqualTo(Outcome.CODE_USED_UP);
        assertThat(world.signatures(invitationId)).isZero();

        flow.resendCode(session, invitationId, client);
        assertThat(flow.sign(session, invitationId, world.code(email), client).outcome())
                .isEqualTo(Outcome.SIGNED);
    }

    @Test
    void anExpiredCodeIsRefused() {
        SigningSession session = begin();
        requestCode(session);
        jdbc.sql("UPDATE signing_code SET expires_at = now() - interval '1 second' WHERE invitation_id = ?")
                .params(invitationId)
                .update();
        assertThat(flow.sign(session, invitationId, world.code(email), client).outcome())
                .isEqualTo(Outcome.CODE_USED_UP);
        assertThat(world.signatures(invitationId)).isZero();
    }

    @Test
    void codeMailsAreLimitedPerInvitation() {
        SigningSession session = begin();
        for (int i = 0; i < 5; i++) {
            requestCode(session);
        }
        assertThatThrownBy(() -> requestCode(session)).extracting("reason").isEqualTo(Reason.TOO_MANY_TRIES);
        assertThat(world.mails(email, SigningMails.CODE)).isEqualTo(5);
    }

    @Test
    void codeMailsAreLimitedPerClientAcrossInvitations() {
        // 60 code mails per client in 15 minutes (the default): twelve invitees asking five each.
        Fixtures.actAs(world.editor, world.editorEmail, false, false);
        java.util.List<String> others = new java.util.ArrayList<>();
        java.util.List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 13; i++) {
            String other = world.email("signer" + i);
            others.add(other);
            ids.add(invitations.add(letterId, new NewInvitee("Signer " + i, null, null, other, "en")));
        }
        invitations.sendPending(letterId);
        Fixtures.actAsNobody();
        for (int i = 0; i < 12; i++) {
            SigningSession s = flow.begin(world.token(others.get(i), SigningMails.INVITATION), client);
            for (int j = 0; j < 5; j++) {
                flow.requestCode(s, ids.get(i), "Signer " + i, null, null, true, true, client);
            }
        }
        SigningSession last = flow.begin(world.token(others.get(12), SigningMails.INVITATION), client);

        assertThatThrownBy(() -> flow.requestCode(last, ids.get(12), "Signer 12", null, null, true, true, client))
                .extracting("reason")
                .isEqualTo(Reason.TOO_MANY_TRIES);
        assertThat(world.mails(others.get(12), SigningMails.CODE))
                .as("the refused step queued no mail")
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM signing_code WHERE invitation_id = ?")
                        .param(ids.get(12))
                        .query(Integer.class)
                        .single())
                .as("and stored no code")
                .isZero();
        // Another client is not affected.
        flow.requestCode(last, ids.get(12), "Signer 12", null, null, true, true, client + "9");
        assertThat(world.mails(others.get(12), SigningMails.CODE)).isOne();
    }

    @Test
    void forgedTruncatedAndUnknownLinksAreRefusedAndCounted() {
        String token = world.token(email, SigningMails.INVITATION);
        String guesser = "guesser-" + UUID.randomUUID();
        assertThatThrownBy(() -> flow.landing(token.substring(0, 40), guesser))
                .extracting("reason")
                .isEqualTo(Reason.INVALID_LINK);
        assertThatThrownBy(() -> flow.begin(Tokens.newToken(), guesser))
                .extracting("reason")
                .isEqualTo(Reason.INVALID_LINK);
        assertThatThrownBy(() -> flow.begin(token + "x", guesser))
                .extracting("reason")
                .isEqualTo(Reason.INVALID_LINK);
        for (int i = 0; i < 20; i++) {
            try {
                flow.landing(Tokens.newToken(), guesser);
            } catch (SigningRefused ignored) {
                // counted
            }
        }
        // Blocked now, even with a genuine link: guessing is rate-limited per client.
        assertThatThrownBy(() -> flow.landing(token, guesser))
                .extracting("reason")
                .isEqualTo(Reason.TOO_MANY_TRIES);
        assertThat(world.state(invitationId)).isEqualTo("SENT");
    }

    @Test
    void revokedExpiredAndDeclinedInvitationsAreRefusedWithTheirReason() {
        String token = world.token(email, SigningMails.INVITATION);
        SigningSession session = flow.begin(token, client);
        world.actAsEditor();
        invitations.revoke(letterId, invitationId);
        Fixtures.actAsNobody();
        assertThatThrownBy(() -> flow.begin(token, client)).extracting("reason").isEqualTo(Reason.REVOKED);
        assertThatThrownBy(() -> flow.review(session)).extracting("reason").isEqualTo(Reason.REVOKED);
        assertThatThrownBy(() -> requestCode(session)).extracting("reason").isEqualTo(Reason.REVOKED);

        String other = world.email("other");
        world.actAsEditor();
        UUID second = invitations.add(letterId, new NewInvitee("Nino Beridze", null, null, other, "ka"));
        invitations.sendPending(letterId);
        Fixtures.actAsNobody();
        world.expireInvitation(second);
        assertThatThrownBy(() -> flow.begin(world.token(other, SigningMails.INVITATION), client))
                .extracting("reason")
                .isEqualTo(Reason.EXPIRED);

        String third = world.email("third");
        world.actAsEditor();
        UUID thirdId = invitations.add(letterId, new NewInvitee("Ivan Petrov", null, null, third, "ru"));
        invitations.sendPending(letterId);
        Fixtures.actAsNobody();
        String thirdToken = world.token(third, SigningMails.INVITATION);
        SigningSession s3 = flow.begin(thirdToken, client);
        flow.decline(s3, thirdId, "Our board has not decided.");
        assertThat(world.state(thirdId)).isEqualTo("DECLINED");
        assertThatThrownBy(() -> flow.review(s3)).extracting("reason").isEqualTo(Reason.DECLINED);
        assertThat(world.signatures(thirdId)).isZero();
    }

    @Test
    void aSessionCannotActForAnotherInvitationOrLetter() {
        SigningSession session = begin();
        requestCode(session);

        // An invitation to another letter, opened in the same browser later.
        SigningWorld otherWorld = new SigningWorld(jdbc);
        UUID otherLetter = otherWorld.letter(letters, "Another letter.");
        String otherEmail = otherWorld.email("x");
        UUID otherInvitation = invitations.add(otherLetter, new NewInvitee("X Y", null, null, otherEmail, null));
        invitations.openForSignatures(otherLetter);
        Fixtures.actAsNobody();
        SigningSession otherSession = flow.begin(otherWorld.token(otherEmail, SigningMails.INVITATION), client);

        // The first page's form, posted with the other session, is refused; nothing is recorded.
        assertThatThrownBy(() -> flow.sign(otherSession, invitationId, world.code(email), client))
                .extracting("reason")
                .isEqualTo(Reason.OTHER_INVITATION);
        assertThatThrownBy(() -> flow.decline(otherSession, invitationId, null))
                .extracting("reason")
                .isEqualTo(Reason.OTHER_INVITATION);
        assertThatThrownBy(() -> flow.sign(null, invitationId, world.code(email), client))
                .extracting("reason")
                .isEqualTo(Reason.NO_SESSION);
        assertThat(world.signatures(invitationId)).isZero();
        assertThat(world.signatures(otherInvitation)).isZero();
        assertThat(world.state(invitationId)).isEqualTo("OPENED");
    }

    @Test
    void continuingTwiceOpensOnceAndARefusedContinueMovesNothing() {
        String token = world.token(email, SigningMails.INVITATION);
        int auditsBefore = world.audits(invitationId);

        // An expired link is refused after the statement that found it moved the invitation to
        // OPENED: the refusal rolls the move back.
        world.expireInvitation(invitationId);
        assertThatThrownBy(() -> flow.begin(token, client)).extracting("reason").isEqualTo(Reason.EXPIRED);
        assertThat(world.state(invitationId)).isEqualTo("SENT");
        assertThat(world.audits(invitationId)).isEqualTo(auditsBefore);
        world.jdbc
                .sql("UPDATE invitation SET expires_at = now() + interval '30 days' WHERE id = ?")
                .param(invitationId)
                .update();

        // The first continue moves the invitation in the statement that finds it; a second tab
        // (or a replayed POST) finds it OPENED and locks it as it is.
        flow.begin(token, client);
        flow.begin(token, client);
        assertThat(world.state(invitationId)).isEqualTo("OPENED");
        assertThat(world.audits(invitationId)).as("one INVITATION_OPENED").isEqualTo(auditsBefore + 1);
    }

    @Test
    void hostileDisplayLinesAreRefusedAndEveryScriptRoundTrips() {
        SigningSession session = begin();
        Map<String, String> refused = Map.of(
                "name", "Jane\u202EeoD",
                "role", "Chair\r\nBcc: everyone@example.org",
                "organisation", "x".repeat(10_000));
        refused.forEach((field, value) -> assertThatThrownBy(() -> flow.requestCode(
                        session,
                        invitationId,
                        field.equals("name") ? value : "Jane Doe",
                        field.equals("role") ? value : null,
                        field.equals("organisation") ? value : null,
                        false,
                        true,
                        client))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).fieldErrors().keySet())
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.COLLECTION)
                .containsExactly(field));
        assertThat(world.mails(email, SigningMails.CODE)).isZero();

        // Markup is kept as text (the pages escape it); a zero-width joiner stays; scripts round-trip.
        String name = "<script>alert(1)</script> Ləman Hüseynova ნინო ბერიძე Иван Петров محمد\u200Dعلي";
        flow.requestCode(session, invitationId, name, "Direktor", null, true, true, client);
        assertThat(flow.sign(session, invitationId, world.code(email), client).outcome())
                .isEqualTo(Outcome.SIGNED);
        String stored = jdbc.sql("SELECT display_name FROM signature WHERE invitation_id = ?")
                .params(invitationId)
                .query(String.class)
                .single();
        assertThat(stored).isEqualTo(name);
        assertThat(jdbc.sql("SELECT domain_matched FROM signature WHERE invitation_id = ?")
                        .params(invitationId)
                        .query(Boolean.class)
                        .single())
                .as("in personal capacity: no organisation to match")
                .isFalse();
    }

    @Test
    void aChangedTextAsksEarlierSignersToReconfirm() {
        SigningSession session = begin();
        requestCode(session);
        flow.sign(session, invitationId, world.code(email), client);
        int first = flow.done(session).signature().revision();

        int second = textChanges.changeFirstParagraph(
                letterId, world.editor, "We stand with all defenders of human rights.\nThey must be freed now.");
        world.actAsEditor();
        assertThat(invitations.textChanged(letterId)).isEqualTo(1);
        assertThat(invitations.progress(letterId).signed()).isZero();
        assertThat(invitations.progress(letterId).signedEarlierVersion()).isEqualTo(1);
        Fixtures.actAsNobody();
        String mail = world.lastMail(email, SigningMails.RECONSENT);
        assertThat(mail).contains("[-the-]{+all+}").contains("freed{+ now+}");

        SigningSession again = flow.begin(world.token(email, SigningMails.RECONSENT), client);
        assertThat(flow.done(again).earlierVersion()).isTrue();
        var review = flow.review(again);
        assertThat(review.reconsent()).isTrue();
        assertThat(review.text().revision()).isEqualTo(second).isGreaterThan(first);
        flow.requestCode(again, invitationId, null, null, null, false, true, client);
        assertThat(flow.sign(again, invitationId, world.code(email), client).outcome())
                .isEqualTo(Outcome.SIGNED);

        world.actAsEditor();
        assertThat(invitations.progress(letterId).signed()).isEqualTo(1);
        assertThat(invitations.signatures(letterId).getFirst().revision()).isEqualTo(second);
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM signature_consent WHERE signature_id = (SELECT id FROM signature WHERE invitation_id = ?)")
                        .params(invitationId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void aCodeAskedForBeforeTheTextChangedCannotSignTheNewText() {
        SigningSession session = begin();
        requestCode(session);
        textChanges.changeFirstParagraph(letterId, world.editor, "A different text.");
        world.actAsEditor();
        invitations.textChanged(letterId);
        Fixtures.actAsNobody();
        assertThat(flow.sign(session, invitationId, world.code(email), client).outcome())
                .isEqualTo(Outcome.TEXT_CHANGED);
        assertThat(world.signatures(invitationId)).isZero();
    }
}
