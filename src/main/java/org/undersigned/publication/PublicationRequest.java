package org.undersigned.publication;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A team's request to publish a letter and what an administrator decided.
 *
 * @param listSha256 the hash of the locked list the request was made for
 * @param decision {@code APPROVED}, {@code REJECTED}, or null while waiting
 * @param note the reviewer's note (always given with a rejection)
 * @param publishAt an approval's embargo: the time it is published, or null for at once
 */
public record PublicationRequest(
        UUID id,
        UUID letterId,
        UUID requestedBy,
        String requestedByName,
        UUID requestingOrganisationId,
        String requestingOrganisationName,
        Instant requestedAt,
        String listSha256,
        @Nullable String decision,
        @Nullable UUID decidedBy,
        @Nullable String decidedByName,
        @Nullable Instant decidedAt,
        @Nullable String note,
        @Nullable Instant publishAt,
        @Nullable Instant publishedAt) {

    public boolean waiting() {
        return decision == null;
    }

    public boolean rejected() {
        return "REJECTED".equals(decision);
    }

    /** Approved for a later time and not published yet. */
    public boolean embargoed() {
        return "APPROVED".equals(decision) && publishedAt == null;
    }
}
