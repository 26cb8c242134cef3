package org.undersigned.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.undersigned.Fixtures;
import org.undersigned.TestDatabase;
import org.undersigned.letter.LetterService;

/**
 * Invitations in Arabic and Georgian through real SMTP (GreenMail): the subject decodes to exactly
 * what was written, the HTML part carries the language and direction. Runs on a database of its
 * own, so that the dispatcher sends only this test's mails.
 */
@SpringBootTest
@ActiveProfiles("test")
class SigningMailDeliveryTest {

    static final String DATABASE = TestDatabase.newDatabase();
    static final int PORT = freePort();

    @DynamicPropertySource
    static void smtpAndOwnDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.ownDatabaseAndSmtp(registry, DATABASE, PORT);
        registry.add("undersigned.mail.retry-base", () -> "PT0.2S");
        registry.add("undersigned.mail.retry-max", () -> "PT0.5S");
        registry.add("undersigned.mail.poll-millis", () -> "200");
        registry.add("undersigned.mail.initial-delay-millis", () -> "200");
    }

    @Autowired
    InvitationService invitations;

    @Autowired
    LetterService letters;

    @Autowired
    JdbcClient jdbc;

    GreenMail greenMail;

    @BeforeEach
    void smtp() {
        greenMail = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    @AfterEach
    void stop() {
        greenMail.stop();
        Fixtures.actAsNobody();
    }

    @Test
    void arabicAndGeorgianInvitationsArriveInTheirLanguage() throws Exception {
        var world = new SigningWorld(jdbc);
        var letterId = world.letter(letters, "Müdafiəçilər azad edilməlidir.");
        String arabic = world.email("salma");
        String georgian = world.email("nino");
        invitations.add(letterId, new NewInvitee("سلمى الحسيني", null, null, arabic, "ar"));
        invitations.add(letterId, new NewInvitee("ნინო ბერიძე", null, null, georgian, "ka"));
        invitations.openForSignatures(letterId);

        assertThat(greenMail.waitForIncomingEmail(30_000, 2)).isTrue();
        MimeMessage toSalma = to(arabic);
        assertThat(toSalma.getSubject())
                .isEqualTo("دعوة إلى التوقيع على الرسالة المفتوحة «\u2068Solidarity with the defenders\u2069»");
        Map<String, String> parts = parts(toSalma);
        assertThat(parts.get("text/html"))
                .contains("<html lang=\"ar\" dir=\"rtl\">")
                .contains("<bdi dir=\"auto\">سلمى الحسيني</bdi>")
                .contains("<bdi dir=\"auto\">Solidarity with the defenders</bdi>");
        assertThat(parts.get("text/plain"))
                .startsWith("\u200Fعزيزي/عزيزتي \u2068سلمى الحسيني\u2069،")
                .contains("Müdafiəçilər azad edilməlidir.")
                .doesNotContain("ნინო");

        MimeMessage toNino = to(georgian);
        assertThat(toNino.getSubject()).isEqualTo("მოწვევა ღია წერილის „Solidarity with the defenders“ ხელმოსაწერად");
        parts = parts(toNino);
        assertThat(parts.get("text/html"))
                .contains("<html lang=\"ka\" dir=\"ltr\">")
                .contains("პატივცემულო <bdi dir=\"auto\">ნინო ბერიძე</bdi>,");
        assertThat(parts.get("text/plain"))
                .startsWith("პატივცემულო ნინო ბერიძე,\n\n")
                .contains("წაიკითხეთ წერილი და მოაწერეთ ხელი:\nhttp")
                .doesNotContain("سلمى");
    }

    private MimeMessage to(String address) {
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equals(address);
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .findFirst()
                .orElseThrow(() -> new AssertionError("no mail to " + address));
    }

    private static Map<String, String> parts(Part part) throws Exception {
        Map<String, String> found = new HashMap<>();
        collect(part, found);
        assertThat(found).containsOnlyKeys("text/plain", "text/html");
        return found;
    }

    private static void collect(Part part, Map<String, String> found) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), found);
            }
        } else if (part.isMimeType("text/plain") || part.isMimeType("text/html")) {
            found.put(part.isMimeType("text/plain") ? "text/plain" : "text/html", (String) part.getContent());
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
