package org.undersigned.signing;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One invited signatory as the organisers see it.
 *
 * @param delivery the outbox status of the latest invitation or reminder mail ({@code PENDING},
 *     {@code SENT}, {@code CAPTURED}, {@code FAILED}), or null before the first mail
 * @param signedRevision the frozen revision the signer last consented to, or null when not signed
 */
public record Invitation(
        UUID id,
        UUID letterId,
        String name,
        @Nullable String roleLine,
        @Nullable String organisation,
        String email,
        String language,
        InvitationState state,
        Instant createdAt,
        @Nullable Instant sentAt,
        @Nullable Instant openedAt,
        @Nullable Instant signedAt,
        @Nullable Instant expiresAt,
        int remindersSent,
        @Nullable String delivery,
        @Nullable Integer signedRevision) {

    /** The last thing that happened, for the "last activity" column. */
    public Instant lastActivity() {
        Instant last = createdAt;
        for (Instant i : new Instant[] {sentAt, openedAt, signedAt}) {
            if (i != null && i.isAfter(last)) {
                last = i;
            }
        }
        return last;
    }
}
