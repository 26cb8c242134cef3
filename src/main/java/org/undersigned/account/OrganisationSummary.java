package org.undersigned.account;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An organisation in the administrators' list. */
public record OrganisationSummary(
        UUID id,
        String name,
        String country,
        @Nullable String website,
        String domains,
        int members,
        @Nullable Instant verifiedAt,
        Instant createdAt) {

    public boolean verified() {
        return verifiedAt != null;
    }
}
