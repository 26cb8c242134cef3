package org.undersigned.signing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

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
