package org.undersigned.letter;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the holder of an invitation link to co-draft a letter sees. The link was mailed to the
 * invited address, so its holder may learn whether that address has an account; the letter's
 * title and text come only after accepting.
 *
 * @param email the invited address (null unless {@link Status#OPEN})
 * @param hasAccount whether the address has a confirmed account: then accepting means signing in
 *     with it; otherwise the person creates one with the address fixed
 */
public record CoDraftingInvitation(
        Status status,
        @Nullable String email,
        @Nullable DraftingRole role,
        @Nullable String invitedBy,
        boolean hasAccount,
        @Nullable Instant expiresAt) {

    public enum Status {
        OPEN,
        ACCEPTED,
        REVOKED,
        EXPIRED,
        /** Not a link we sent: mistyped, cut short or forged. */
        UNKNOWN
    }

    static CoDraftingInvitation closed(Status status) {
        return new CoDraftingInvitation(status, null, null, null, false, null);
    }

    /** Why a link can no longer be used, in plain words. */
    public static String explain(Status status) {
        return switch (status) {
            case ACCEPTED -> "This invitation has already been accepted. Sign in to open the letter.";
            case REVOKED ->
                "This invitation was withdrawn. Ask the person who invited you if you should have a new one.";
            case EXPIRED -> "This invitation has expired. Ask the person who invited you for a new one.";
            case UNKNOWN, OPEN -> "This link does not work. Check that you opened the whole link from the email.";
        };
    }
}
