package org.undersigned.signing;

/**
 * How a published signature was verified, shown as a small mark beside it and written into the
 * manifest. Every recorded signature came through the emailed link and the 6-digit code; the
 * higher level adds that the invited address is at a domain the organisation registered.
 */
public enum VerificationLevel {
    /** The invited address received the link and the code, and the code was entered. */
    EMAIL_CODE("Email confirmed with a one-time code"),
    /** As {@link #EMAIL_CODE}, and the address is at a domain the signer's organisation registered. */
    ORGANISATION_DOMAIN("Email confirmed with a one-time code, at a domain registered by the organisation");

    private final String description;

    VerificationLevel(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public static VerificationLevel of(boolean codeVerified, boolean domainMatched) {
        if (!codeVerified) {
            throw new IllegalArgumentException("A signature without a verified code is never listed.");
        }
        return domainMatched ? ORGANISATION_DOMAIN : EMAIL_CODE;
    }
}
