package org.undersigned.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionTemplate;
import org.undersigned.EveryPublicMethod;
import org.undersigned.Fixtures;
import org.undersigned.IntegrationTest;
import org.undersigned.base.NotFoundException;

/** The mailbox and the outbox monitor are only for administrators who confirmed the second factor. */
@IntegrationTest
class MailAdminTest {

    @Autowired
    MailAdmin mailAdmin;

    @Autowired
    MailOutbox outbox;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        Fixtures.actAsNobody();
    }

    @Test
    void anonymousCallersAreDenied() {
        EveryPublicMethod.actAsAnonymous();
        EveryPublicMethod.refuses(mailAdmin, MailAdmin.class, AccessDeniedException.class);
    }

    @Test
    void signedInPeopleWhoAreNotAdministratorsAreDenied() {
        Fixtures.actAs(UUID.randomUUID(), Fixtures.uniqueEmail(), false, false);
        EveryPublicMethod.refuses(mailAdmin, MailAdmin.class, AccessDeniedException.class);
    }

    @Test
    void anAdministratorWithoutTheSecondFactorIsDenied() {
        Fixtures.actAs(UUID.randomUUID(), Fixtures.uniqueEmail(), true, false);
        EveryPublicMethod.refuses(mailAdmin, MailAdmin.class, AccessDeniedException.class);
    }

    @Test
    void aConfirmedAdministratorSeesFailedMailAndQueuesItAgain() {
        long failed = enqueue("FAILED", "550 no such user");
        long pending = enqueue("PENDING", "Connection refused");
        long sent = enqueue("SENT", null);
        Fixtures.actAs(UUID.randomUUID(), Fixtures.uniqueEmail(), true, true);

        assertThat(mailAdmin.undelivered())
                .extracting(OutboxEntry::id)
                .contains(failed, pending)
                .doesNotContain(sent);
        assertThat(mailAdmin.undelivered())
                .filteredOn(e -> e.id() == failed)
                .singleElement()
                .satisfies(e -> assertThat(e.lastError()).isEqualTo("550 no such user"));

        mailAdmin.retry(failed);

        assertThat(jdbc.sql("SELECT status = 'PENDING' AND next_attempt_at <= now() FROM mail_outbox WHERE id = ?")
                        .param(failed)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThatThrownBy(() -> mailAdmin.retry(sent)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> mailAdmin.retry(-1)).isInstanceOf(NotFoundException.class);
    }

    /** A mail in a state the dispatcher left it in; SMTP failures themselves are MailDispatcherTest's. */
    long enqueue(String status, String error) {
        long id = tx.execute(s -> outbox.enqueue(
                "TEST",
                new MailMessage(Fixtures.uniqueEmail(), "Test", "Hello,", List.of("A test."), null, null, List.of())));
        jdbc.sql(
                        "UPDATE mail_outbox SET status = ?, last_error = ?, attempts = 1, next_attempt_at = now() + interval '1 hour' WHERE id = ?")
                .params(status, error, id)
                .update();
        return id;
    }
}
