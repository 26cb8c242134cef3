package org.undersigned.signing;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.undersigned.audit.AuditLog;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.PlatformKeys;
import org.undersigned.base.Text;
import org.undersigned.base.Tokens;
import org.undersigned.letter.FrozenText;
import org.undersigned.letter.SignableLetter;
import org.undersigned.letter.WordDiff;
import org.undersigned.signing.SigningRefused.Reason;

/**
 * The signer's side. A link's token is swapped for a {@link SigningSession} bound to one
 * invitation ({@link #begin}); every later step takes that session and the invitation id the page
 * was rendered for, and refuses when they differ. Signing needs a 6-digit code mailed at that
 * moment (10 minutes, 5 tries). Refusals throw {@link SigningRefused} or {@link
 * InvalidInputException} before anything is written.
 */
@Service
public class SigningFlow {

    static final Duration CODE_VALID = Duration.ofMinutes(10);
    static final int CODE_TRIES = 5;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final InvitationRepository invitations;
    private final SignatureRepository signatures;
    private final SignatureListRepository lists;
    private final SigningMails mails;
    private final SigningLimits limits;
    private final PlatformKeys keys;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate tx;

    SigningFlow(
            InvitationRepository invitations,
            SignatureRepository signatures,
            SignatureListRepository lists,
            SigningMails mails,
            SigningLimits limits,
            PlatformKeys keys,
            AuditLog audit,
            Clock clock,
            TransactionTemplate tx) {
        this.invitations = invitations;
        this.signatures = signatures;
        this.lists = lists;
        this.mails = mails;
        this.limits = limits;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
        this.tx = tx;
    }

    /** What the interstitial page shows. */
    public record Landing(String title, String publisherName, String inviteeName, InvitationState state) {}

    /** The review page: the frozen text in full and the display line as it stands. */
    public record Review(
            UUID invitationId,
            SignableLetter letter,
            FrozenText text,
            SignerDetails details,
            boolean reconsent,
            List<WordDiff.Segment> changes) {}

    /** The code page. */
    public record CodeStep(UUID invitationId, String title, String displayLine, Instant expiresAt, int triesLeft) {}

    /** The page after signing. */
    public record Done(
            UUID invitationId,
            String title,
            InvitationState state,
            @Nullable Signature signature,
            boolean earlierVersion,
            boolean canWithdraw) {}

    public enum Outcome {
        SIGNED,
        WRONG_CODE,
        CODE_USED_UP,
        TEXT_CHANGED
    }

    public record SignResult(Outcome outcome, int triesLeft) {}

    /** Shows what a link is for and changes nothing (mail scanners open links). */
    public Landing landing(String token, String client) {
        return counted(client, false, () -> {
            InvitationRepository.Linked linked = byToken(token, false, client);
            InvitationRepository.Row row = linked.row();
            SignableLetter letter = usable(row, linked.letter());
            return new Landing(letter.title(), letter.publisherName(), row.name(), row.state());
        });
    }

    /** The person chose to continue: binds a session to the invitation and marks it opened. */
    public SigningSession begin(String token, String client) {
        return counted(client, true, () -> {
            // A link is mostly followed once: the statement that finds and locks a SENT or
            // BOUNCED invitation also moves it to OPENED (a refusal below rolls that back); any
            // other invitation is found and locked as it is.
            var opened = Tokens.looksLikeToken(token)
                    ? invitations.openByToken(token, limits.tokenClientKey(client), clock.instant())
                    : Optional.<InvitationRepository.Linked>empty();
            InvitationRepository.Linked linked =
                    opened.isPresent() ? checked(opened.get()) : byToken(token, true, client);
            InvitationRepository.Row row = linked.row();
            usable(row, linked.letter());
            if (opened.isPresent()) {
                audit.appendAs(actor(row), "INVITATION_OPENED", "invitation", row.id(), row.letterId(), Map.of());
            }
            return new SigningSession(row.id());
        });
    }

    /**
     * Runs a link lookup, in one transaction when it writes (the client's block checked in it too);
     * a link that is not ours counts against the client, in a transaction of its own. The steps
     * that only read (landing, review, code and done pages) run their few statements without a
     * transaction: a page may show the letter and the signature from moments a few milliseconds
     * apart, and every change is made under the invitation's lock in a step that writes.
     */
    private <T> T counted(String client, boolean inTransaction, java.util.function.Supplier<T> lookup) {
        try {
            return inTransaction ? tx.execute(status -> lookup.get()) : lookup.get();
        } catch (SigningRefused e) {
            if (e.reason() == Reason.INVALID_LINK) {
                limits.wrongToken(client);
            }
            throw e;
        }
    }

