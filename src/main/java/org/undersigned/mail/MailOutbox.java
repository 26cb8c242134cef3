package org.undersigned.mail;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues mail. {@link #enqueue} must run inside the transaction of the change that causes the
 * mail, so that the mail exists exactly when the change does.
 */
@Service
public class MailOutbox {

    private final JdbcClient jdbc;
    private final TemplateEngine templates;
    private final Clock clock;

    MailOutbox(JdbcClient jdbc, TemplateEngine templates, Clock clock) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.clock = clock;
    }

    /**
     * Writes the mail to the outbox; the dispatcher sends it after the transaction commits.
     *
     * @param kind what the mail is for, e.g. {@code VERIFY_EMAIL} (shown to administrators)
     * @return the outbox row's id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long enqueue(String kind, MailMessage message) {
        var html = new StringOutput();
        templates.render("mail/message.jte", message, html);
        var now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                        INSERT INTO mail_outbox (kind, recipient, subject, text_body, html_body, next_attempt_at, created_at)
                        VALUES (:kind, :recipient, :subject, :text, :html, :now, :now)
                        RETURNING id""")
                .param("kind", kind)
                .param("recipient", message.recipient())
                .param("subject", message.subjectLine())
                .param("text", message.plainText())
                .param("html", html.toString())
                .param("now", now)
                .query(Long.class)
                .single();
    }
}
