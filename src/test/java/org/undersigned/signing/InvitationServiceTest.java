package org.undersigned.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.undersigned.Fixtures;
import org.undersigned.IntegrationTest;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;
import org.undersigned.letter.LetterService;
import org.undersigned.mail.MailDeliveryFailed;

/** The organisers' side: who may see invitations, bulk add, sending, reminders, expiry, bounces. */
@IntegrationTest
class InvitationServiceTest {

    @Autowired
    InvitationService invitations;

    @Autowired
    SigningJobs jobs;

    @Autowired
    LetterService letters;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate tx;

    SigningWorld world;
    UUID letterId;

    @BeforeEach
    void letter() {
        world = new SigningWorld(jdbc);
        letterId = world.letter(letters, "Free the defenders.");
    }

    @AfterEach
    void nobody() {
        Fixtures.actAsNobody();
    }

    @Test
    void membersOfOtherOrganisationsCannotSeeOrChangeTheInvitations() {
        invitations.add(letterId, new NewInvitee("Jane Doe", null, null, world.email("jane"), null));
        var outsider = new SigningWorld(jdbc);
        outsider.actAsEditor();
        assertThatThrownBy(() -> invitations.list(letterId)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> invitations.progress(letterId)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> invitations.add(letterId, new NewInvitee("X", null, null, "x@example.org", null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> invitations.openForSignatures(letterId)).isInstanceOf(NotFoundException.class);
        Fixtures.actAsNobody();
        assertThatThrownBy(() -> invitations.list(letterId))
                .isInstanceOf(org.springframework.security.core.AuthenticationException.class);
    }

    @Test
    void anInviteeCanBeChangedOrRemovedOnlyBeforeTheInvitationIsSent() {
        UUID id = invitations.add(letterId, new NewInvitee("Jane Doe", null, null, world.email("jane"), null));
        assertThatThrownBy(() -> invitations.add(letterId, new NewInvitee("Jane", null, null, world.lastEmail(), null)))
                .isInstanceOf(InvalidInputException.class);
        invitations.update(letterId, id, new NewInvitee("Jane Q. Doe", "Director", "HRH", world.email("jane2"), "en"));
        UUID other = invitations.add(letterId, new NewInvitee("To remove", null, null, world.email("gone"), null));
        invitations.remove(letterId, other);
        assertThat(invitations.openForSignatures(letterId)).isEqualTo(1);
        assertThatThrownBy(() ->
                        invitations.update(letterId, id, new NewInvitee("Late", null, null, world.email("late"), null)))
                .isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> invitations.remove(letterId, id)).isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> invitations.openForSignatures(letterId)).isInstanceOf(RefusedException.class);
        assertThat(invitations.list(letterId)).extracting(Invitation::name).containsExactly("Jane Q. Doe");
    }

    @Test
    void theInvitationMailNamesOnlyItsRecipient() {
        String a = world.email("a");
        String b = world.email("b");
        invitations.add(letterId, new NewInvitee("Aysel Əliyeva", null, null, a, null));
        invitations.add(letterId, new NewInvitee("Boris Secretov", null, null, b, null));
        invitations.openForSignatures(letterId);
        String mail = world.lastMail(a, SigningMails.INVITATION);
        assertThat(mail)
                .contains("Dear Aysel Əliyeva")
                .contains("Free the defenders.")
                .contains("I will not sign");
        assertThat(mail).doesNotContain("Boris").doesNotContain(b);
    }