    /** The pages that only show run without a transaction of their own (see {@link #landing}). */
    public Review review(@Nullable SigningSession session) {
        var signer = boundSigner(session);
        InvitationRepository.Row row = signer.row();
        SignableLetter letter = usable(row, signer.letter());
        Integer current = signer.standing().currentRevision();
        FrozenText text = (current == null ? Optional.<FrozenText>empty() : invitations.text(letter.id(), current))
                .orElseThrow(() -> new SigningRefused(Reason.CLOSED));
        var signature = signer.standing().signature().filter(s -> s.withdrawnAt() == null);
        if (signature.isPresent()) {
            Signature s = signature.get();
            if (s.revision() >= text.revision()) {
                throw new SigningRefused(Reason.ALREADY_SIGNED);
            }
            FrozenText signed = invitations.text(letter.id(), s.revision()).orElseThrow();
            return new Review(
                    row.id(),
                    letter,
                    text,
                    new SignerDetails(s.displayName(), s.roleLine(), s.organisation(), s.personalCapacity()),
                    true,
                    WordDiff.between(signed.body(), text.body()));
        }
        SignerDetails details = signer.standing()
                .code()
                .map(c -> new SignerDetails(c.displayName(), c.roleLine(), c.organisation(), c.personalCapacity()))
                .orElseGet(() -> new SignerDetails(row.name(), row.roleLine(), row.organisation(), false));
        return new Review(row.id(), letter, text, details, false, List.of());
    }

    /**
     * The signer confirmed the display line (or, re-confirming, the new text) and consents: mails a
     * fresh code bound to that line and to the current revision.
     */
    public void requestCode(
            @Nullable SigningSession session,
            UUID formInvitation,
            @Nullable String name,
            @Nullable String role,
            @Nullable String organisation,
            boolean personalCapacity,
            boolean consent,
            String client) {
        if (!consent) {
            checkBound(session, formInvitation);
            throw new InvalidInputException("consent", "Tick the box to confirm that you sign this text.");
        }
        // One transaction: the code, its mail and the count of code mails commit together; a
        // refusal (too many codes) rolls back all three.
        tx.executeWithoutResult(status -> {
            checkBound(session, formInvitation);
            var read = signatures.lockWithStanding(formInvitation);
            var locked = read.locked().orElseThrow(() -> new SigningRefused(Reason.NO_SESSION));
            InvitationRepository.Row row = locked.row();
            SignableLetter letter = usable(row, locked.letter());
            var standing = read.standing();
            var existing = standing.signature().filter(s -> s.withdrawnAt() == null);
            SignerDetails details;
            if (standing.currentRevision() == null) {
                throw new SigningRefused(Reason.CLOSED);
            }
            int revision = standing.currentRevision();
            if (existing.isPresent()) {
                if (existing.get().revision() >= revision) {
                    throw new SigningRefused(Reason.ALREADY_SIGNED);
                }
                Signature s = existing.get();
                details = new SignerDetails(s.displayName(), s.roleLine(), s.organisation(), s.personalCapacity());
            } else {
                details = SignerDetails.of(name, role, organisation, personalCapacity);
            }
            String code = newCode();
            Instant now = clock.instant();
            signatures.saveCode(row.id(), codeHash(row.id(), code), now, now.plus(CODE_VALID), details, revision);
            mails.code(row, letter.title(), code);
            limits.codeSent(row.id(), client);
        });
    }

    public CodeStep codeStep(@Nullable SigningSession session) {
        var signer = boundSigner(session);
        InvitationRepository.Row row = signer.row();
        SignableLetter letter = usable(row, signer.letter());
        var code = signer.standing().code().orElseThrow(() -> new SigningRefused(Reason.NO_CODE));
        return new CodeStep(
                row.id(),
                letter.title(),
                SignerDetails.displayLine(
                        code.displayName(), code.roleLine(), code.organisation(), code.personalCapacity()),
                code.expiresAt(),
                Math.max(0, CODE_TRIES - code.attempts()));
    }

    /** Sends a new code for the same display line; rate-limited per invitation and per client. */
    public void resendCode(@Nullable SigningSession session, UUID formInvitation, String client) {
        tx.executeWithoutResult(status -> {
            var locked = lockBound(session, formInvitation);
            InvitationRepository.Row row = locked.row();
            SignableLetter letter = usable(row, locked.letter());
            var old = signatures.code(row.id()).orElseThrow(() -> new SigningRefused(Reason.NO_CODE));
            String code = newCode();
            Instant now = clock.instant();
            signatures.saveCode(
                    row.id(),
                    codeHash(row.id(), code),
                    now,
                    now.plus(CODE_VALID),
                    new SignerDetails(old.displayName(), old.roleLine(), old.organisation(), old.personalCapacity()),
                    old.revision());
            mails.code(row, letter.title(), code);
            limits.codeSent(row.id(), client);
        });
    }

