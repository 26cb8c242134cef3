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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final boolean sendOnCommit;

    /** The one thread that runs a pass when a transaction that queued mail has committed. */
    private final ExecutorService waker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mail-wake");
        t.setDaemon(true);
        return t;
    });

    /** Whether a pass is queued on {@link #waker} and has not begun: later wakes join it. */
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    /** SMTP connections kept between passes (at most {@code senders}), most recently used first. */
    private final java.util.concurrent.ConcurrentLinkedDeque<Connection> idle =
            new java.util.concurrent.ConcurrentLinkedDeque<>();

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
            @Value("${undersigned.mail.senders:2}") int senders,
            @Value("${undersigned.mail.send-on-commit:true}") boolean sendOnCommit) {
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
        this.sendOnCommit = sendOnCommit;
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
     * Whether rows are handed to this instance's sender when their transaction commits
     * ({@link #handOff}): SMTP is configured and {@code undersigned.mail.send-on-commit} is on
     * (tests that drive the dispatcher themselves turn it off).
     */
    boolean handsOffOnCommit() {
        return sendOnCommit && sender != null;
    }

    /** A row queued by a transaction that has committed, leased to this instance's sender. */
    record HandedOff(OutboxRow row, Instant leaseEnd) {}

    /** Rows handed over by committed transactions, sent in order by {@link #waker}. */
    private final java.util.concurrent.ConcurrentLinkedQueue<HandedOff> handedOff =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * Called after a transaction that queued mail has committed: its rows, written already leased
     * to this instance (decision 0072), are sent at once on {@link #waker}, so a signing code or a
     * sign-in link goes out within moments, without a claim and without waiting for the poll.
     * Should this instance stop first, the poll sends them (here or on another instance) when
     * their lease ends. A row whose lease is nearly over when its turn comes is given back to the
     * poll instead.
     */
    void handOff(List<HandedOff> rows) {
        handedOff.addAll(rows);
        schedule(this::sendHandedOff);
    }

    /**
     * Called after a transaction that queued mail has committed when mail is captured (no SMTP):
     * a capture pass runs at once, so the in-app mailbox shows the mail without waiting for the
     * poll.
     */
    void wake() {
        if (sendOnCommit) {
            schedule(this::poll);
        }
    }

    /**
     * Runs the task on {@link #waker} unless one is queued and not begun: later calls join it;
     * one that comes while it runs queues the next, so nothing handed over meanwhile is left.
     */
    private void schedule(Runnable task) {
        if (wakeQueued.compareAndSet(false, true)) {
            try {
                waker.execute(() -> {
                    wakeQueued.set(false);
                    task.run();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down: the poll sends the rows when their lease ends
            }
        }
    }

    private void sendHandedOff() {
        try (Connection connection = connection()) {
            for (HandedOff next; (next = handedOff.poll()) != null; ) {
                try {
                    if (clock.instant().isAfter(next.leaseEnd().minus(LEASE_MARGIN))) {
                        giveBack(List.of(next.row()), next.leaseEnd());
                    } else {
                        sendOne(next.row(), next.leaseEnd(), connection);
                    }
                } catch (RuntimeException e) {
                    // The database away: the row stays leased and the poll sends it after the lease.
                    log.warn("Mail {} not sent on commit: {}", next.row().id(), e.getMessage());
                }
            }
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        waker.shutdownNow();
        closeKeptConnections();
    }

    /** Closes the SMTP connections kept between passes (a test that stops its server calls it too). */
    void closeKeptConnections() {
        for (Connection c; (c = idle.poll()) != null; ) {
            c.discard();
        }
    }

    /** How many due rows one statement claims for a sender. */
    static final int CLAIM_BATCH = 20;

    /**
     * How long claimed rows are leased to their sender: no other sender (here or on another
     * instance) takes them before it ends, and a crashed sender's rows are due again after it.
     */
    static final Duration LEASE = Duration.ofMinutes(3);

    /**
     * A sender starts no mail in the last part of its lease: one send takes at most the SMTP
     * timeouts (10 s to connect, 30 s per read or write; application.properties), so a mail is
     * marked before its lease ends. The rows it did not start are given back.
     */
    static final Duration LEASE_MARGIN = Duration.ofMinutes(2);

    /**
     * Tries every row that is due now once; returns how many rows were handled. A row that fails
     * is due again only after its backoff, which lies after the start of this pass, so a slow or
     * silent server cannot keep one pass retrying the same rows.
     *
     * <p>A sender claims up to {@value #CLAIM_BATCH} due rows in one statement ({@code FOR UPDATE
     * SKIP LOCKED}, so each row goes to one sender) by leasing them: their {@code next_attempt_at}
     * moves to the lease's end. It then sends them one by one and marks each as soon as the
     * server has accepted it, each mark in a statement of its own that checks the lease is still
     * its own: the window of decision 0004 stays one mail per crashed sender (its copy keeps its
     * Message-ID), and rows it had leased but not sent are due again when the lease ends
     * (decision 0072). A failed mail is marked, and a failure for good announced, in a
     * transaction of its own.
     *
     * <p>The calling thread sends first; when its claim was full, {@code senders - 1} more senders
     * join it on virtual threads, each with an SMTP connection of its own. A caller that runs this
     * inside a transaction of its own (a test simulating a crash) keeps the first sender's claims
     * and marks in it.
     */
    int dispatchDue() {
        Instant dueBy = clock.instant();
        if (sender == null) {
            return captureDue(dueBy);
        }
        AtomicInteger handled = new AtomicInteger();
        try (Connection first = connection()) {
            if (sendBatch(dueBy, first, handled) < CLAIM_BATCH) {
                return handled.get();
            }
            if (senders > 1) {
                List<Future<?>> others = new ArrayList<>();
                try (ExecutorService pool = Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("mail-sender-", 2).factory())) {
                    for (int i = 1; i < senders; i++) {
                        others.add(pool.submit(() -> {
                            try (Connection own = connection()) {
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
            int batch = Math.min(CAPTURE_BATCH, PASS_LIMIT - handled);
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
                    .param("batch", batch)
                    .update();
            handled += captured;
            if (captured < batch) {
                break; // none left that was due (a row locked by another instance is theirs)
            }
        }
        return handled;
    }

    private void drain(Instant dueBy, Connection connection, AtomicInteger handled) {
        while (handled.get() < PASS_LIMIT && sendBatch(dueBy, connection, handled) == CLAIM_BATCH) {
            // a full claim: more may be due
        }
    }

    /** Claims due rows, sends them; returns how many it claimed. */
    private int sendBatch(Instant dueBy, Connection connection, AtomicInteger handled) {
        Instant leaseEnd = clock.instant().plus(LEASE).truncatedTo(ChronoUnit.MICROS);
        List<OutboxRow> rows = jdbc
                .sql("""
                        UPDATE mail_outbox SET next_attempt_at = :leaseEnd
                         WHERE id IN (SELECT id FROM mail_outbox
                                       WHERE status = 'PENDING' AND next_attempt_at <= :dueBy
                                       ORDER BY next_attempt_at, id
                                       LIMIT :batch
                                       FOR UPDATE SKIP LOCKED)
                        RETURNING id, kind, recipient, subject, text_body, html_body, attempts, created_at""")
                .param("leaseEnd", Timestamp.from(leaseEnd))
                .param("dueBy", Timestamp.from(dueBy))
                .param("batch", Math.min(CLAIM_BATCH, Math.max(1, PASS_LIMIT - handled.get())))
                .query(OutboxRow.MAPPER)
                .list()
                .stream()
                .sorted(java.util.Comparator.comparingLong(OutboxRow::id))
                .toList();
        Instant lastStart = leaseEnd.minus(LEASE_MARGIN);
        for (int i = 0; i < rows.size(); i++) {
            if (clock.instant().isAfter(lastStart)) {
                giveBack(rows.subList(i, rows.size()), leaseEnd);
                break;
            }
            sendOne(rows.get(i), leaseEnd, connection);
            handled.incrementAndGet();
        }
        return rows.size();
    }

    private void sendOne(OutboxRow row, Instant leaseEnd, Connection connection) {
        Instant now = clock.instant();
        try {
            connection.send(toMime(Objects.requireNonNull(sender), row));
            if (mark(row.id(), leaseEnd, "SENT", row.attempts() + 1, now, null, now) == 0) {
                log.warn(
                        "Mail {} ({}) was sent after its lease had ended; another sender may send it too",
                        row.id(),
                        row.kind());
            }
        } catch (MailException | MessagingException | UnsupportedEncodingException e) {
            String reason = describe(e);
            int attempts = row.attempts() + 1;
            boolean permanent = isPermanent(e);
            boolean exhausted = Duration.between(row.createdAt(), now).compareTo(giveUpAfter) > 0;
            if (permanent || exhausted) {
                tx.executeWithoutResult(status -> {
                    if (mark(row.id(), leaseEnd, "FAILED", attempts, now, reason, null) > 0) {
                        events.publishEvent(new MailDeliveryFailed(row.id(), row.kind(), row.recipient(), reason));
                    }
                });
                log.warn(
                        "Mail {} ({}) failed for good after {} attempt(s): {}", row.id(), row.kind(), attempts, reason);
            } else {
                Duration wait = backoff(attempts);
                mark(row.id(), leaseEnd, "PENDING", attempts, now.plus(wait), reason, null);
                log.info("Mail {} ({}) not sent ({}); retrying in {}s", row.id(), row.kind(), reason, wait.toSeconds());
            }
        }
    }

    /** Rows leased but not started: due again now, for the next pass. */
    private void giveBack(List<OutboxRow> rows, Instant leaseEnd) {
        jdbc.sql("""
                        UPDATE mail_outbox SET next_attempt_at = :now
                         WHERE id IN (:ids) AND status = 'PENDING' AND next_attempt_at = :leaseEnd""")
                .param("now", Timestamp.from(clock.instant()))
                .param("ids", rows.stream().map(OutboxRow::id).toList())
                .param("leaseEnd", Timestamp.from(leaseEnd))
                .update();
    }

    /** A kept connection if one is idle (it has been used lately), else a new one, opened at its first mail. */
    private Connection connection() {
        for (Connection kept; (kept = idle.poll()) != null; ) {
            if (!kept.unusedFor(KEPT_IDLE)) {
                return kept;
            }
            kept.discard();
        }
        return new Connection();
    }

    /** How long a connection may sit unused and still be sent on without asking the server first. */
    private static final Duration TRUSTED_IDLE = Duration.ofSeconds(1);

    /** How long an unused connection is kept at all. */
    private static final Duration KEPT_IDLE = Duration.ofSeconds(30);

    /**
     * One sender's SMTP connection, opened at its first mail and kept for the pass and for the
     * next passes (up to {@code senders} of them are kept, each for at most
     * {@value #MAILS_PER_CONNECTION} mails and {@link #KEPT_IDLE} unused), as a raw Jakarta Mail
     * loop would: a new connection per mail costs a TCP and SMTP handshake each, and with mail sent
     * as soon as it is queued most passes carry one or two mails. A connection unused for more than
     * {@link #TRUSTED_IDLE} is checked with Jakarta Mail's NOOP before it is used again. After any
     * failure it is closed, and the next mail opens a fresh one, so one refused mail never leaves
     * the connection in a doubtful state. Falls back to the sender's own {@code send} when it is
     * not Spring's JavaMailSenderImpl.
     */
    private final class Connection implements AutoCloseable {
        private @Nullable Transport transport;
        private int sent;
        private long lastUsedNanos = System.nanoTime();

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
            Address[] recipients = mime.getAllRecipients();
            Address[] to = recipients == null ? new Address[0] : recipients;
            boolean kept = transport != null;
            try {
                open(impl).sendMessage(mime, to);
            } catch (MessagingException e) {
                discard();
                if (!kept || repliedByServer(e)) {
                    throw e;
                }
                // The kept connection was gone (the server closed it or restarted): once more on
                // a new one. Should the server have taken the mail before the line broke, the
                // copy has the same Message-ID.
                try {
                    open(impl).sendMessage(mime, to);
                } catch (MessagingException | RuntimeException again) {
                    discard();
                    throw again;
                }
            } catch (RuntimeException e) {
                discard();
                throw e;
            }
            lastUsedNanos = System.nanoTime();
            if (++sent >= MAILS_PER_CONNECTION) {
                discard();
            }
        }

        /** An SMTP reply refused the mail (the connection itself worked). */
        private static boolean repliedByServer(MessagingException e) {
            return e instanceof SendFailedException
                    || e instanceof SMTPSendFailedException
                    || e instanceof SMTPAddressFailedException;
        }

        private boolean unusedFor(Duration d) {
            return System.nanoTime() - lastUsedNanos > d.toNanos();
        }

        private Transport open(JavaMailSenderImpl impl) throws MessagingException {
            Transport current = transport;
            if (current != null && (!unusedFor(TRUSTED_IDLE) || current.isConnected())) {
                return current;
            }
            discard();
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

        /** The pass is over: kept for the next one when it is open and there is room, else closed. */
        @Override
        public void close() {
            if (transport != null && !unusedFor(KEPT_IDLE) && idle.size() < senders && !waker.isShutdown()) {
                idle.push(this);
            } else {
                discard();
            }
        }

        void discard() {
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

    /** Marks a row this sender leases (0 when the lease is no longer its own). */
    private int mark(
            long id,
            Instant leaseEnd,
            String status,
            int attempts,
            Instant next,
            @Nullable String error,
            @Nullable Instant sentAt) {
        return jdbc.sql("""
                        UPDATE mail_outbox
                           SET status = :status, attempts = :attempts, next_attempt_at = :next,
                               last_error = :error, sent_at = :sentAt
                         WHERE id = :id AND status = 'PENDING' AND next_attempt_at = :leaseEnd""")
                .param("status", status)
                .param("attempts", attempts)
                .param("next", Timestamp.from(next))
                .param("error", error)
                .param("sentAt", sentAt == null ? null : Timestamp.from(sentAt))
                .param("id", id)
                .param("leaseEnd", Timestamp.from(leaseEnd))
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
