package org.undersigned.mail;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues mail. {@link #enqueue} must run inside the transaction of the change that causes the
 * mail, so that the mail exists exactly when the change does.
 */
@Service
public class MailOutbox {

    private final JdbcClient jdbc;
    private final TemplateEngine templates;
    private final Clock clock;
    private final MailDispatcher dispatcher;

    MailOutbox(JdbcClient jdbc, TemplateEngine templates, Clock clock, MailDispatcher dispatcher) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.clock = clock;
        this.dispatcher = dispatcher;
    }

    /**
     * Writes the mail to the outbox; it is sent as soon as the transaction commits (decision
     * 0072): with SMTP the row is written leased to this instance's sender (due only when the
     * lease ends, so no other sender takes it) and handed to it after the commit; mail that is
     * captured wakes the dispatcher after the commit.
     *
     * @param kind what the mail is for, e.g. {@code VERIFY_EMAIL} (shown to administrators)
     * @return the outbox row's id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long enqueue(String kind, MailMessage message) {
        var rendered = new StringOutput();
        templates.render("mail/message.jte", message, rendered);
        String html = rendered.toString();
        // Microseconds, as PostgreSQL keeps them: the Message-ID is built from this time, and a
        // retry builds it again from the row.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean handOff = dispatcher.handsOffOnCommit() && TransactionSynchronizationManager.isSynchronizationActive();
        Instant due = handOff ? now.plus(MailDispatcher.LEASE) : now;
        long id = jdbc.sql("""
                        INSERT INTO mail_outbox (kind, recipient, subject, text_body, html_body, next_attempt_at, created_at)
                        VALUES (:kind, :recipient, :subject, :text, :html, :due, :now)
                        RETURNING id""")
                .param("kind", kind)
                .param("recipient", message.recipient())
                .param("subject", message.subjectLine())
                .param("text", message.plainText())
                .param("html", html)
                .param("due", Timestamp.from(due))
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return id;
        }
        List<MailDispatcher.HandedOff> handedOff = afterCommitOfThisTransaction();
        if (handOff) {
            handedOff.add(new MailDispatcher.HandedOff(
                    new MailDispatcher.OutboxRow(
                            id, kind, message.recipient(), message.subjectLine(), message.plainText(), html, 0, now),
                    due));
        }
        return id;
    }

    /**
     * What this transaction does when it commits: hand its rows to the dispatcher, or, with none
     * to hand over (mail captured), wake it. Kept by a synchronization of the transaction, which
     * Spring suspends with it: a transaction started inside it ({@code REQUIRES_NEW}) has its own.
     */
    private List<MailDispatcher.HandedOff> afterCommitOfThisTransaction() {
        for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
            if (registered instanceof AfterCommit afterCommit && afterCommit.outbox() == this) {
                return afterCommit.handedOff();
            }
        }
        var afterCommit = new AfterCommit(this, new ArrayList<>());
        TransactionSynchronizationManager.registerSynchronization(afterCommit);
        return afterCommit.handedOff();
    }

    private record AfterCommit(MailOutbox outbox, List<MailDispatcher.HandedOff> handedOff)
            implements TransactionSynchronization {
        @Override
        public void afterCommit() {
            if (handedOff.isEmpty()) {
                outbox.dispatcher.wake();
            } else {
                outbox.dispatcher.handOff(handedOff);
            }
        }
    }
}