    /**
     * Checks the code and records the signature, once: the invitation row is locked, the
     * signature insert is guarded by a unique constraint, and the code is used up with it.
     */
    public SignResult sign(
            @Nullable SigningSession session, UUID formInvitation, @Nullable String rawCode, String client) {
        SignResult result = tx.execute(status -> signLocked(session, formInvitation, rawCode, client));
        if (result.outcome() == Outcome.WRONG_CODE
                || (result.outcome() == Outcome.CODE_USED_UP && result.triesLeft() == 0)) {
            limits.wrongCode(client);
        }
        return result;
    }

    private SignResult signLocked(
            @Nullable SigningSession session, UUID formInvitation, @Nullable String rawCode, String client) {
        // Locks in one order everywhere: the letter's current revision, then the invitation. The
        // shared lock makes a text change wait for this signature (and this signature for it),
        // and locking the list too: the letter read with the invitation cannot be locked meanwhile.
        // The three reads go in one round trip, each a statement of its own in this order
        // (decision 0074); a refusal below rolls the locks back with everything else.
        checkBound(session, formInvitation);
        var read = signatures.lockForSigning(formInvitation, limits.codeClientKey(client), clock.instant());
        var shared = read.shared();
        if (shared.isEmpty()) {
            limits.checkCodeClient(client);
            throw new SigningRefused(Reason.CLOSED);
        }
        SigningLimits.refuseIfBlocked(shared.get().clientBlockedUntil());
        int current = shared.get().revision();
        var locked = read.locked().orElseThrow(() -> new SigningRefused(Reason.NO_SESSION));
        InvitationRepository.Row row = locked.row();
        SignableLetter letter = usable(row, locked.letter());
        var standing = read.standing();
        var existing = standing.signature().filter(s -> s.withdrawnAt() == null);
        if (existing.isPresent() && existing.get().revision() >= current) {
            throw new SigningRefused(Reason.ALREADY_SIGNED);
        }
        var pending = standing.code().orElseThrow(() -> new SigningRefused(Reason.NO_CODE));
        Instant now = clock.instant();
        if (pending.attempts() >= CODE_TRIES || !now.isBefore(pending.expiresAt())) {
            return new SignResult(Outcome.CODE_USED_UP, 0);
        }
        String code = rawCode == null ? "" : rawCode.replaceAll("[\\s-]", "");
        if (!code.matches("[0-9]{6}") || !MessageDigest.isEqual(codeHash(row.id(), code), pending.codeHash())) {
            signatures.countAttempt(row.id());
            int left = CODE_TRIES - pending.attempts() - 1;
            return new SignResult(left <= 0 ? Outcome.CODE_USED_UP : Outcome.WRONG_CODE, Math.max(0, left));
        }
        if (pending.revision() != current) {
            signatures.deleteCode(row.id());
            return new SignResult(Outcome.TEXT_CHANGED, 0);
        }
        FrozenText text = invitations.text(letter.id(), current).orElseThrow();
        var details = new SignerDetails(
                pending.displayName(), pending.roleLine(), pending.organisation(), pending.personalCapacity());
        // Earlier links stop working; the confirmation mail carries the one to see or withdraw.
        // The audit append comes last: it takes the chain's global lock, held until commit.
        if (existing.isPresent()) {
            String token = invitations.replaceTokens(row.id(), now);
            mails.confirmation(row, letter.title(), details.displayLine(), text.sha256(), token);
            signatures.deleteCode(row.id());
            signatures.reconfirm(existing.get().id(), text, now);
            audit.appendAs(
                    actor(row),
                    "SIGNATURE_RECONFIRMED",
                    "signature",
                    existing.get().id(),
                    letter.id(),
                    Map.of("revision", text.revision(), "sha256", text.sha256()));
        } else {
            String token = Tokens.newToken();
            mails.confirmation(row, letter.title(), details.displayLine(), text.sha256(), token);
            UUID id = UUID.randomUUID();
            String organisationKey = details.personalCapacity() || details.organisation() == null
                    ? null
                    : Text.key(details.organisation());
            // The signature, its consent, the domain check, the invitation's state, the used-up
            // code and the swap of its links for the new one, in one statement.
            boolean matched = signatures
                    .record(
                            id,
                            letter.id(),
                            row.id(),
                            details,
                            text,
                            organisationKey,
                            Text.domainOf(row.email()),
                            Tokens.hash(token),
                            now)
                    .orElseThrow(() -> new SigningRefused(Reason.ALREADY_SIGNED));
            audit.appendAs(
                    actor(row),
                    "INVITATION_SIGNED",
                    "invitation",
                    row.id(),
                    letter.id(),
                    Map.of(
                            "signature",
                            id,
                            "revision",
                            text.revision(),
                            "sha256",
                            text.sha256(),
                            "domainMatched",
                            matched));
        }
        return new SignResult(Outcome.SIGNED, 0);
    }

