package org.undersigned.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.undersigned.Fixtures;
import org.undersigned.IntegrationTest;
import org.undersigned.base.InvalidInputException;
import org.undersigned.letter.FrozenText;
import org.undersigned.letter.SignableLetter;

/** Every signing mail, rendered through the real outbox in each language, and the fallback to English. */
@IntegrationTest
class SigningMailsTest {

    private static final Pattern LEFTOVER = Pattern.compile("\\{\\d+}|mail\\.[a-z]+\\.");
    private static final Instant EXPIRES = Instant.parse("2026-12-28T10:00:00Z");

    @Autowired
    SigningMails mails;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    record Sent(String kind, String subject, String text, String html) {}

    /** Queues one mail of every kind to a fresh address in {@code language}; returns them by kind. */
    private Map<String, Sent> everyKind(String language, String name, String title) {
        String email = Fixtures.uniqueEmail();
        var row = new InvitationRepository.Row(
                UUID.randomUUID(),
                UUID.randomUUID(),
                name,
                null,
                null,
                email,
                language,
                InvitationState.SENT,
                null,
                null,
                0);
        var letter = new SignableLetter(UUID.randomUUID(), title, "az", "İnsan Hüquqları Evi", "OPEN_FOR_SIGNATURES");
        var text = FrozenText.of(1, title, "Hörmətli dostlar,\n\nMüdafiəçilər azad edilməlidir.");
        String token = "T".repeat(43);
        List<Consumer<SigningMails>> all = List.of(
                m -> m.invitation(row, letter, text, token, EXPIRES, false),
                m -> m.invitation(row, letter, text, token, EXPIRES, true),
                m -> m.code(row, title, "042917"),
                m -> m.confirmation(row, title, name + ", Sədr, İHE", "ab".repeat(32), token),
                m -> m.reconsent(row, title, "Müdafiəçilər [-azad-]{+dərhal azad+} edilməlidir.", token),
                m -> m.published(row, title, "https://undersigned.example/letters/x"),
                m -> m.closed(row, title, "İnsan Hüquqları Evi"));
        tx.executeWithoutResult(s -> all.forEach(c -> c.accept(mails)));
        tx.executeWithoutResult(s -> mails.retentionNotice(email, title, EXPIRES));
        var sent = new java.util.LinkedHashMap<String, Sent>();
        jdbc.sql("SELECT kind, subject, text_body, html_body FROM mail_outbox WHERE recipient = ? ORDER BY id")
                .param(email)
                .query((rs, n) -> new Sent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list()
                .forEach(m -> sent.put(m.kind(), m));
        return sent;
    }

    @Test
    void everyMailKindRendersInEveryLanguageWithNoMissingWord() {
        for (String language : SigningTexts.LANGUAGES) {
            Map<String, Sent> sent = everyKind(language, "Leyla Yunus", "Solidarity with the defenders");
            assertThat(sent.keySet())
                    .as(language)
                    .containsExactlyInAnyOrder(
                            SigningMails.INVITATION,
                            SigningMails.REMINDER,
                            SigningMails.CODE,
                            SigningMails.CONFIRMATION,
                            SigningMails.RECONSENT,
                            SigningMails.PUBLISHED,
                            SigningMails.CLOSED,
                            SigningMails.RETENTION_NOTICE);
            var texts = SigningTexts.of(language);
            for (Sent m : sent.values()) {
                String what = language + " " + m.kind();
                assertThat(m.subject()).as(what).doesNotContainPattern(LEFTOVER).doesNotContain("\n", "\r");
                assertThat(m.text()).as(what).doesNotContainPattern(LEFTOVER).contains("Solidarity with the defenders");
                assertThat(m.html()).as(what).doesNotContainPattern(LEFTOVER);
                if (m.kind().equals(SigningMails.RETENTION_NOTICE)) {
                    // To an editor, who has no language of their own yet.
                    assertThat(m.html()).as(what).contains("<html lang=\"en\" dir=\"ltr\">");
                    continue;
                }
                assertThat(m.html())
                        .as(what)
                        .contains("<html lang=\"" + language + "\" dir=\"" + texts.direction() + "\">")
                        .contains("<bdi dir=\"auto\">Leyla Yunus</bdi>")
                        .contains("<bdi dir=\"auto\">Solidarity with the defenders</bdi>")
                        .contains(texts.get("mail.footer"));
                assertThat(m.text()).as(what).contains("Leyla Yunus");
            }
            Sent invitation = sent.get(SigningMails.INVITATION);
            assertThat(invitation.text())
                    .contains(texts.get("mail.invitation.action"))
                    .contains(texts.date(EXPIRES))
                    .contains("Müdafiəçilər azad edilməlidir.")
                    .contains("/sign/" + "T".repeat(43));
            assertThat(sent.get(SigningMails.CODE).subject()).endsWith("042917");
            assertThat(sent.get(SigningMails.RECONSENT).text()).contains("[-azad-]{+dərhal azad+}");
        }
    }

    @Test
    void theEnglishMailsReadAsBefore() {
        Map<String, Sent> sent = everyKind("en", "Jane Doe", "Free them");
        assertThat(sent.get(SigningMails.INVITATION).subject()).isEqualTo("Invitation to sign “Free them”");
        assertThat(sent.get(SigningMails.REMINDER).text()).startsWith("Dear Jane Doe,\n\nA reminder: ");
        assertThat(sent.get(SigningMails.CODE).text()).containsPattern("is:\\s+042917");
        assertThat(sent.get(SigningMails.CONFIRMATION).subject()).isEqualTo("You signed “Free them”");
        assertThat(sent.get(SigningMails.INVITATION).text())
                .contains("it works until 28 December 2026")
                .contains("Read the letter and sign:\nhttp");
        assertThat(sent.get(SigningMails.INVITATION).text()).doesNotContain("\u2068", "\u2069", "\u200F");
    }

    @Test
    void anArabicMailIsRightToLeftAndIsolatesWhatKeepsItsOwnDirection() {
        Map<String, Sent> sent = everyKind("ar", "Nino Beridze", "Free them");
        Sent invitation = sent.get(SigningMails.INVITATION);
        assertThat(invitation.subject()).isEqualTo("دعوة إلى التوقيع على الرسالة المفتوحة «\u2068Free them\u2069»");
        assertThat(invitation.html())
                .contains("<html lang=\"ar\" dir=\"rtl\">")
                .contains("يدعوك <bdi dir=\"auto\">İnsan Hüquqları Evi</bdi>")
                // The letter's opening lines keep their own direction, line by line.
                .contains("<bdi dir=\"auto\">Hörmətli dostlar,</bdi>");
        // Each plain-text paragraph starts right to left; names and titles stay isolated.
        assertThat(invitation.text())
                .startsWith(
                        "\u200Fعزيزي/عزيزتي \u2068Nino Beridze\u2069،\n\n\u200Fيدعوك \u2068İnsan Hüquqları Evi\u2069")
                .contains("\n\u200F\u2068Hörmətli dostlar,\u2069\n");
        // The link stands on its own line, left to right.
        assertThat(invitation.text()).contains("\nhttp");
    }

    @Test
    void aLanguageWithoutTranslationGetsTheEnglishMail() {
        Map<String, Sent> sent = everyKind("fr", "Jean Dupont", "Libérez-les");
        assertThat(sent.get(SigningMails.INVITATION).subject()).isEqualTo("Invitation to sign “Libérez-les”");
        assertThat(sent.get(SigningMails.INVITATION).html()).contains("<html lang=\"en\" dir=\"ltr\">");
        assertThat(sent.get(SigningMails.CODE).text()).startsWith("Dear Jean Dupont,");
    }

    @Test
    void anEnglishMailAboutAnArabicTitleIsolatesTheTitle() {
        Map<String, Sent> sent = everyKind("en", "سلمى", "رسالة تضامن");
        assertThat(sent.get(SigningMails.CONFIRMATION).subject()).isEqualTo("You signed “\u2068رسالة تضامن\u2069”");
        assertThat(sent.get(SigningMails.CONFIRMATION).text()).startsWith("Dear \u2068سلمى\u2069,");
    }

    @Test
    void hostileValuesStayInertTextAndCannotAddMailHeaders() {
        Map<String, Sent> sent = everyKind("ka", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>");
        for (Sent m : sent.values()) {
            assertThat(m.html()).as(m.kind()).doesNotContain("<script>", "<img");
            assertThat(m.html()).as(m.kind()).contains("&lt;img src=x onerror=alert(1)&gt;");
        }
        // A title that slipped past the text rules with line breaks still gives a one-line subject.
        Map<String, Sent> broken = everyKind("ka", "Nino", "Line\r\nBcc: victim@example.org");
        for (Sent m : broken.values()) {
            assertThat(m.subject()).as(m.kind()).doesNotContain("\r", "\n");
        }
        // Names come through the text rules, which refuse line breaks outright.
        List<String> refused = new ArrayList<>();
        for (String name : List.of("Nino\r\nBcc: x@example.org", "Nino\nX", "Nino\u2028X", "Nino\u2068X")) {
            assertThatThrownBy(() -> Invitee.of(new NewInvitee(name, null, null, "n@example.org", "ka")))
                    .isInstanceOf(InvalidInputException.class);
            refused.add(name);
        }
        assertThat(refused).hasSize(4);
    }
}
