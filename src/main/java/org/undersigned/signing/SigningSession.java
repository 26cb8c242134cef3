package org.undersigned.signing;

import java.io.Serial;
import java.io.Serializable;
import java.util.UUID;

/**
 * What the signer's HTTP session holds after a link was used: which invitation it may act for,
 * and nothing else (no token, no code, no text). Kept small: one per person signing.
 */
public record SigningSession(UUID invitationId) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The HTTP session attribute. */
    public static final String ATTRIBUTE = "undersigned.signing";
}
