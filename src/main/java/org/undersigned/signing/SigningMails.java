package org.undersigned.signing;

import static org.undersigned.mail.MailMessage.isolate;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.undersigned.letter.FrozenText;
import org.undersigned.letter.SignableLetter;
import org.undersigned.mail.MailMessage;
import org.undersigned.mail.MailOutbox;

/**
 * The mails of the signing feature, each queued in the caller's transaction and written in the
 * invitee's language (the {@code messages/signing} bundles, English for any other language; see
 * docs/decisions/0042-mails-in-the-invitees-language.md). A mail names only its own recipient:
 * never another invitee.
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

    /** Each kind's keys in the bundles: {@code mail.<key>.subject}, {@code .1}, {@code .2}, … */
    static final List<String> KEYS =
            List.of("invitation", "reminder", "code", "confirmation", "reconsent", "published", "closed", "retention");

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
        var words = SigningTexts.of(to.language());
        return queue(
                reminder ? REMINDER : INVITATION,
                words,
                to.email(),
                to.name(),
                reminder ? "reminder" : "invitation",
                link(token),
                isolate(letter.publisherName()),
                isolate(letter.title()),
                isolate(opening(text)),
                words.date(expiresAt));
    }

    void code(InvitationRepository.Row to, String title, String code) {
        queue(CODE, SigningTexts.of(to.language()), to.email(), to.name(), "code", null, isolate(title), code);
    }

    void confirmation(InvitationRepository.Row to, String title, String displayLine, String sha256, String token) {
        queue(
                CONFIRMATION,
                SigningTexts.of(to.language()),
                to.email(),
                to.name(),
                "confirmation",
                link(token),
                isolate(title),
                isolate(displayLine),
                sha256);
    }

    void reconsent(InvitationRepository.Row to, String title, String diff, String token) {
        queue(
                RECONSENT,
                SigningTexts.of(to.language()),
                to.email(),
                to.name(),
                "reconsent",
                link(token),
                isolate(title),
                isolate(diff));
    }

    void published(InvitationRepository.Row to, String title, String publicUrl) {
        queue(PUBLISHED, SigningTexts.of(to.language()), to.email(), to.name(), "published", publicUrl, isolate(title));
    }

    /** The list was locked before this invitee answered: the invitation is closed. */
    void closed(InvitationRepository.Row to, String title, String publisherName) {
        queue(
                CLOSED,
                SigningTexts.of(to.language()),
                to.email(),
                to.name(),
                "closed",
                null,
                isolate(title),
                isolate(publisherName));
    }

    /**
     * To an editor, once, some days before the data of people who did not sign is reduced. Editors
     * have no language of their own yet: the notice is in English.
     */
    void retentionNotice(String to, String title, Instant reductionFrom) {
        var words = SigningTexts.of("en");
        queue(RETENTION_NOTICE, words, to, null, "retention", null, isolate(title), words.date(reductionFrom));
    }

    /**
     * Builds a mail from the bundle keys {@code mail.<key>.*} and queues it: the subject, the
     * paragraphs {@code .1, .2, …}, the action's label when there is a link, the paragraphs after
     * it {@code .after.1, …}; the greeting is {@code mail.<key>.greeting} if there is one, else
     * {@code mail.greeting} with the recipient's name. Every part gets the same arguments.
     */
    private long queue(
            String kind,
            SigningTexts words,
            String email,
            @Nullable String name,
            String key,
            @Nullable String actionUrl,
            Object... args) {
        String prefix = "mail." + key + ".";
        String greeting = words.has(prefix + "greeting")
                ? words.get(prefix + "greeting")
                : words.get("mail.greeting", isolate(name == null ? "" : name));
        return outbox.enqueue(
                kind,
                new MailMessage(
                        email,
                        oneLine(words.get(prefix + "subject", args)),
                        greeting,
                        words.numbered(prefix, args),
                        actionUrl == null ? null : words.get(prefix + "action"),
                        actionUrl,
                        words.numbered(prefix + "after.", args),
                        words.language(),
                        words.get("mail.footer")));
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
        return s.replaceAll("[\\r\\n\\u2028\\u2029\\u0085]+", " ");
    }
}
