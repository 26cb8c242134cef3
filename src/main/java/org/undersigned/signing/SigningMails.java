package org.undersigned.signing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.undersigned.letter.FrozenText;
import org.undersigned.letter.SignableLetter;
import org.undersigned.mail.MailMessage;
import org.undersigned.mail.MailOutbox;

/**
 * The mails of the signing feature, each queued in the caller's transaction. A mail names only its
 * own recipient: never another invitee.
 */
@Component
class SigningMails {

    static final String INVITATION = "SIGNING_INVITATION";
    static final String REMINDER = "SIGNING_REMINDER";
    static final String CODE = "SIGNING_CODE";
    static final String CONFIRMATION = "SIGNING_CONFIRMATION";
    static final String RECONSENT = "SIGNING_RECONSENT";
    static final String PUBLISHED = "SIGNING_PUBLISHED";
    static final String CLOSED = "SIGNING_CLOSED";
    static final String RETENTION_NOTICE = "SIGNING_RETENTION_NOTICE";

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final MailOutbox outbox;
    private final String baseUrl;

    SigningMails(MailOutbox outbox, @Value("${undersigned.base-url}") String baseUrl) {
        this.outbox = outbox;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    String link(String token) {
        return baseUrl + "/sign/" + token;
    }

    long invitation(
            InvitationRepository.Row to,
            SignableLetter letter,
            FrozenText text,
            String token,
            Instant expiresAt,
            boolean reminder) {
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add((reminder ? "A reminder: " : "") + letter.publisherName()
                + " invites you to sign the open letter “" + letter.title() + "”.");
        paragraphs.add("It begins:\n" + opening(text));
        return outbox.enqueue(
                reminder ? REMINDER : INVITATION,
                new MailMessage(
                        to.email(),
                        (reminder ? "Reminder: " : "") + "Invitation to sign “" + oneLine(letter.title()) + "”",
                        "Dear " + to.name() + ",",
                        paragraphs,
                        "Read the letter and sign",
                        link(token),
                        List.of(
                                "The link is personal: it works until " + DATE.format(expiresAt)
                                        + ". To sign, we will also send a 6-digit code to this address, so a forwarded link alone cannot sign.",
                                "If you do not want to sign, open the link and choose “I will not sign”. You can give a reason, or none.",
                                "Nothing is published until the list is locked and the letter is approved.")));
    }

    void code(InvitationRepository.Row to, String title, String code) {
        outbox.enqueue(
                CODE,
                new MailMessage(
                        to.email(),
                        "Your code to sign “" + oneLine(title) + "”: " + code,
                        "Dear " + to.name() + ",",
                        List.of("Your code to sign the letter “" + title + "” is:", code),
                        null,
                        null,
                        List.of(
                                "Enter it on the signing page within 10 minutes. It can be tried 5 times.",
                                "If you did not ask for it, someone may have your invitation link: do not share the code, and tell the organisers.")));
    }

    void confirmation(InvitationRepository.Row to, String title, String displayLine, String sha256, String token) {
        outbox.enqueue(
                CONFIRMATION,
                new MailMessage(
                        to.email(),
                        "You signed “" + oneLine(title) + "”",
                        "Dear " + to.name() + ",",
                        List.of(
                                "Thank you. Your signature on “" + title + "” is recorded as:",
                                displayLine,
                                "The text you signed has the SHA-256 fingerprint " + sha256 + "."),
                        "See or withdraw my signature",
                        link(token),
                        List.of(
                                "You can withdraw your signature with this link until the organisers lock the list of signatures.")));
    }

    void reconsent(InvitationRepository.Row to, String title, String diff, String token) {
        outbox.enqueue(
                RECONSENT,
                new MailMessage(
                        to.email(),
                        "The text of “" + oneLine(title) + "” changed: please confirm your signature",
                        "Dear " + to.name() + ",",
                        List.of(
                                "You signed the letter “" + title
                                        + "”. Its drafters have since changed the text. Until you confirm, your signature is shown as given to an earlier version and does not count for the new text.",
                                "What changed ([-removed-] {+added+}):\n" + diff),
                        "Read the new text and confirm",
                        link(token),
                        List.of("If you do not agree with the new text, open the link and withdraw your signature.")));
    }

    void published(InvitationRepository.Row to, String title, String publicUrl) {
        outbox.enqueue(
                PUBLISHED,
                new MailMessage(
                        to.email(),
                        "“" + oneLine(title) + "” is published",
                        "Dear " + to.name() + ",",
                        List.of(
                                "The open letter “" + title
                                        + "”, which you signed, is now published with your signature.",
                                "Anyone can read it, download it as a PDF, and check its signed record at this address:"),
                        "Read the published letter",
                        publicUrl,
                        List.of("Thank you for signing.")));
    }

    /** The list was locked before this invitee answered: the invitation is closed. */
    void closed(InvitationRepository.Row to, String title, String publisherName) {
        outbox.enqueue(
                CLOSED,
                new MailMessage(
                        to.email(),
                        "Signing “" + oneLine(title) + "” has closed",
                        "Dear " + to.name() + ",",
                        List.of(
                                publisherName + " invited you to sign the open letter “" + title
                                        + "”. The list of signatures is now closed, so the invitation can no longer be used.",
                                "Nothing was recorded in your name. Thank you for your time."),
                        null,
                        null,
                        List.of("If you have questions, please contact the organisers.")));
    }

    /** To an editor, once, some days before the data of people who did not sign is reduced. */
    void retentionNotice(String to, String title, Instant reductionFrom) {
        outbox.enqueue(
                RETENTION_NOTICE,
                new MailMessage(
                        to,
                        "Invitee data of “" + oneLine(title) + "” will be removed",
                        "Hello,",
                        List.of(
                                "You are an editor of the published letter “" + title + "”.",
                                "From " + DATE.format(reductionFrom)
                                        + ", the names and email addresses of the people who were invited but are not on the published list (they declined, did not answer, withdrew, or their invitation was revoked, expired, bounced or closed) will be removed from Undersigned. Their invitations stay only as dates and states, for the record.",
                                "If you need these contacts, please keep your own copy before then. The published letter and its signatures do not change."),
                        null,
                        null,
                        List.of("You receive this mail once for this letter.")));
    }

    /** The first paragraph or two, about 400 characters at most. */
    static String opening(FrozenText text) {
        var b = new StringBuilder();
        for (String p : text.paragraphs()) {
            if (b.length() > 0 && b.length() + p.length() > 400) {
                break;
            }
            if (b.length() > 0) {
                b.append("\n\n");
            }
            b.append(p);
        }
        String s = b.toString();
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }
}
