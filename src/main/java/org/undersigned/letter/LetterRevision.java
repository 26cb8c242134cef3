package org.undersigned.letter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The whole text of a letter as of one revision. {@link #canonicalText()} is what gets hashed
 * when a revision is frozen for signing: blocks in order, separated by one blank line, each in
 * Unicode NFC with LF line endings, and nothing else.
 */
public record LetterRevision(UUID letterId, int number, Instant createdAt, String authorName, List<BlockText> blocks) {

    public LetterRevision {
        blocks = List.copyOf(blocks);
    }

    public String canonicalText() {
        return blocks.stream().map(b -> canonical(b.text())).collect(Collectors.joining("\n\n")) + "\n";
    }

    /** SHA-256 of {@link #canonicalText()} in UTF-8, as lower-case hex. */
    public String sha256() {
        return sha256(canonicalText());
    }

    public static String sha256(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String canonical(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC)
                .replace("\r\n", "\n")
                .replace('\r', '\n');
    }
}
