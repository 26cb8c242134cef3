package org.undersigned.signing;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A signature with its evidence: the display line exactly as it will be published, the frozen text
 * it was given for (revision and SHA-256), how the signer was verified, and when.
 */
public record Signature(
        UUID id,
        UUID letterId,
        UUID invitationId,
        String displayName,
        @Nullable String roleLine,
        @Nullable String organisation,
        boolean personalCapacity,
        int revision,
        String textSha256,
        boolean emailLinkUsed,
        boolean codeVerified,
        boolean domainMatched,
        Instant signedAt,
        @Nullable Instant withdrawnAt) {

    static final String COLUMNS =
            "id, letter_id, invitation_id, display_name, role_line, organisation, personal_capacity,"
                    + " revision, text_sha256, email_link_used, code_verified, domain_matched, signed_at, withdrawn_at";

    public String displayLine() {
        return SignerDetails.displayLine(displayName, roleLine, organisation, personalCapacity);
    }
}
