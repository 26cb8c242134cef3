package org.undersigned.signing;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.undersigned.base.Throttle;
import org.undersigned.signing.SigningRefused.Reason;

/**
 * Rate limits of the signing pages, kept by {@link Throttle} (keyed hashes, no raw address): link
 * guessing and wrong codes per client, code mails per invitation and per client. Failures (wrong
 * links, wrong codes) are written in a transaction of their own, after the step's; code mails are
 * counted in the step's own transaction, so that a step that queued no mail counted none
 * (docs/decisions/0066-throttle-counts-in-the-step-transaction.md).
 */
@Component
class SigningLimits {

    private final Throttle throttle;
    private final Throttle.Policy tokenGuess;
    private final Throttle.Policy wrongCode;
    private final Throttle.Policy codesPerInvitation;
    private final Throttle.Policy codesPerClient;

    SigningLimits(
            Throttle throttle,
            @Value("${undersigned.signing.wrong-links-per-client:20}") int wrongLinks,
            @Value("${undersigned.signing.wrong-codes-per-client:20}") int wrongCodes,
            @Value("${undersigned.signing.codes-per-invitation:5}") int perInvitation,
            @Value("${undersigned.signing.codes-per-client:60}") int perClient) {
        this.throttle = throttle;
        Duration window = Duration.ofMinutes(15);
        this.tokenGuess = new Throttle.Policy(wrongLinks, window, Duration.ofMinutes(5), Duration.ofHours(2));
        this.wrongCode = new Throttle.Policy(wrongCodes, window, Duration.ofMinutes(5), Duration.ofHours(2));
        this.codesPerInvitation =
                new Throttle.Policy(perInvitation, Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofHours(2));
        this.codesPerClient = new Throttle.Policy(perClient, window, Duration.ofMinutes(5), Duration.ofHours(1));
    }

    /** The client's key for the link-guessing block, for a lookup that reads the block with the link. */
    byte[] tokenClientKey(String client) {
        return throttle.keyHash("sign-link", client);
    }

    /** The client's key for the wrong-code block, for a lookup that reads the block with the invitation. */
    byte[] codeClientKey(String client) {
        return throttle.keyHash("sign-code-wrong", client);
    }

    /** Refuses when a block read with {@link #tokenClientKey} or {@link #codeClientKey} still runs. */
    static void refuseIfBlocked(@Nullable Instant blockedUntil) {
        if (blockedUntil != null) {
            throw new SigningRefused(Reason.TOO_MANY_TRIES);
        }
    }

    void checkTokenClient(String client) {
        refuseIfBlocked("sign-link", client);
    }

    void wrongToken(String client) {
        throttle.failure("sign-link", client, tokenGuess);
    }

    void checkCodeClient(String client) {
        refuseIfBlocked("sign-code-wrong", client);
    }

    void wrongCode(String client) {
        throttle.failure("sign-code-wrong", client, wrongCode);
    }

    /**
     * Counts one code mail in the caller's transaction (call it last: it locks the client's row
     * until commit); refuses when the invitation or the client asked for too many lately, and the
     * caller's transaction then rolls back whatever it wrote, this count included.
     */
    void codeSent(java.util.UUID invitationId, String client) {
        if (!throttle.countUnlessBlocked(
                new Throttle.Count("sign-code-sent", invitationId.toString(), codesPerInvitation),
                new Throttle.Count("sign-code-sent-client", client, codesPerClient))) {
            throw new SigningRefused(Reason.TOO_MANY_TRIES);
        }
    }

    private void refuseIfBlocked(String purpose, String key) {
        if (throttle.blockedFor(purpose, key).isPresent()) {
            throw new SigningRefused(Reason.TOO_MANY_TRIES);
        }
    }
}
