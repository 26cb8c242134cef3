package org.undersigned.letter;

import org.undersigned.base.Text;

/** Finds "@Name" mentions of co-drafters in a comment. */
final class Mentions {

    private Mentions() {}

    /**
     * Whether the folded comment (see {@link Text#key}) mentions the person: "@" followed by
     * their whole display name, and then not by another letter or digit.
     */
    static boolean mentions(String foldedBody, String displayName) {
        String needle = "@" + Text.key(displayName);
        int at = foldedBody.indexOf(needle);
        while (at >= 0) {
            int end = at + needle.length();
            if (end >= foldedBody.length() || !Character.isLetterOrDigit(foldedBody.codePointAt(end))) {
                return true;
            }
            at = foldedBody.indexOf(needle, at + 1);
        }
        return false;
    }
}
