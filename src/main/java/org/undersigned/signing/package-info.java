/**
 * Signing: invitations of signatories to one letter, the short-lived signing session reached from
 * an emailed link, the 6-digit code sent at the moment of signing, signatures with their evidence,
 * re-consent after a text change, reminders and expiry. {@link org.undersigned.signing.InvitationService}
 * is the organisers' side, {@link org.undersigned.signing.SigningFlow} the signer's; the JTE pages
 * under {@code /sign/} live in {@code web}, the organisers' Vaadin view in {@code ui}. What signing
 * needs to know of a letter comes through {@link org.undersigned.signing.SigningLetters}.
 */
@NullMarked
package org.undersigned.signing;

import org.jspecify.annotations.NullMarked;
