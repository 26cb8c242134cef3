package org.undersigned.publication;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.undersigned.letter.PublishingLetters.PublishableLetter;
import org.undersigned.letter.PublishingLetters.TeamMember;
import org.undersigned.mail.MailMessage;
import org.undersigned.mail.MailOutbox;

/** The mails publication sends to a letter's drafting team, each in the caller's transaction. */
@Component
class PublicationMails {

    static final String PUBLISHED = "PUBLICATION_PUBLISHED";
    static final String REJECTED = "PUBLICATION_REJECTED";
    static final String APPROVED_LATER = "PUBLICATION_APPROVED_LATER";

    private final MailOutbox outbox;
    private final String baseUrl;

    PublicationMails(MailOutbox outbox, @Value("${undersigned.base-url}") String baseUrl) {
        this.outbox = outbox;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    void published(TeamMember to, PublishableLetter letter, String publicUrl) {
        outbox.enqueue(
                PUBLISHED,
                new MailMessage(
                        to.email(),
                        "“" + oneLine(letter.title()) + "” is published",
                        "Dear " + to.name() + ",",
                        List.of(
                                "The open letter “" + letter.title()
                                        + "” is published. Its page, its PDF and its signed record are public at this address:"),
                        "Open the published letter",
                        publicUrl,
                        List.of(
                                "Every signer has been sent the link too.",
                                "The published files never change; a correction would be a dated note beside them.")));
    }

    void rejected(TeamMember to, PublishableLetter letter, String note) {
        outbox.enqueue(
                REJECTED,
                new MailMessage(
                        to.email(),
                        "“" + oneLine(letter.title()) + "” was not approved for publication",
                        "Dear " + to.name() + ",",
                        List.of(
                                "An administrator reviewed the open letter “" + letter.title()
                                        + "” and sent it back. The note says:",
                                note),
                        "See the letter",
                        baseUrl + "/drafts/" + letter.id() + "/publication",
                        List.of(
                                "The list stays locked. Once you have dealt with the note, you can request publication again.")));
    }

    void approvedForLater(TeamMember to, PublishableLetter letter, String when) {
        outbox.enqueue(
                APPROVED_LATER,
                new MailMessage(
                        to.email(),
                        "“" + oneLine(letter.title()) + "” is approved for " + when,
                        "Dear " + to.name() + ",",
                        List.of("An administrator approved the open letter “" + letter.title()
                                + "”. It will be published on " + when + ", not before."),
                        "See the letter",
                        baseUrl + "/drafts/" + letter.id() + "/publication",
                        List.of()));
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("[\\r\\n]+", " ");
        return line.length() > 120 ? line.substring(0, 119) + "…" : line;
    }
}
