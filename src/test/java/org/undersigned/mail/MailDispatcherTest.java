package org.undersigned.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;
import org.undersigned.Fixtures;
import org.undersigned.TestDatabase;

/**
 * The dispatcher against real SMTP servers: GreenMail, stopped and started by the test, and a
 * scripted server that refuses recipients. Runs on a database of its own, so that it sends only
 * its own mails and never touches another test's outbox rows.
 */
@SpringBootTest
@ActiveProfiles("test")
@RecordApplicationEvents
class MailDispatcherTest {

    static final String DATABASE = TestDatabase.newDatabase();
    static final int PORT = freePort();

    @DynamicPropertySource
    static void smtpAndOwnDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.ownDatabaseAndSmtp(registry, DATABASE, PORT);
        // Shorter than the application's defaults, so that the silent-server test is quick.
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "2000");
        registry.add("spring.mail.properties.mail.smtp.timeout", () -> "2000");
        registry.add("undersigned.mail.retry-base", () -> "PT0.1S");
        registry.add("undersigned.mail.retry-max", () -> "PT0.5S");
        registry.add("undersigned.mail.initial-delay-millis", () -> "3600000");
    }

    @Autowired
    MailDispatcher dispatcher;

    @Autowired
    MailOutbox outbox;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    GreenMail greenMail;

    @BeforeEach
    void emptyOutbox() {
        jdbc.sql("DELETE FROM mail_outbox").update();
    }

    @AfterEach
    void stopSmtp() {
        if (greenMail != null) {
            greenMail.stop();
        }
        // A server that stops closes its connections; GreenMail's stop leaves them working.
        dispatcher.closeKeptConnections();
    }

    @Test
    void whileSmtpIsDownMailsWaitAndWhenItIsBackEachGoesOutExactlyOnce() throws Exception {
        List<String> recipients = recipients(5);
        List<Long> ids = enqueue(recipients);

        assertThat(dispatcher.dispatchDue()).as("each row tried once per pass").isEqualTo(5);

        for (Row row : rows(ids)) {
            assertThat(row.status()).isEqualTo("PENDING");
            assertThat(row.attempts()).isOne();
            assertThat(row.lastError()).isNotBlank();
            assertThat(row.sentAt()).isNull();
        }
        Thread.sleep(250); // past the first backoff (0.1 s)
        assertThat(dispatcher.dispatchDue()).isEqualTo(5);
        assertThat(rows(ids)).allSatisfy(row -> {
            assertThat(row.status()).isEqualTo("PENDING");
            assertThat(row.attempts()).isEqualTo(2);
        });

        startGreenMail();
        Thread.sleep(600); // past the longest backoff (0.5 s)
        assertThat(dispatcher.dispatchDue()).isEqualTo(5);

        assertThat(rows(ids)).allSatisfy(row -> {
            assertThat(row.status()).isEqualTo("SENT");
            assertThat(row.attempts()).isEqualTo(3);
            assertThat(row.sentAt()).isNotNull();
        });
        assertThat(receivedPerRecipient()).isEqualTo(once(recipients));

        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(receivedPerRecipient()).isEqualTo(once(recipients));
    }

    /**
     * The one window of decision 0004: the server accepted the mail, then the process died before
     * the commit (simulated by rolling the dispatcher's transaction back). The row goes out again,
     * but with the same Message-ID, so that the receiving side can drop the copy.
     */
    @Test
    void aMailResentAfterACrashBeforeTheCommitKeepsItsMessageId() throws Exception {
        startGreenMail();
        List<Long> ids = enqueue(recipients(1));

        tx.execute(status -> {
            dispatcher.dispatchDue();
            status.setRollbackOnly();
            return null;
        });
        assertThat(rows(ids).getFirst().status())
                .as("the crash lost the commit")
                .isEqualTo("PENDING");
        assertThat(dispatcher.dispatchDue()).isOne();

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getMessageID())
                .startsWith("<outbox." + ids.getFirst() + ".")
                .endsWith("@undersigned.localhost>")
                .isEqualTo(received[1].getMessageID());
        assertThat(rows(ids).getFirst().status()).isEqualTo("SENT");
    }

    /** Two dispatchers at once, as on two app instances: SKIP LOCKED gives each row to one. */
    @Test
    void twoDispatchersSharingTheOutboxSendEveryMailOnce() throws Exception {
        startGreenMail();
        List<String> recipients = recipients(10);
        List<Long> ids = enqueue(recipients);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> dispatch = () -> {
                start.await();
                return dispatcher.dispatchDue();
            };
            Future<Integer> first = pool.submit(dispatch);
            Future<Integer> second = pool.submit(dispatch);
            start.countDown();
            assertThat(first.get(60, TimeUnit.SECONDS) + second.get(60, TimeUnit.SECONDS))
                    .isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }

        assertThat(receivedPerRecipient()).isEqualTo(once(recipients));
        assertThat(rows(ids)).allSatisfy(row -> assertThat(row.status()).isEqualTo("SENT"));
    }

    @Test
    void aPermanentRefusalFailsTheMailForGoodAndSaysSo() throws Exception {
        List<Long> ids = enqueue(List.of("nobody@example.org"));
        try (var server = new RefusingSmtpServer(PORT, "550 5.1.1 <nobody@example.org>: no such user")) {
            assertThat(dispatcher.dispatchDue()).isOne();
            Thread.sleep(250);
            assertThat(dispatcher.dispatchDue()).as("never tried again").isZero();
        }

        Row row = rows(ids).getFirst();
        assertThat(row.status()).isEqualTo("FAILED");
        assertThat(row.attempts()).isOne();
        assertThat(row.lastError()).contains("550");
        assertThat(events.stream(MailDeliveryFailed.class)).singleElement().satisfies(e -> {
            assertThat(e.outboxId()).isEqualTo(ids.getFirst());
            assertThat(e.recipient()).isEqualTo("nobody@example.org");
            assertThat(e.reason()).contains("550");
        });
    }

    @Test
    void aTemporaryRefusalIsRetried() throws Exception {
        List<Long> ids = enqueue(List.of("busy@example.org"));
        try (var server = new RefusingSmtpServer(PORT, "451 4.3.0 try again later")) {
            assertThat(dispatcher.dispatchDue()).isOne();
        }

        Row row = rows(ids).getFirst();
        assertThat(row.status()).isEqualTo("PENDING");
        assertThat(row.lastError()).contains("451");
        assertThat(events.stream(MailDeliveryFailed.class)).isEmpty();

        startGreenMail();
        Thread.sleep(600);
        assertThat(dispatcher.dispatchDue()).isOne();
        assertThat(rows(ids).getFirst().status()).isEqualTo("SENT");
        assertThat(receivedPerRecipient()).isEqualTo(Map.of("busy@example.org", 1L));
    }

    /**
     * Several senders, each keeping its SMTP connection for the pass: every mail arrives once,
     * over far fewer connections than mails, and a recipient refused in the middle of a kept
     * connection fails alone without touching the mails after it.
     */
    @Test
    void keptConnectionsCarryManyMailsAndARefusalInTheMiddleFailsOnlyItsOwnMail() throws Exception {
        List<String> recipients = recipients(60);
        List<String> refused = List.of(recipients.get(7), recipients.get(31));
        List<Long> ids = enqueue(recipients);
        try (var server = new RefusingSmtpServer(PORT, "550 5.1.1 no such user", refused::contains)) {
            assertThat(dispatcher.dispatchDue()).isEqualTo(60);

            List<String> expected = new ArrayList<>(recipients);
            expected.removeAll(refused);
            assertThat(server.accepted()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(server.connections())
                    .as("connections are kept for the pass, renewed only after the refusals")
                    .isLessThanOrEqualTo(2 + refused.size());
        }
        assertThat(rows(ids))
                .allSatisfy(row -> assertThat(row.status())
                        .isEqualTo(refused.contains(recipientOf(row.id())) ? "FAILED" : "SENT"));
        assertThat(events.stream(MailDeliveryFailed.class))
                .extracting(MailDeliveryFailed::recipient)
                .containsExactlyInAnyOrderElementsOf(refused);
    }

    /**
     * Mail goes out as soon as it is queued, so most passes carry one or two mails: the connection
     * is kept from pass to pass, and one that the server has closed meanwhile is replaced at once,
     * whether it was used a moment ago (the send fails and is made again on a new connection) or
     * more than a second ago (checked with NOOP first). No mail waits for a retry.
     */
    @Test
    void aConnectionIsKeptFromPassToPassAndOneTheServerClosedIsReplacedAtOnce() throws Exception {
        List<String> recipients = recipients(4);
        List<Long> ids = new ArrayList<>();
        try (var server = new RefusingSmtpServer(PORT, "550 unused", to -> false)) {
            for (String to : recipients.subList(0, 2)) {
                ids.addAll(enqueue(List.of(to)));
                assertThat(dispatcher.dispatchDue()).isOne();
            }
            assertThat(server.connections())
                    .as("one connection for both passes")
                    .isOne();

            server.dropConnections();
            ids.addAll(enqueue(List.of(recipients.get(2))));
            assertThat(dispatcher.dispatchDue()).isOne();
            assertThat(server.connections()).isEqualTo(2);

            server.dropConnections();
            Thread.sleep(1200);
            ids.addAll(enqueue(List.of(recipients.get(3))));
            assertThat(dispatcher.dispatchDue()).isOne();
            assertThat(server.connections()).isEqualTo(3);

            assertThat(server.accepted()).containsExactlyInAnyOrderElementsOf(recipients);
        }
        assertThat(rows(ids)).allSatisfy(row -> {
            assertThat(row.status()).isEqualTo("SENT");
            assertThat(row.attempts()).isOne();
        });
    }

    /**
     * A sender leases the rows it claims (decision 0072): rows leased by a sender that died are
     * left to it until the lease ends, and are then sent, once.
     */
    @Test
    void rowsLeasedByASenderThatDiedAreSentOnceWhenTheLeaseEnds() throws Exception {
        startGreenMail();
        List<String> recipients = recipients(3);
        List<Long> ids = enqueue(recipients);
        // What a sender's claim leaves behind when the sender dies before sending them.
        jdbc.sql("UPDATE mail_outbox SET next_attempt_at = now() + interval '3 minutes' WHERE id IN (:ids)")
                .param("ids", ids)
                .update();
        assertThat(dispatcher.dispatchDue()).as("leased to another sender").isZero();
        assertThat(greenMail.getReceivedMessages()).isEmpty();

        jdbc.sql("UPDATE mail_outbox SET next_attempt_at = now() - interval '1 second' WHERE id IN (:ids)")
                .param("ids", ids)
                .update();
        assertThat(dispatcher.dispatchDue()).isEqualTo(3);
        assertThat(receivedPerRecipient()).isEqualTo(once(recipients));
        assertThat(rows(ids)).allSatisfy(row -> assertThat(row.status()).isEqualTo("SENT"));
    }

    String recipientOf(long id) {
        return jdbc.sql("SELECT recipient FROM mail_outbox WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    /** A server that takes the connection and then says nothing delays the outbox, never stalls it. */
    @Test
    void aServerThatNeverAnswersIsATemporaryFailure() throws Exception {
        List<Long> ids = enqueue(List.of("silence@example.org"));
        try (var silent = new ServerSocket()) {
            silent.setReuseAddress(true);
            silent.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), PORT));
            // Never accepted: the kernel completes the connection, no greeting ever comes.
            assertThat(dispatcher.dispatchDue()).isOne();
        }

        Row row = rows(ids).getFirst();
        assertThat(row.status()).isEqualTo("PENDING");
        assertThat(row.lastError()).isNotBlank();
    }

    @Test
    void aMailArrivesAsPlainTextAndHtmlWithNamesEscapedInTheHtml() throws Exception {
        startGreenMail();
        String to = Fixtures.uniqueEmail();
        String name = "ნინო <script>alert(1)</script> Bəşirova";
        long id = tx.execute(status -> outbox.enqueue(
                "TEST",
                new MailMessage(
                        to,
                        "Join საქართველოს ახალგაზრდა იურისტთა ასოციაცია on Undersigned",
                        "Hello " + name + ",",
                        List.of("Line one & more."),
                        "Accept the invitation",
                        "http://localhost:8080/account/join/abc?x=1&y=2",
                        List.of("This link works once."))));

        assertThat(dispatcher.dispatchDue()).isOne();

        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("Join საქართველოს ახალგაზრდა იურისტთა ასოციაცია on Undersigned");
        assertThat(received.getHeader("X-Undersigned-Outbox-Id")).containsExactly(Long.toString(id));
        assertThat(received.getRecipients(Message.RecipientType.TO)[0].toString())
                .isEqualTo(to);
        Map<String, String> parts = new HashMap<>();
        collectTextParts(received, parts);
        assertThat(parts).containsOnlyKeys("text/plain", "text/html");
        assertThat(parts.get("text/plain"))
                .contains("Hello " + name + ",")
                .contains("http://localhost:8080/account/join/abc?x=1&y=2");
        assertThat(parts.get("text/html"))
                .contains("ნინო &lt;script&gt;alert(1)&lt;/script&gt; Bəşirova")
                .doesNotContain("<script>")
                .contains("Line one &amp; more.")
                .contains("href=\"http://localhost:8080/account/join/abc?x=1&amp;y=2\"");
    }

    // --- helpers ----------------------------------------------------------------------------------

    void startGreenMail() {
        greenMail = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    List<String> recipients(int n) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(Fixtures.uniqueEmail());
        }
        return list;
    }

    List<Long> enqueue(List<String> recipients) {
        return tx.execute(status -> recipients.stream()
                .map(to -> outbox.enqueue(
                        "TEST",
                        new MailMessage(to, "Test for " + to, "Hello,", List.of("A test."), null, null, List.of())))
                .toList());
    }

    Map<String, Long> receivedPerRecipient() throws Exception {
        List<String> to = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            to.add(m.getRecipients(Message.RecipientType.TO)[0].toString());
        }
        return to.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    static Map<String, Long> once(List<String> recipients) {
        return recipients.stream().collect(Collectors.toMap(Function.identity(), r -> 1L));
    }

    record Row(
            long id,
            String status,
            int attempts,
            String lastError,
            Instant createdAt,
            Instant nextAttemptAt,
            Instant sentAt) {}

    List<Row> rows(List<Long> ids) {
        return jdbc.sql(
                        "SELECT id, status, attempts, last_error, created_at, next_attempt_at, sent_at FROM mail_outbox WHERE id = ANY(?) ORDER BY id")
                .param(ids.toArray(Long[]::new))
                .query(Row.class)
                .list();
    }

    static void collectTextParts(Part part, Map<String, String> found) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectTextParts(multipart.getBodyPart(i), found);
            }
        } else if (part.isMimeType("text/plain") || part.isMimeType("text/html")) {
            String type = part.isMimeType("text/plain") ? "text/plain" : "text/html";
            assertThat(found).as("one %s part", type).doesNotContainKey(type);
            found.put(type, (String) part.getContent());
        }
    }

    static int freePort() {
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
