package org.undersigned.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.undersigned.Fixtures;
import org.undersigned.IntegrationTest;

/** With no SMTP host (the embedded default), mails are kept for the in-app mailbox instead. */
@IntegrationTest
class MailCaptureTest {

    @Autowired
    MailDispatcher dispatcher;

    @Autowired
    MailOutbox outbox;

    @Autowired
    MailAdmin mailAdmin;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        Fixtures.actAsNobody();
    }

    @Test
    void mailsAreCapturedAndListedInTheMailboxWithTheirLinks() {
        String to = Fixtures.uniqueEmail();
        long id = tx.execute(status -> outbox.enqueue(
                "VERIFY_EMAIL",
                new MailMessage(
                        to,
                        "Confirm your email address for Undersigned",
                        "Hello Nino,",
                        List.of("Please confirm."),
                        "Confirm my email address",
                        "http://localhost:8080/account/verify/abc",
                        List.of())));
        assertThat(dispatcher.sendsToSmtp()).isFalse();

        assertThat(dispatcher.dispatchDue()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.sql("SELECT status FROM mail_outbox WHERE id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("CAPTURED");
        assertThat(dispatcher.dispatchDue()).as("captured once").isZero();
        Fixtures.actAs(java.util.UUID.randomUUID(), "admin@example.org", true, true);
        assertThat(mailAdmin.capturing()).isTrue();
        assertThat(mailAdmin.captured(1000))
                .filteredOn(e -> e.id() == id)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.recipient()).isEqualTo(to);
                    assertThat(e.kind()).isEqualTo("VERIFY_EMAIL");
                    assertThat(e.status()).isEqualTo("CAPTURED");
                    assertThat(e.sentAt()).isNotNull();
                    assertThat(e.textBody()).contains("http://localhost:8080/account/verify/abc");
                });
        assertThat(mailAdmin.undelivered()).noneMatch(e -> e.id() == id);
    }
}
