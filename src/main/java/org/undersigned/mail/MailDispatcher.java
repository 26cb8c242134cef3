package org.undersigned.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
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

    /*
     * Jakarta Mail 2.1 looks up its StreamProvider with a ServiceLoader scan of the class path
     * for every multipart, body part and encoding step (jakartaee/mail-api#699, #861, still open);
     * in the fat jar that scan walks every nested jar and took two thirds of the dispatcher's CPU.
     * The API checks this system property before the scan, so naming the one implementation on
     * the class path (Angus Mail's) skips it. Set only when nobody has set it already.
     */
    static {
        if (System.getProperty(StreamProvider.class.getName()) == null) {
            System.setProperty(StreamProvider.class.getName(), MailStreamProvider.class.getName());
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final @Nullable JavaMailSender sender;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String from;
    private final Duration retryBase;
    private final Duration retryMax;
    private final Duration giveUpAfter;
    private final int senders;

    /** Rows one pass handles at most; the next poll goes on. */
    private static final int PASS_LIMIT = 1000;

    /** Mails one SMTP connection carries before it is closed and a new one opened. */
    private static final int MAILS_PER_CONNECTION = 100;

    MailDispatcher(
            JdbcClient jdbc,
            TransactionTemplate tx,
            ObjectProvider<JavaMailSender> sender,
            ApplicationEventPublisher events,
            Clock clock,
            @Value("${undersigned.mail.from:Undersigned <no-reply@undersigned.localhost>}") String from,
            @Value("${undersigned.mail.retry-base:PT15S}") Duration retryBase,
            @Value("${undersigned.mail.retry-max:PT5M}") Duration retryMax,
            @Value("${undersigned.mail.give-up-after:PT48H}") Duration giveUpAfter,
            @Value("${undersigned.mail.senders:2}") int senders) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.sender = sender.getIfAvailable();
        this.events = events;
        this.clock = clock;
        this.from = from;
        this.retryBase = retryBase;
        this.retryMax = retryMax;
        this.giveUpAfter = giveUpAfter;
        this.senders = Math.max(1, senders);
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
     *
     * <p>The calling thread sends first; once it has claimed a row, {@code senders - 1} more
     * senders join it on virtual threads, each with one SMTP connection of its own that it keeps
     * for the rest of the pass. Every row is still claimed, sent and marked in one transaction of
     * its own (SKIP LOCKED gives it to one sender), so running several changes neither the
     * exactly-once rule nor the one documented window of decision 0004. A caller that runs this
     * inside a transaction of its own (a test simulating a crash) keeps its first row in it.
     */
    int dispatchDue() {
        Instant dueBy = clock.instant();
        if (sender == null) {
            return captureDue(dueBy);
        }
        AtomicInteger handled = new AtomicInteger();
        try (Connection first = new Connection()) {
            if (!dispatchNext(dueBy, first, handled)) {
                return 0;
            }
            if (senders > 1) {
                List<Future<?>> others = new ArrayList<>();
                try (ExecutorService pool = Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("mail-sender-", 2).factory())) {
                    for (int i = 1; i < senders; i++) {
                        others.add(pool.submit(() -> {
                            try (Connection own = new Connection()) {
                                drain(dueBy, own, handled);
                            }
                        }));
                    }
                    drain(dueBy, first, handled);
                }
                // Every sender has stopped here; a failure of one (the database away) is the pass's.
                for (Future<?> other : others) {
                    if (other.state() == Future.State.FAILED
                            && other.exceptionNow() instanceof RuntimeException failure) {
                        throw failure;
                    }
                }
            } else {
                drain(dueBy, first, handled);
            }
        }
        return handled.get();
    }

    /** How many due mails one statement captures. */
    private static final int CAPTURE_BATCH = 200;

    /**
     * With no SMTP server, due mails are captured for the in-app mailbox: nothing can fail, so a
     * batch of them is claimed and marked in one statement, not one transaction per mail (the
     * signing bench captures two mails per signing; bench/README.md).
     */
    private int captureDue(Instant dueBy) {
        int handled = 0;
        while (handled < PASS_LIMIT) {
            int captured = jdbc.sql("""
                            UPDATE mail_outbox
                               SET status = 'CAPTURED', attempts = attempts + 1, next_attempt_at = :now,
                                   last_error = NULL, sent_at = :now
                             WHERE id IN (SELECT id FROM mail_outbox
                                           WHERE status = 'PENDING' AND next_attempt_at <= :dueBy
                                           ORDER BY next_attempt_at, id
                                           LIMIT :batch
                                           FOR UPDATE SKIP LOCKED)""")
                    .param("now", Timestamp.from(clock.instant()))
                    .param("dueBy", Timestamp.from(dueBy))
                    .param("batch", Math.min(CAPTURE_BATCH, PASS_LIMIT - handled))
                    .update();
            handled += captured;
            if (captured == 0) {
                break;
            }
        }
        return handled;
    }

    private void drain(Instant dueBy, Connection connection, AtomicInteger handled) {
        while (handled.get() < PASS_LIMIT && dispatchNext(dueBy, connection, handled)) {
            // one row per round
        }
    }

    private boolean dispatchNext(Instant dueBy, Connection connection, AtomicInteger handled) {
        if (Boolean.TRUE.equals(tx.execute(status -> dispatchOne(dueBy, connection)))) {
            handled.incrementAndGet();
            return true;
        }
        return false;
    }

    private boolean dispatchOne(Instant dueBy, Connection connection) {
        Optional<OutboxRow> claimed = jdbc.sql("""
                        SELECT id, kind, recipient, subject, text_body, html_body, attempts, created_at
                          FROM mail_outbox
                         WHERE status = 'PENDING' AND next_attempt_at <= :dueBy
                         ORDER BY next_attempt_at, id
                         LIMIT 1
                         FOR UPDATE SKIP LOCKED""")
                .param("dueBy", Timestamp.from(dueBy))
                .query(OutboxRow.MAPPER)
                .optional();
        if (claimed.isEmpty()) {
            return false;
        }
        OutboxRow row = claimed.get();
        Instant now = clock.instant();
        try {
            connection.send(toMime(Objects.requireNonNull(sender), row));
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

    /**
     * One sender's SMTP connection, opened at its first mail and kept for the pass (at most
     * {@value #MAILS_PER_CONNECTION} mails), as a raw Jakarta Mail loop would: a new connection
     * per mail costs a TCP and SMTP handshake each. After any failure it is closed, and the next
     * mail opens a fresh one, so one refused mail never leaves the connection in a doubtful state.
     * Falls back to the sender's own {@code send} when it is not Spring's JavaMailSenderImpl.
     */
    private final class Connection implements AutoCloseable {
        private @Nullable Transport transport;
        private int sent;

        void send(MimeMessage mime) throws MessagingException {
            if (!(sender instanceof JavaMailSenderImpl impl)) {
                Objects.requireNonNull(sender).send(mime);
                return;
            }
            if (mime.getSentDate() == null) {
                mime.setSentDate(Date.from(clock.instant()));
            }
            String messageId = mime.getMessageID();
            mime.saveChanges();
            if (messageId != null) {
                mime.setHeader("Message-ID", messageId);
            }
            Address[] to = mime.getAllRecipients();
            try {
                Transport open = open(impl);
                open.sendMessage(mime, to == null ? new Address[0] : to);
                if (++sent >= MAILS_PER_CONNECTION) {
                    close();
                }
            } catch (MessagingException | RuntimeException e) {
                close();
                throw e;
            }
        }

        private Transport open(JavaMailSenderImpl impl) throws MessagingException {
            Transport current = transport;
            if (current != null && current.isConnected()) {
                return current;
            }
            Transport fresh = impl.getSession().getTransport(impl.getProtocol() == null ? "smtp" : impl.getProtocol());
            String username = impl.getUsername();
            String password = impl.getPassword();
            if ("".equals(username)) {
                username = null;
                if ("".equals(password)) {
                    password = null;
                }
            }
            fresh.connect(impl.getHost(), impl.getPort(), username, password);
            transport = fresh;
            sent = 0;
            return fresh;
        }

        @Override
        public void close() {
            Transport current = transport;
            transport = null;
            if (current != null) {
                try {
                    current.close();
                } catch (MessagingException e) {
                    log.debug("SMTP connection closed with an error: {}", e.getMessage());
                }
            }
        }
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
            Instant createdAt) {

        /**
         * By position: the reflective record mapper probes each column with getters that throw
         * (about two exceptions per mail in the signing profile).
         */
        static final org.springframework.jdbc.core.RowMapper<OutboxRow> MAPPER = (rs, n) -> new OutboxRow(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getInt(7),
                rs.getTimestamp(8).toInstant());
    }
}
