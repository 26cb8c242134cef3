package org.undersigned.mail;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a mail says, independent of its format: the HTML body is rendered from it by the JTE
 * template {@code mail/message.jte}, the plain-text body by {@link #plainText()}.
 *
 * @param recipient a normalised email address
 * @param subject one line
 * @param greeting the first line ("Hello Jane,")
 * @param paragraphs what the mail says before the action
 * @param actionLabel the button's label, or null for a mail without a link
 * @param actionUrl the link the button leads to
 * @param after paragraphs after the action (expiry, how to decline, why this mail came)
 */
public record MailMessage(
        String recipient,
        String subject,
        String greeting,
        List<String> paragraphs,
        @Nullable String actionLabel,
        @Nullable String actionUrl,
        List<String> after) {

    public MailMessage {
        paragraphs = List.copyOf(paragraphs);
        after = List.copyOf(after);
        if (subject.indexOf('\n') >= 0 || subject.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("A subject is one line.");
        }
    }

    public String plainText() {
        var b = new StringBuilder(greeting).append("\n\n");
        for (String p : paragraphs) {
            b.append(p).append("\n\n");
        }
        if (actionUrl != null) {
            b.append(actionLabel).append(":\n").append(actionUrl).append("\n\n");
        }
        for (String p : after) {
            b.append(p).append("\n\n");
        }
        b.append("— Undersigned\n");
        return b.toString();
    }
}
