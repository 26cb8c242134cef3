package org.undersigned.letter;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;
import org.undersigned.base.Tokens;

/**
 * A letter's text at one revision as it is signed: the canonical form (Unicode NFC, LF line
 * endings) and its SHA-256 in lower-case hex.
 */
public record FrozenText(int revision, String title, String body, String sha256) {

    public FrozenText {
        if (!sha256.equals(sha256Of(body))) {
            throw new IllegalArgumentException("The hash does not match the text of revision " + revision + ".");
        }
    }

    /** Freezes a text: canonicalises it and computes its hash. */
    public static FrozenText of(int revision, String title, String text) {
        String canonical = canonical(text);
        return new FrozenText(revision, title, canonical, sha256Of(canonical));
    }

    public static String canonical(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC)
                .replace("\r\n", "\n")
                .replace('\r', '\n');
    }

    public static String sha256Of(String canonical) {
        return HexFormat.of().formatHex(Tokens.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    /** The paragraphs of the text, split at blank lines, for display. */
    public List<String> paragraphs() {
        return List.of(body.strip().split("\\n\\s*\\n"));
    }
}