    @Test
    void aBulkPreviewMarksBadRowsAndImportsOnlyTheGoodOnes() {
        invitations.add(letterId, new NewInvitee("Existing", null, null, "existing@example.org", null));
        String pasted = """
                email,name,role,organisation,language
                leyla@example.az,Leyla Məmmədova,Sədr,İHC,az
                ,No Email,,,
                not-an-email,Bad Email,,,
                LEYLA@EXAMPLE.AZ,Leyla again,,,
                ＥＸＩＳＴＩＮＧ@example.org,Full-width duplicate,,,
                nino@example.ge,ნინო ბერიძე,,GYLA,ka
                evil@example.org,"Evil\u202Ename",,,
                """;
        BulkPreview preview = invitations.preview(letterId, pasted);
        assertThat(preview.rows()).hasSize(7);
        assertThat(preview.rows().stream().map(r -> r.good()).toList())
                .containsExactly(true, false, false, false, false, true, false);
        assertThat(preview.rows().get(1).problem()).contains("Email is required");
        assertThat(preview.rows().get(2).problem()).contains("like name@example.org");
        assertThat(preview.rows().get(3).problem()).contains("earlier row");
        assertThat(preview.rows().get(4).problem()).contains("Already invited");
        assertThat(preview.rows().get(6).problem()).contains("invisible or control characters");
        assertThat(jdbc.sql("SELECT count(*) FROM invitation WHERE letter_id = ?")
                        .params(letterId)
                        .query(Integer.class)
                        .single())
                .as("a preview writes nothing")
                .isEqualTo(1);
        assertThat(invitations.addAll(letterId, preview.good())).isEqualTo(2);
        assertThat(invitations.list(letterId)).extracting(Invitation::name).contains("Leyla Məmmədova", "ნინო ბერიძე");
    }

    @Test
    void remindersFollowTheLetterSettingsAndExpiredInvitationsExpire() {
        invitations.saveSettings(letterId, new SigningSettings(30, 3, 4, 2));
        String email = world.email("slow");
        UUID id = invitations.add(letterId, new NewInvitee("Slow Signer", null, null, email, null));
        invitations.openForSignatures(letterId);
        Fixtures.actAsNobody();
        for (int i = 0; i < 3; i++) {
            jdbc.sql(
                            "UPDATE invitation SET next_reminder_at = now() - interval '1 minute' WHERE id = ? AND next_reminder_at IS NOT NULL")
                    .params(id)
                    .update();
            jobs.run();
        }
        assertThat(world.mails(email, SigningMails.REMINDER))
                .as("at most 2 reminders")
                .isEqualTo(2);
        assertThat(world.lastMail(email, SigningMails.REMINDER)).contains("A reminder:");

        world.expireInvitation(id);
        jobs.run();
        assertThat(world.state(id)).isEqualTo("EXPIRED");
        assertThat(jdbc.sql("SELECT actor FROM audit_event WHERE subject_id = ? AND action = 'INVITATION_EXPIRED'")
                        .params(id.toString())
                        .query(String.class)
                        .single())
                .isEqualTo("system:signing");

        // The organiser sends it again: a fresh link and a new expiry.
        world.actAsEditor();
        invitations.resend(letterId, id);
        assertThat(world.state(id)).isEqualTo("SENT");
    }

    @Test
    void aPermanentDeliveryFailureMarksTheInvitationBouncedAndRevokeEndsIt() {
        String email = world.email("nobody");
        UUID id = invitations.add(letterId, new NewInvitee("No Body", null, null, email, null));
        invitations.openForSignatures(letterId);
        long mail = jdbc.sql("SELECT last_mail_id FROM invitation WHERE id = ?")
                .params(id)
                .query(Long.class)
                .single();
        tx.executeWithoutResult(s ->
                events.publishEvent(new MailDeliveryFailed(mail, SigningMails.INVITATION, email, "550 no such user")));
        assertThat(world.state(id)).isEqualTo("BOUNCED");
        assertThat(invitations.progress(letterId).bounced()).isEqualTo(1);
        invitations.revoke(letterId, id);
        assertThat(world.state(id)).isEqualTo("REVOKED");
        assertThatThrownBy(() -> invitations.resend(letterId, id)).isInstanceOf(RefusedException.class);
    }

    @Test
    void onlyOneInstanceRunsTheJobAtATime() throws Exception {
        var held = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        var holder = new Thread(() -> tx.executeWithoutResult(s -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(?)")
                    .params(SigningJobs.JOB_LOCK)
                    .query()
                    .listOfRows();
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        holder.start();
        held.await();
        assertThat(jobs.run()).as("another instance holds the lock").isNull();
        release.countDown();
        holder.join();
        assertThat(jobs.run()).isNotNull();
    }

    static List<String> none() {
        return List.of();
    }
}
