package org.undersigned.mail;

import gg.jte.Content;
import gg.jte.TemplateOutput;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a mail says, independent of its format: the HTML body is rendered from it by the JTE
 * template {@code mail/message.jte}, the plain-text body by {@link #plainText()}.
 *
 * <p>Values that come from people (a name, a letter's title, its opening lines) are marked with
 * {@link #isolate}: they keep their own direction inside a mail written in another language. The
 * HTML shows them as {@code <bdi dir="auto">}; the plain text keeps the Unicode isolates where a
 * right-to-left script is involved (see docs/decisions/0042-mails-in-the-invitees-language.md).
 *
 * @param recipient a normalised email address
 * @param subject one line
 * @param greeting the first line ("Hello Jane,")
 * @param paragraphs what the mail says before the action
 * @param actionLabel the button's label, or null for a mail without a link
 * @param actionUrl the link the button leads to
 * @param after paragraphs after the action (expiry, how to decline, why this mail came)
 * @param language the language the mail is written in, a short tag such as {@code en} or {@code ar}
 * @param footer the small print under the mail
 */
public record MailMessage(
        String recipient,
        String subject,
        String greeting,
        List<String> paragraphs,
        @Nullable String actionLabel,
        @Nullable String actionUrl,
        List<String> after,
        String language,
        String footer) {

    public static final String DEFAULT_FOOTER =
            "Sent by Undersigned. If you did not expect this email, you can ignore it.";

    /** First strong isolate and pop directional isolate: the plain-text form of {@code <bdi>}. */
    static final char FSI = '\u2068';

    static final char PDI = '\u2069';

    private static final char RLM = '\u200F';
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{1,8})*");
    private static final Set<String> RIGHT_TO_LEFT =
            Set.of("ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "ckb");
    /** Strong right-to-left characters: Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms. */
    private static final Pattern RTL_CHARACTER = Pattern.compile(
            "[\\u0590-\\u08FF\\uFB1D-\\uFDFF\\uFE70-\\uFEFF\\x{10800}-\\x{10FFF}\\x{1E800}-\\x{1EFFF}]");

    public MailMessage {
        paragraphs = List.copyOf(paragraphs);
        after = List.copyOf(after);
        if (subject.indexOf('\n') >= 0 || subject.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("A subject is one line.");
        }
        if (!LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException("A mail's language is a tag such as en or ar.");
        }
    }

    /** A mail in English with the usual footer. */
    public MailMessage(
            String recipient,
            String subject,
            String greeting,
            List<String> paragraphs,
            @Nullable String actionLabel,
            @Nullable String actionUrl,
            List<String> after) {
        this(recipient, subject, greeting, paragraphs, actionLabel, actionUrl, after, "en", DEFAULT_FOOTER);
    }

    /**
     * Marks a value that keeps its own direction (a name, a title, quoted text). Each line is
     * marked on its own: a line break ends an isolate in the Unicode bidirectional algorithm.
     */
    public static String isolate(String value) {
        var b = new StringBuilder(value.length() + 8);
        for (String line : value.split("\n", -1)) {
            if (!b.isEmpty()) {
                b.append('\n');
            }
            if (!line.isEmpty()) {
                b.append(FSI).append(line).append(PDI);
            }
        }
        return b.toString();
    }

    /** Whether the mail's language is written right to left. */
    public boolean rightToLeft() {
        return rightToLeft(language);
    }

    /** Whether a language (a tag such as {@code ar} or {@code fa-IR}) is written right to left. */
    public static boolean rightToLeft(String language) {
        return RIGHT_TO_LEFT.contains(language.split("-", 2)[0].toLowerCase(Locale.ROOT));
    }

    /** {@code rtl} or {@code ltr}, for the HTML {@code dir} attribute. */
    public String direction() {
        return rightToLeft() ? "rtl" : "ltr";
    }

    /** The subject as sent: one line, isolates kept only where a right-to-left script is involved. */
    public String subjectLine() {
        return plain(subject);
    }

    public String plainText() {
        var b = new StringBuilder(line(greeting)).append("\n\n");
        for (String p : paragraphs) {
            b.append(line(p)).append("\n\n");
        }
        if (actionUrl != null) {
            b.append(line(actionLabel == null ? "" : actionLabel))
                    .append(rightToLeft() ? "" : ":")
                    .append("\n")
                    .append(actionUrl)
                    .append("\n\n");
        }
        for (String p : after) {
            b.append(line(p)).append("\n\n");
        }
        b.append("— Undersigned\n");
        return b.toString();
    }

    /**
     * A paragraph of the mail for the HTML template: escaped, with each isolated value in its own
     * {@code <bdi dir="auto">}. Isolate marks that do not pair up are dropped.
     */
    public static Content html(@Nullable String value) {
        String text = value == null ? "" : value;
        return (TemplateOutput out) -> {
            int depth = 0;
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c != FSI && c != PDI) {
                    continue;
                }
                out.writeUserContent(text.substring(start, i));
                start = i + 1;
                if (c == FSI && closes(text, i)) {
                    out.writeContent("<bdi dir=\"auto\">");
                    depth++;
                } else if (c == PDI && depth > 0) {
                    out.writeContent("</bdi>");
                    depth--;
                }
            }
            out.writeUserContent(text.substring(start));
            for (; depth > 0; depth--) {
                out.writeContent("</bdi>");
            }
        };
    }

    /** Whether the isolate opened at {@code at} has a matching close. */
    private static boolean closes(String text, int at) {
        int depth = 0;
        for (int i = at; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == FSI) {
                depth++;
            } else if (c == PDI && --depth == 0) {
                return true;
            }
        }
        return false;
    }

    /** A paragraph of the plain text; in a right-to-left mail each line starts right to left. */
    private String line(String text) {
        String s = plain(text);
        return rightToLeft() ? RLM + s.replace("\n", "\n" + RLM) : s;
    }

    /**
     * Keeps the isolate marks only where they matter: in a right-to-left mail, or around a value
     * that holds right-to-left script. Elsewhere they would be invisible noise that breaks search.
     */
    private String plain(String text) {
        if (text.indexOf(FSI) < 0 && text.indexOf(PDI) < 0) {
            return text;
        }
        if (rightToLeft() || RTL_CHARACTER.matcher(text).find()) {
            return text;
        }
        return text.replace(String.valueOf(FSI), "").replace(String.valueOf(PDI), "");
    }
}
