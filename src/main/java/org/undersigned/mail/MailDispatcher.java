package org.undersigned.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due outbox rows. Each row is claimed with {@code FOR UPDATE SKIP LOCKED} and handed to
 * SMTP inside the transaction that marks it sent, so several instances share the work and a row
 * is never sent by two of them; a crash before the commit leaves the row pending for a retry
 * (see docs/decisions/0004-mail-outbox.md for the one window this leaves).
 */
@Component
class MailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final @Nullable JavaMailSender sender;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String from;
    private final Duration retryBase;
    private final Duration retryMax;
    private final Duration giveUpAfter;

    MailDispatcher(
            JdbcClient jdbc,
            TransactionTemplate tx,
            ObjectProvider<JavaMailSender> sender,
            ApplicationEventPublisher events,
            Clock clock,
            @Value("${undersigned.mail.from:Undersigned <no-reply@undersigned.localhost>}") String from,
            @Value("${undersigned.mail.retry-base:PT15S}") Duration retryBase,
            @Value("${undersigned.mail.retry-max:PT5M}") Duration retryMax,
            @Value("${undersigned.mail.give-up-after:PT48H}") Duration giveUpAfter) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.sender = sender.getIfAvailable();
        this.events = events;
        this.clock = clock;
        this.from = from;
        this.retryBase = retryBase;
        this.retryMax = retryMax;
        this.giveUpAfter = giveUpAfter;
        if (this.sender == null) {
            log.info(
                    "No SPRING_MAIL_HOST set: mails are captured and shown in the in-app mailbox (Administration → Mailbox).");
        }
    }

    /** Whether mails go to an SMTP server (false: they are captured for the in-app mailbox). */
    boolean sendsToSmtp() {
        return sender != null;
    }

    // A test that drives dispatchDue() itself sets a long initial delay, so that no scheduled
    // poll races it for the same rows.
    @Scheduled(
            fixedDelayString = "${undersigned.mail.poll-millis:1000}",
            initialDelayString = "${undersigned.mail.initial-delay-millis:2000}")
    void poll() {
        try {
            dispatchDue();
        } catch (RuntimeException e) {
            // The database may be away for a moment; the next poll tries again.
            log.warn("Mail dispatch paused: {}", e.getMessage());
        }
    }

    /**
     * Tries every row that is due now once, one transaction each; returns how many rows were
     * handled. A row that fails is due again only after its backoff, which lies after the start
     * of this pass, so a slow or silent server cannot keep one pass retrying the same rows.
     */
    int dispatchDue() {
        Instant dueBy = clock.instant();
        int handled = 0;
        while (handled < 1000 && Boolean.TRUE.equals(tx.execute(status -> dispatchOne(dueBy)))) {
            handled++;
        }
        return handled;
    }

    private boolean dispatchOne(Instant dueBy) {
        Optional<OutboxRow> claimed = jdbc.sql("""
                        SELECT id, kind, recipient, subject, text_body, html_body, attempts, created_at
                          FROM mail_outbox
                         WHERE status = 'PENDING' AND next_attempt_at <= :dueBy
                         ORDER BY next_attempt_at, id
                         LIMIT 1
                         FOR UPDATE SKIP LOCKED""")
                .param("dueBy", Timestamp.from(dueBy))
                .query(OutboxRow.class)
                .optional();
        if (claimed.isEmpty()) {
            return false;
        }
        OutboxRow row = claimed.get();
        Instant now = clock.instant();
        if (sender == null) {
            mark(row.id(), "CAPTURED", row.attempts() + 1, now, null, now);
            return true;
        }
        try {
            sender.send(toMime(sender, row));
            mark(row.id(), "SENT", row.attempts() + 1, now, null, now);
        } catch (MailException | MessagingException | UnsupportedEncodingException e) {
            String reason = describe(e);
            int attempts = row.attempts() + 1;
            boolean permanent = isPermanent(e);
            boolean exhausted = Duration.between(row.createdAt(), now).compareTo(giveUpAfter) > 0;
            if (permanent || exhausted) {
                mark(row.id(), "FAILED", attempts, now, reason, null);
                events.publishEvent(new MailDeliveryFailed(row.id(), row.kind(), row.recipient(), reason));
                log.warn(
                        "Mail {} ({}) failed for good after {} attempt(s): {}", row.id(), row.kind(), attempts, reason);
            } else {
                Duration wait = backoff(attempts);
                mark(row.id(), "PENDING", attempts, now.plus(wait), reason, null);
                log.info("Mail {} ({}) not sent ({}); retrying in {}s", row.id(), row.kind(), reason, wait.toSeconds());
            }
        }
        return true;
    }

    Duration backoff(int attempts) {
        long factor = 1L << Math.min(attempts - 1, 20);
        Duration d = retryBase.multipliedBy(factor);
        return d.compareTo(retryMax) > 0 ? retryMax : d;
    }

    private void mark(
            long id, String status, int attempts, Instant next, @Nullable String error, @Nullable Instant sentAt) {
        jdbc.sql("""
                        UPDATE mail_outbox
                           SET status = :status, attempts = :attempts, next_attempt_at = :next,
                               last_error = :error, sent_at = :sentAt
                         WHERE id = :id""")
                .param("status", status)
                .param("attempts", attempts)
                .param("next", Timestamp.from(next))
                .param("error", error)
                .param("sentAt", sentAt == null ? null : Timestamp.from(sentAt))
                .param("id", id)
                .update();
    }

    private MimeMessage toMime(JavaMailSender sender, OutboxRow row)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage mime = sender.createMimeMessage();
        var helper = new MimeMessageHelper(mime, row.htmlBody() != null, "UTF-8");
        var address = new jakarta.mail.internet.InternetAddress(from, true);
        helper.setFrom(address);
        helper.setTo(row.recipient());
        helper.setSubject(row.subject());
        if (row.htmlBody() != null) {
            helper.setText(row.textBody(), row.htmlBody());
        } else {
            helper.setText(row.textBody());
        }
        mime.setHeader("X-Undersigned-Outbox-Id", Long.toString(row.id()));
        // The same Message-ID on every attempt of a row: if a crash between the server's
        // acceptance and our commit makes the row go out again, receivers can drop the copy.
        // Spring's sender keeps an explicitly set Message-ID.
        mime.setHeader("Message-ID", messageId(row, address));
        return mime;
    }

    /** Stable per outbox row: its id and creation time (unique per installation) at the sender's domain. */
    static String messageId(OutboxRow row, jakarta.mail.internet.InternetAddress from) {
        String address = from.getAddress();
        String domain = address == null || address.indexOf('@') < 0
                ? "undersigned.localhost"
                : address.substring(address.indexOf('@') + 1);
        return "<outbox." + row.id() + "." + row.createdAt().toEpochMilli() + "@" + domain + ">";
    }

    /** A refusal that a retry cannot fix: the server said 5xx, or the address is malformed. */
    static boolean isPermanent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPAddressFailedException a) {
                return a.getReturnCode() >= 500;
            }
            if (t instanceof SMTPSendFailedException s) {
                return s.getReturnCode() >= 500;
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return false;
            }
            if (t instanceof SendFailedException sf
                    && sf.getInvalidAddresses() != null
                    && sf.getInvalidAddresses().length > 0) {
                return true;
            }
            if (t instanceof jakarta.mail.internet.AddressException) {
                return true;
            }
            if (t instanceof MailException me) {
                for (Exception inner : failedMessageCauses(me)) {
                    if (inner != e && isPermanent(inner)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Iterable<Exception> failedMessageCauses(MailException e) {
        if (e instanceof org.springframework.mail.MailSendException mse) {
            return mse.getFailedMessages().values();
        }
        return java.util.List.of();
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        msg = msg.replaceAll("[\\r\\n]+", " ").strip();
        return msg.length() > 500 ? msg.substring(0, 500) : msg;
    }

    record OutboxRow(
            long id,
            String kind,
            String recipient,
            String subject,
            String textBody,
            @Nullable String htmlBody,
            int attempts,
            Instant createdAt) {}
}
