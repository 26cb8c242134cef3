package org.undersigned.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.base.AppRoles;
import org.undersigned.base.NotFoundException;

/** What administrators see of mail: the captured mailbox, and mail that is late or failed. */
@Service
@PreAuthorize(AppRoles.HAS_ADMIN)
public class MailAdmin {

    private static final String COLUMNS =
            "id, kind, recipient, subject, text_body, status, attempts, last_error, created_at, next_attempt_at, sent_at";

    private final JdbcClient jdbc;
    private final MailDispatcher dispatcher;
    private final Clock clock;

    MailAdmin(JdbcClient jdbc, MailDispatcher dispatcher, Clock clock) {
        this.jdbc = jdbc;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** True when no SMTP server is configured and mails are kept for the in-app mailbox. */
    public boolean capturing() {
        return !dispatcher.sendsToSmtp();
    }

    /** Captured mails, newest first. */
    @Transactional(readOnly = true)
    public List<OutboxEntry> captured(int limit) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM mail_outbox WHERE status = 'CAPTURED' ORDER BY id DESC LIMIT :limit")
                .param("limit", Math.max(1, Math.min(limit, 1000)))
                .query(OutboxEntry.class)
                .list();
    }

    /** Mail still waiting to go out, and mail that failed for good, oldest first. */
    @Transactional(readOnly = true)
    public List<OutboxEntry> undelivered() {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM mail_outbox WHERE status IN ('PENDING', 'FAILED') ORDER BY created_at, id LIMIT 1000")
                .query(OutboxEntry.class)
                .list();
    }

    /** Queues a failed mail again, to be tried at once. */
    @Transactional
    public void retry(long id) {
        int updated = jdbc.sql(
                        "UPDATE mail_outbox SET status = 'PENDING', next_attempt_at = :now WHERE id = :id AND status IN ('FAILED', 'PENDING')")
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
        if (updated == 0) {
            throw new NotFoundException();
        }
    }
}
