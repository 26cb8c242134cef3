package org.undersigned.publication;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Text on a public page, the PDF and the plain-text file: NFC, and without the characters that
 * can make a name read other than it is. The input rules (decision 0003) already refuse them, but
 * a published page must hold even for data that came another way (an import, an older row):
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, U+061C),
 * invisible spacers (U+200B, U+2060, U+FEFF) and control characters are removed. Joiners (U+200C,
 * U+200D) and the direction marks U+200E/U+200F stay: scripts need them and they reorder nothing
 * beyond themselves. Each name is also shown in its own {@code <bdi>} so that it cannot reorder
 * its neighbours.
 */
final class PublicText {

    private static final Pattern IN_A_LINE =
            Pattern.compile("[\\p{Cc}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069\\u200B\\u2060\\uFEFF\\u061C]");
    private static final Pattern IN_A_TEXT = Pattern.compile(
            "[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\u202A-\\u202E\\u2066-\\u2069\\u200B\\u2060\\uFEFF\\u061C]");

    private PublicText() {}

    /** A one-line value (a name, a role, a title). */
    static String line(String s) {
        return IN_A_LINE
                .matcher(Normalizer.normalize(s, Normalizer.Form.NFC))
                .replaceAll("")
                .strip();
    }

    /** A text with line breaks (a block of the letter). */
    static String text(String s) {
        return IN_A_TEXT
                .matcher(Normalizer.normalize(s, Normalizer.Form.NFC))
                .replaceAll("")
                .replace("\r\n", "\n")
                .replace('\r', '\n');
    }
}
