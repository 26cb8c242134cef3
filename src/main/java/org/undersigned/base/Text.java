package org.undersigned.base;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Rules for text people type: Unicode NFC, trimmed, bounded, and free of characters that can
 * disguise what is shown. Every script is welcome; what is refused is the invisible machinery:
 * control characters (NUL included), bidirectional overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) which can reverse how a name reads, and invisible spacers (U+200B, U+2060,
 * U+FEFF). Zero-width joiners and non-joiners (U+200C, U+200D) stay: Persian and other scripts
 * need them. See docs/decisions/0003-text-input-rules.md.
 */
public final class Text {

    private static final Pattern FORBIDDEN_SINGLE_LINE =
            Pattern.compile("[\\p{Cc}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069\\u200B\\u2060\\uFEFF\\u061C]");
    private static final Pattern FORBIDDEN_MULTI_LINE = Pattern.compile(
            "[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\u202A-\\u202E\\u2066-\\u2069\\u200B\\u2060\\uFEFF\\u061C]");
    /** ASCII white space and every Unicode space separator (no-break, em, ideographic, ...). */
    private static final Pattern WHITESPACE_RUN = Pattern.compile("[\\s\\p{Zs}]+");
    // The local part is a dot-atom (RFC 5322): no leading, trailing or doubled dot, which
    // Jakarta Mail refuses to send to.
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    private static final Pattern DOMAIN =
            Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$");

    private Text() {}

    /**
     * A one-line value (a name, a title): NFC, trimmed, inner runs of white space folded to one
     * space.
     *
     * @throws InvalidInputException naming {@code field} when empty, too long or disguised
     */
    public static String line(String field, String label, String value, int maxLength) {
        String v = optionalLine(field, label, value, maxLength);
        if (v == null) {
            throw new InvalidInputException(field, label + " is required.");
        }
        return v;
    }

    /** Like {@link #line} but an empty value gives {@code null}. */
    public static String optionalLine(String field, String label, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength * 4 + 64) {
            // Refuse huge input before normalising it.
            throw new InvalidInputException(field, label + " is too long (at most " + maxLength + " characters).");
        }
        String v = Normalizer.normalize(value, Normalizer.Form.NFC);
        if (FORBIDDEN_SINGLE_LINE.matcher(v).find()) {
            throw new InvalidInputException(
                    field,
                    label
                            + " contains invisible or control characters (such as line breaks or direction overrides). Please remove them.");
        }
        // Fold before stripping: strip() leaves no-break spaces, and a name of only those looks blank.
        v = WHITESPACE_RUN.matcher(v).replaceAll(" ").strip();
        if (v.isEmpty()) {
            return null;
        }
        if (v.codePointCount(0, v.length()) > maxLength) {
            throw new InvalidInputException(field, label + " is too long (at most " + maxLength + " characters).");
        }
        return v;
    }

    /** A multi-line value (a paragraph): NFC, line endings normalised to LF, trimmed. */
    public static String paragraph(String field, String label, String value, int maxLength) {
        if (value == null) {
            throw new InvalidInputException(field, label + " is required.");
        }
        if (value.length() > maxLength * 4 + 64) {
            throw new InvalidInputException(field, label + " is too long (at most " + maxLength + " characters).");
        }
        String v = Normalizer.normalize(value, Normalizer.Form.NFC)
                .replace("\r\n", "\n")
                .replace('\r', '\n')
                .strip();
        if (FORBIDDEN_MULTI_LINE.matcher(v).find()) {
            throw new InvalidInputException(
                    field,
                    label
                            + " contains invisible or control characters (such as direction overrides). Please remove them.");
        }
        if (v.codePointCount(0, v.length()) > maxLength) {
            throw new InvalidInputException(field, label + " is too long (at most " + maxLength + " characters).");
        }
        return v;
    }

    /** An email address, normalised: NFC, trimmed, lower-case. Internationalised local parts are refused. */
    public static String email(String field, String value) {
        String v = line(field, "Email", value, 254).toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(v).matches() || v.indexOf('@') > 64) {
            throw new InvalidInputException(field, "Enter an email address like name@example.org.");
        }
        return v;
    }

    /** A domain name, normalised to lower case, without a leading "@" or "www.". */
    public static String domain(String field, String value) {
        String v = line(field, "Email domain", value, 253).toLowerCase(Locale.ROOT);
        if (v.startsWith("@")) {
            v = v.substring(1);
        }
        if (v.startsWith("www.")) {
            // People copy their website's host; nobody's mail is at www.
            v = v.substring(4);
        }
        if (!DOMAIN.matcher(v).matches()) {
            throw new InvalidInputException(field, "“" + v + "” is not a domain name like example.org.");
        }
        return v;
    }

    /** The domain part of a normalised email address. */
    public static String domainOf(String email) {
        return email.substring(email.lastIndexOf('@') + 1);
    }

    /**
     * Folds a name for duplicate detection: NFKC, case-folded, white space collapsed. The
     * Azerbaijani and Turkish dotted İ/i and dotless I/ı fold together: the root locale lowers
     * "İ" to "i" plus a combining dot and "I" to "i", so "İNSAN HÜQUQLARI" and "İnsan Hüquqları"
     * would otherwise be two different organisations.
     */
    public static String key(String name) {
        String v = Normalizer.normalize(name, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .replace("i\u0307", "i")
                .replace('ı', 'i');
        return WHITESPACE_RUN.matcher(v).replaceAll(" ").strip();
    }
}
