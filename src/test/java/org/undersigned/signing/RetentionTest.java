package org.undersigned.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Fixtures;
import org.undersigned.IntegrationTest;
import org.undersigned.letter.LetterService;

/**
 * After publication and the retention time (90 days by default, the team told 14 days before),
 * invitees who are not on the published list keep only states and times. Time is moved by
 * passing the job its "now".
 */
@IntegrationTest
class RetentionTest {

    @Autowired
    InvitationService invitations;

    @Autowired
    SignatureListService lists;

    @Autowired
    SigningFlow flow;

    @Autowired
    LetterService letters;

    @Autowired
    ListJobs jobs;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void nobody() {
        Fixtures.actAsNobody();
    }

    @Test
    void inviteesNotOnThePublishedListAreReducedAfterTheTeamWasTold() {
        var world = new SigningWorld(jdbc);
        UUID letterId = world.letter(letters, "We stand with the defenders of human rights.");
        String signerEmail = world.email("signer");
        UUID signer = invitations.add(letterId, new NewInvitee("Leyla Məmmədova", "Chair", null, signerEmail, "az"));
        String withdrawerEmail = world.email("withdrawer");
        UUID withdrawer = invitations.add(
                letterId, new NewInvitee("ნინო ბერიძე", null, world.organisationName, withdrawerEmail, "ka"));
        String declinerEmail = world.email("decliner");
        UUID decliner = invitations.add(letterId, new NewInvitee("Иван Петров", null, null, declinerEmail, "ru"));
        String silentEmail = world.email("silent");
        UUID silent = invitations.add(letterId, new NewInvitee("سارة إدريس", null, null, silentEmail, "ar"));
        invitations.openForSignatures(letterId);
        Fixtures.actAsNobody();

        // Clients of their own: the throttle's per-client counts are shared by every test on the database.
        String c1 = "10.91." + UUID.randomUUID().toString().substring(0, 8);
        String c2 = "10.92." + UUID.randomUUID().toString().substring(0, 8);
        String c3 = "10.93." + UUID.randomUUID().toString().substring(0, 8);
        SigningSession s = flow.begin(world.token(signerEmail, SigningMails.INVITATION), c1);
        flow.requestCode(s, signer, "Leyla Məmmədova", "Chair", null, true, true, c1);
        flow.sign(s, signer, world.code(signerEmail), c1);
        SigningSession w = flow.begin(world.token(withdrawerEmail, SigningMails.INVITATION), c2);
        flow.requestCode(w, withdrawer, "ნინო ბერიძე", null, null, true, true, c2);
        flow.sign(w, withdrawer, world.code(withdrawerEmail), c2);
        flow.withdraw(w, withdrawer);
        SigningSession d = flow.begin(world.token(declinerEmail, SigningMails.INVITATION), c3);
        flow.decline(d, decliner, "I work for the ministry.");
        world.actAsEditor();
        lists.lock(letterId);
        // Published long ago (publication is another feature: its transition is simulated here).
        Instant published = Instant.parse("2020-01-01T12:00:00Z");
        jdbc.sql("UPDATE letter SET state = 'PUBLISHED', published_at = ? WHERE id = ?")
                .params(Timestamp.from(published), letterId)
                .update();
        Fixtures.actAsNobody();

        // 75 days after publication: too early to tell anyone.
        jobs.reduceDue(published.plus(Duration.ofDays(75)));
        assertThat(world.mails(world.editorEmail, SigningMails.RETENTION_NOTICE))
                .isZero();

        // 77 days: the editors are told, once.
        jobs.reduceDue(published.plus(Duration.ofDays(77)));
        jobs.reduceDue(published.plus(Duration.ofDays(78)));
        assertThat(world.mails(world.editorEmail, SigningMails.RETENTION_NOTICE))
                .isEqualTo(1);
        assertThat(world.lastMail(world.editorEmail, SigningMails.RETENTION_NOTICE))
                .contains("From 1 April 2020")
                .contains("names and email addresses")
                .doesNotContain(declinerEmail)
                .doesNotContain("Иван");
        assertThat(audits(letterId, "SIGNING_RETENTION_NOTICE_SENT")).isEqualTo(1);

        // 90 days: the notice went out only 13 days ago, so the team still has a day.
        jobs.reduceDue(published.plus(Duration.ofDays(90)));
        assertThat(name(decliner)).isEqualTo("Иван Петров");

        // 91 days: reduced.
        jobs.reduceDue(published.plus(Duration.ofDays(91)));
        for (UUID id : new UUID[] {withdrawer, decliner, silent}) {
            assertThat(name(id)).isEqualTo("(removed)");
            assertThat(email(id)).isEqualTo(id + "@removed.invalid");
        }
        assertThat(jdbc.sql("SELECT decline_reason FROM invitation WHERE id = ?")
                        .params(decliner)
                        .query(String.class)
                        .optional())
                .isEmpty();
        // States and times stay for the audit.
        assertThat(world.state(decliner)).isEqualTo("DECLINED");
        assertThat(world.state(withdrawer)).isEqualTo("WITHDRAWN");
        assertThat(world.state(silent)).isEqualTo("CLOSED");
        assertThat(jdbc.sql("SELECT declined_at IS NOT NULL FROM invitation WHERE id = ?")
                        .params(decliner)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        // The withdrawn signature's line is gone too; the listed signer is untouched.
        assertThat(jdbc.sql("SELECT display_name FROM signature WHERE invitation_id = ?")
                        .params(withdrawer)
                        .query(String.class)
                        .single())
                .isEqualTo("(removed)");
        assertThat(name(signer)).isEqualTo("Leyla Məmmədova");
        assertThat(email(signer)).isEqualTo(signerEmail);
        assertThat(jdbc.sql("SELECT count(*) FROM invitation WHERE letter_id = ? AND (name LIKE ? OR email = ?)")
                        .params(letterId, "%Петров%", declinerEmail)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(audits(letterId, "SIGNING_DATA_REDUCED")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT details FROM audit_event WHERE letter_id = ? AND action = 'SIGNING_DATA_REDUCED'")
                        .params(letterId)
                        .query(String.class)
                        .single())
                .contains("3");

        // Once only.
        jobs.reduceDue(published.plus(Duration.ofDays(200)));
        assertThat(audits(letterId, "SIGNING_DATA_REDUCED")).isEqualTo(1);
        assertThat(world.mails(world.editorEmail, SigningMails.RETENTION_NOTICE))
                .isEqualTo(1);
    }

    String name(UUID invitation) {
        return jdbc.sql("SELECT name FROM invitation WHERE id = ?")
                .params(invitation)
                .query(String.class)
                .single();
    }

    String email(UUID invitation) {
        return jdbc.sql("SELECT email FROM invitation WHERE id = ?")
                .params(invitation)
                .query(String.class)
                .single();
    }

    int audits(UUID letterId, String action) {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE letter_id = ? AND action = ?")
                .params(letterId, action)
                .query(Integer.class)
                .single();
    }
}
