package org.undersigned.signing;

/**
 * Counts of a letter's invitations. {@code signed} counts signatures on the current text;
 * {@code signedEarlierVersion} those still waiting for their signer to re-confirm a changed text.
 */
public record Progress(
        int invited,
        int notSent,
        int awaiting,
        int signed,
        int signedEarlierVersion,
        int declined,
        int withdrawn,
        int expired,
        int revoked,
        int bounced) {

    /** Signatures on the current text as a share of the invitations that can still sign (0…1). */
    public double share() {
        int base = invited - revoked - notSent;
        return base <= 0 ? 0 : Math.min(1.0, (double) signed / base);
    }
}
