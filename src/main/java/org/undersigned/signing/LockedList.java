package org.undersigned.signing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.undersigned.base.Tokens;

/**
 * A letter's signature list as it was locked: the signatures that count for the frozen text, in
 * the order chosen for publication, and the SHA-256 recorded at lock over the ordered signature
 * lines, the text hash and the times. This is exactly what gets published; nothing signed after
 * the lock is in it.
 *
 * @param order how the list is ordered: {@code SIGNING_TIME}, {@code FAMILY_NAME} or {@code BY_HAND}
 */
public record LockedList(
        UUID letterId,
        int revision,
        String textSha256,
        Instant lockedAt,
        String order,
        String listSha256,
        List<Line> signatures) {

    public LockedList {
        signatures = List.copyOf(signatures);
    }

    /** The first line of {@link #canonicalForm()}: names the format, so that it can change visibly. */
    public static final String FORMAT = "undersigned-signature-list/1";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * The exact text whose UTF-8 bytes {@link #listSha256} is the SHA-256 of (lower-case hex), so
     * that anyone can recompute it; see docs/decisions/0021-locked-signature-list.md. Header lines
     * (format, letter, revision, text hash, lock time, order, count), then one line per signature:
     * position, signature id, signing time, level, name, role, organisation (empty when absent) and
     * {@code personal} or {@code organisation}, separated by TAB. Every line ends with LF; times
     * are UTC with exactly six fraction digits; a backslash, TAB, CR or LF inside a field is
     * written {@code \\}, {@code \t}, {@code \r}, {@code \n} (the text rules refuse them anyway).
     */
    public String canonicalForm() {
        return canonicalForm(letterId, revision, textSha256, lockedAt, order, signatures);
    }

    /** Whether {@link #listSha256} is the hash of the list as it stands. */
    public boolean hashMatches() {
        return listSha256.equals(sha256(canonicalForm()));
    }

    public static String canonicalForm(
            UUID letterId, int revision, String textSha256, Instant lockedAt, String order, List<Line> lines) {
        var b = new StringBuilder();
        b.append(FORMAT).append('\n');
        b.append("letter ").append(letterId).append('\n');
        b.append("revision ").append(revision).append('\n');
        b.append("text-sha256 ").append(textSha256).append('\n');
        b.append("locked-at ").append(time(lockedAt)).append('\n');
        b.append("order ").append(order).append('\n');
        b.append("signatures ").append(lines.size()).append('\n');
        for (Line l : lines) {
            b.append(l.position())
                    .append('\t')
                    .append(l.signatureId())
                    .append('\t')
                    .append(time(l.signedAt()))
                    .append('\t')
                    .append(l.level().name())
                    .append('\t')
                    .append(escape(l.displayName()))
                    .append('\t')
                    .append(escape(l.roleLine()))
                    .append('\t')
                    .append(escape(l.organisation()))
                    .append('\t')
                    .append(l.personalCapacity() ? "personal" : "organisation")
                    .append('\n');
        }
        return b.toString();
    }

    public static String sha256(String canonicalForm) {
        return HexFormat.of().formatHex(Tokens.sha256(canonicalForm.getBytes(StandardCharsets.UTF_8)));
    }

    /** UTC, always six fraction digits (PostgreSQL keeps microseconds). */
    public static String time(Instant instant) {
        return TIME.format(instant);
    }

    private static String escape(@Nullable String s) {
        if (s == null) {
            return "";
        }
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n");
    }

    /** One published line: the display line exactly as signed, never an email. Position starts at 1. */
    public record Line(
            int position,
            UUID signatureId,
            String displayName,
            @Nullable String roleLine,
            @Nullable String organisation,
            boolean personalCapacity,
            VerificationLevel level,
            Instant signedAt) {

        public String displayLine() {
            return SignerDetails.displayLine(displayName, roleLine, organisation, personalCapacity);
        }
    }
}