    public Done done(@Nullable SigningSession session) {
        var signer = boundSigner(session);
        InvitationRepository.Row row = signer.row();
        SignableLetter letter = signer.letter();
        var signature = signer.standing().signature().orElse(null);
        // The current revision matters only to a signature that still stands.
        Integer revision = signer.standing().currentRevision();
        int current = signature == null || signature.withdrawnAt() != null || revision == null ? 0 : revision;
        boolean earlier = signature != null && signature.withdrawnAt() == null && signature.revision() < current;
        boolean canWithdraw = letter.open() && row.state() == InvitationState.SIGNED;
        return new Done(row.id(), letter.title(), row.state(), signature, earlier, canWithdraw);
    }

    /** The invitee will not sign; the reason is optional and seen only by the organisers. */
    @Transactional
    public void decline(@Nullable SigningSession session, UUID formInvitation, @Nullable String rawReason) {
        var locked = lockBound(session, formInvitation);
        InvitationRepository.Row row = locked.row();
        SignableLetter letter = usable(row, locked.letter());
        if (!InvitationState.SIGNABLE.contains(row.state())) {
            throw new SigningRefused(Reason.ALREADY_SIGNED);
        }
        String reason = rawReason == null ? null : Text.paragraph("reason", "Reason", rawReason, 2000);
        if (reason != null && reason.isEmpty()) {
            reason = null;
        }
        Instant now = clock.instant();
        invitations.setState(row.id(), InvitationState.DECLINED, now);
        invitations.setDeclineReason(row.id(), reason);
        invitations.retireTokens(row.id(), now);
        signatures.deleteCode(row.id());
        audit.appendAs(
                actor(row),
                "INVITATION_DECLINED",
                "invitation",
                row.id(),
                letter.id(),
                Map.of("reasonGiven", reason != null));
    }

    /** The signer takes the signature back, while the list is open. */
    @Transactional
    public void withdraw(@Nullable SigningSession session, UUID formInvitation) {
        // The same lock order as signing: a withdrawal racing the lock commits wholly before the list
        // is read, or waits and then finds the letter locked.
        invitations.currentRevision(bound(session, formInvitation).letterId(), false);
        var locked = lockBound(session, formInvitation);
        InvitationRepository.Row row = locked.row();
        SignableLetter letter = locked.letter();
        if (row.state() != InvitationState.SIGNED) {
            throw new SigningRefused(row.state() == InvitationState.WITHDRAWN ? Reason.WITHDRAWN : Reason.NO_SESSION);
        }
        if (!letter.open()) {
            throw closedRefusal(row, letter);
        }
        Signature s = signatures.ofInvitation(row.id()).orElseThrow();
        Instant now = clock.instant();
        signatures.withdraw(s.id(), now);
        invitations.setState(row.id(), InvitationState.WITHDRAWN, now);
        invitations.retireTokens(row.id(), now);
        signatures.deleteCode(row.id());
        audit.appendAs(
                actor(row), "SIGNATURE_WITHDRAWN", "invitation", row.id(), letter.id(), Map.of("signature", s.id()));
    }

    // --- rules shared by the steps ---

    /**
     * The link's invitation with its letter, read with the client's link-guessing block in one
     * statement; a client that is blocked is refused whatever the link.
     */
    private InvitationRepository.Linked byToken(String token, boolean lock, String client) {
        if (!Tokens.looksLikeToken(token)) {
            limits.checkTokenClient(client);
            throw new SigningRefused(Reason.INVALID_LINK);
        }
        var found = invitations.byToken(token, lock, limits.tokenClientKey(client), clock.instant());
        if (found.isEmpty()) {
            limits.checkTokenClient(client);
            throw new SigningRefused(Reason.INVALID_LINK);
        }
        return checked(found.get());
    }

