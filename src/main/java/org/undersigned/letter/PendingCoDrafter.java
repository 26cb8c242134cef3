package org.undersigned.letter;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A person invited by email to co-draft a letter who has not accepted yet.
 *
 * @param email the invited address, shown only to the drafting team (null for an administrator
 *     who reads the draft)
 */
public record PendingCoDrafter(
        UUID id, @Nullable String email, DraftingRole role, Instant invitedAt, Instant expiresAt) {}
