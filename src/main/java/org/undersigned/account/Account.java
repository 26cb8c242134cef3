package org.undersigned.account;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A person who can sign in. The password hash and second-factor secret never leave the package. */
public record Account(
        UUID id,
        String email,
        String displayName,
        boolean admin,
        @Nullable Instant emailVerifiedAt,
        @Nullable Instant disabledAt,
        Instant createdAt) {

    public boolean disabled() {
        return disabledAt != null;
    }

    public boolean verified() {
        return emailVerifiedAt != null;
    }
}