    /** Refuses a blocked client and a retired link. */
    private InvitationRepository.Linked checked(InvitationRepository.Linked found) {
        SigningLimits.refuseIfBlocked(found.clientBlockedUntil());
        InvitationRepository.Row row = found.row();
        if (found.retiredAt() != null) {
            if (row.state() == InvitationState.CLOSED) {
                throw closedRefusal(row, found.letter());
            }
            stateRefusal(row);
            throw new SigningRefused(Reason.USED_LINK);
        }
        return found;
    }

    /** Refuses an invitation that can no longer be acted on, and returns its letter. */
    private SignableLetter usable(InvitationRepository.Row row, SignableLetter letter) {
        if (row.state() == InvitationState.CLOSED) {
            throw closedRefusal(row, letter);
        }
        stateRefusal(row);
        if (!letter.open()) {
            throw closedRefusal(row, letter);
        }
        if (row.state() != InvitationState.SIGNED
                && row.expiresAt() != null
                && !clock.instant().isBefore(row.expiresAt())) {
            throw new SigningRefused(Reason.EXPIRED);
        }
        return letter;
    }

    private static final java.time.format.DateTimeFormatter LOCK_TIME = java.time.format.DateTimeFormatter.ofPattern(
                    "d MMMM yyyy 'at' HH:mm 'UTC'", java.util.Locale.ENGLISH)
            .withZone(java.time.ZoneOffset.UTC);

    /**
     * Why a letter that is not open refuses: once its list is locked, the page names the moment and
     * says plainly whether this invitee's signature is on the list.
     */
    private SigningRefused closedRefusal(InvitationRepository.Row row, SignableLetter letter) {
        var lockedAt = lists.lockedAt(letter.id());
        if (lockedAt.isEmpty()) {
            return new SigningRefused(Reason.CLOSED);
        }
        String when = LOCK_TIME.format(lockedAt.get());
        var signature = signatures.ofInvitation(row.id()).filter(s -> s.withdrawnAt() == null);
        if (signature.isPresent() && lists.listed(letter.id(), signature.get().id())) {
            return new SigningRefused(
                    Reason.LOCKED,
                    "The list of signatures was locked on " + when
                            + ". Your signature was recorded before that and is on the list; it can no longer be changed or withdrawn.");
        }
        return new SigningRefused(
                Reason.LOCKED, "The list of signatures was locked on " + when + "; your signature was not recorded.");
    }

    private static void stateRefusal(InvitationRepository.Row row) {
        switch (row.state()) {
            case REVOKED -> throw new SigningRefused(Reason.REVOKED);
            case DECLINED -> throw new SigningRefused(Reason.DECLINED);
            case WITHDRAWN -> throw new SigningRefused(Reason.WITHDRAWN);
            case EXPIRED -> throw new SigningRefused(Reason.EXPIRED);
            case CREATED -> throw new SigningRefused(Reason.INVALID_LINK);
            default -> {}
        }
    }

    /** Refuses a missing session, or a form rendered for another invitation than the session's. */
    private static void checkBound(@Nullable SigningSession session, @Nullable UUID formInvitation) {
        if (session == null) {
            throw new SigningRefused(Reason.NO_SESSION);
        }
        if (formInvitation != null && !formInvitation.equals(session.invitationId())) {
            throw new SigningRefused(Reason.OTHER_INVITATION);
        }
    }

    private InvitationRepository.Row bound(@Nullable SigningSession session, @Nullable UUID formInvitation) {
        checkBound(session, formInvitation);
        return invitations.find(session.invitationId()).orElseThrow(() -> new SigningRefused(Reason.NO_SESSION));
    }

    /** The session's invitation with its signature and code, unlocked, in one statement. */
    private SignatureRepository.Signer boundSigner(@Nullable SigningSession session) {
        checkBound(session, null);
        return signatures.signer(session.invitationId()).orElseThrow(() -> new SigningRefused(Reason.NO_SESSION));
    }

    /**
     * The session's invitation, locked, with its letter: one lookup, after the session and the
     * form were checked.
     */
    private InvitationRepository.Locked lockBound(@Nullable SigningSession session, UUID formInvitation) {
        checkBound(session, formInvitation);
        return invitations.lockWithLetter(formInvitation).orElseThrow(() -> new SigningRefused(Reason.NO_SESSION));
    }

    private byte[] codeHash(UUID invitationId, String code) {
        return keys.keyedHash("signing-code", invitationId + ":" + code);
    }

    static String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    static String actor(InvitationRepository.Row row) {
        return "invitation:" + row.id();
    }
}
