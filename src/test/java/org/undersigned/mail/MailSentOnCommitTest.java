package org.undersigned.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.undersigned.Fixtures;
import org.undersigned.TestDatabase;

/**
 * Mail goes out when the transaction that queued it commits, not at the next poll (decision
 * 0072): the poll here is an hour apart. A transaction that rolls back sends nothing. Runs on a
 * database of its own with its own SMTP server (GreenMail).
 */
@SpringBootTest
@ActiveProfiles("test")
class MailSentOnCommitTest {

    static final String DATABASE = TestDatabase.newDatabase();
    static final int PORT = MailDispatcherTest.freePort();

    @DynamicPropertySource
    static void smtpAndOwnDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.ownDatabaseAndSmtp(registry, DATABASE, PORT);
        registry.add("undersigned.mail.send-on-commit", () -> "true");
        registry.add("undersigned.mail.poll-millis", () -> "3600000");
    }

    @Autowired
    MailOutbox outbox;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    GreenMail greenMail;

    @BeforeEach
    void startGreenMail() {
        greenMail = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    @AfterEach
    void stopGreenMail() {
        greenMail.stop();
    }

    @Test
    void aMailIsSentWhenItsTransactionCommitsAndNotWhenItRollsBack() throws Exception {
        String rolledBack = Fixtures.uniqueEmail();
        tx.executeWithoutResult(status -> {
            queue(rolledBack);
            status.setRollbackOnly();
        });
        String committed = Fixtures.uniqueEmail();
        long id = tx.execute(status -> queue(committed));

        assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
        Thread.sleep(300); // time for a second, wrong mail to arrive
        assertThat(greenMail.getReceivedMessages())
                .singleElement()
                .satisfies(m -> assertThat(m.getAllRecipients()[0].toString()).isEqualTo(committed));
        // The mark follows the server's acceptance by moments.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!"SENT".equals(status(id)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(status(id)).isEqualTo("SENT");
        assertThat(jdbc.sql("SELECT count(*) FROM mail_outbox WHERE recipient = ?")
                        .param(rolledBack)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void mailsQueuedWhileAPassRunsAreSentByTheNextOne() throws Exception {
        List<String> recipients = List.of(Fixtures.uniqueEmail(), Fixtures.uniqueEmail(), Fixtures.uniqueEmail());
        for (String to : recipients) {
            tx.execute(status -> queue(to));
        }
        assertThat(greenMail.waitForIncomingEmail(10_000, 3)).isTrue();
        assertThat(greenMail.getReceivedMessages())
                .extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactlyInAnyOrderElementsOf(recipients);
    }

    /** A transaction started inside another hands its mail over when it commits, whatever the outer one does. */
    @Test
    void aMailQueuedInAnInnerTransactionGoesWhenThatOneCommits() throws Exception {
        var inner = new TransactionTemplate(tx.getTransactionManager());
        inner.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        String outerTo = Fixtures.uniqueEmail();
        String innerTo = Fixtures.uniqueEmail();
        tx.executeWithoutResult(status -> {
            queue(outerTo);
            inner.execute(innerStatus -> queue(innerTo));
            status.setRollbackOnly();
        });

        assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
        Thread.sleep(300); // time for the rolled-back one to arrive, wrongly
        assertThat(greenMail.getReceivedMessages())
                .singleElement()
                .satisfies(m -> assertThat(m.getAllRecipients()[0].toString()).isEqualTo(innerTo));
    }

    long queue(String to) {
        return outbox.enqueue(
                "TEST", new MailMessage(to, "Test for " + to, "Hello,", List.of("A test."), null, null, List.of()));
    }

    String status(long id) {
        return jdbc.sql("SELECT status FROM mail_outbox WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();
    }
}
