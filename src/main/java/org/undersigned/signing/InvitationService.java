package org.undersigned.signing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.audit.AuditLog;
import org.undersigned.base.AppRoles;
import org.undersigned.base.CurrentUser;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;
import org.undersigned.letter.FrozenText;
import org.undersigned.letter.SignableLetter;
import org.undersigned.letter.SigningLetters;
import org.undersigned.letter.WordDiff;

/**
 * The organisers' side of signing: who is invited to a letter, opening it for signatures (which
 * sends the invitations), resending, revoking, reminding, and asking earlier signers to re-confirm
 * a changed text. Only editors of the letter (members of its drafting organisations, or people
 * invited to draft it) may use it; to anyone else a letter's invitations do not exist.
 */
@Service
@PreAuthorize(AppRoles.HAS_USER)
public class InvitationService {

    private final InvitationRepository invitations;
    private final SignatureRepository signatures;
    private final SigningLetters letters;
    private final SigningMails mails;
    private final InvitationSender sender;
    private final AuditLog audit;
    private final Clock clock;

    InvitationService(
            InvitationRepository invitations,
            SignatureRepository signatures,
            SigningLetters letters,
            SigningMails mails,
            InvitationSender sender,
            AuditLog audit,
            Clock clock) {
        this.invitations = invitations;
        this.signatures = signatures;
        this.letters = letters;
        this.mails = mails;
        this.sender = sender;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public SignableLetter letter(UUID letterId) {
        return requireOrganiser(letterId);
    }

    @Transactional(readOnly = true)
    public List<Invitation> list(UUID letterId) {
        requireOrganiser(letterId);
        return invitations.list(letterId);
    }

    @Transactional(readOnly = true)
    public List<Signature> signatures(UUID letterId) {
        requireOrganiser(letterId);
        return signatures.ofLetter(letterId);
    }

    /** The frozen revision signers sign now (0 before the letter is opened). */
    @Transactional(readOnly = true)
    public int currentRevision(UUID letterId) {
        requireOrganiser(letterId);
        return invitations.currentRevision(letterId).orElse(0);
    }

    @Transactional(readOnly = true)
    public Progress progress(UUID letterId) {
        requireOrganiser(letterId);
        return progressOf(
                invitations.list(letterId),
                invitations.currentRevision(letterId).orElse(0));
    }

    static Progress progressOf(List<Invitation> all, int currentRevision) {
        int[] n = new int[InvitationState.values().length];
        int signedNow = 0;
        int signedEarlier = 0;
        for (Invitation i : all) {
            n[i.state().ordinal()]++;
            if (i.state() == InvitationState.SIGNED) {
                if (i.signedRevision() != null && i.signedRevision() >= currentRevision) {
                    signedNow++;
                } else {
                    signedEarlier++;
                }
            }
        }
        return new Progress(
                all.size(),
                n[InvitationState.CREATED.ordinal()],
                n[InvitationState.SENT.ordinal()] + n[InvitationState.OPENED.ordinal()],
                signedNow,
                signedEarlier,
                n[InvitationState.DECLINED.ordinal()],
                n[InvitationState.WITHDRAWN.ordinal()],
                n[InvitationState.EXPIRED.ordinal()],
                n[InvitationState.REVOKED.ordinal()],
                n[InvitationState.BOUNCED.ordinal()]);
    }

    /** Adds one invitee (not sent yet). */
    @Transactional
    public UUID add(UUID letterId, NewInvitee raw) {
        requireOrganiser(letterId);
        Invitee invitee = Invitee.of(raw);
        UUID id = UUID.randomUUID();
        if (!invitations.insert(id, letterId, invitee, CurrentUser.requireId(), clock.instant())) {
            throw new InvalidInputException("email", "This address is already invited to this letter.");
        }
        audit.append("INVITATION_CREATED", "invitation", id, letterId, Map.of());
        return id;
    }

    /** Adds the good rows of a preview, skipping any that became duplicates since; returns how many were added. */
    @Transactional
    public int addAll(UUID letterId, List<NewInvitee> rows) {
        requireOrganiser(letterId);
        UUID me = CurrentUser.requireId();
        Instant now = clock.instant();
        int added = 0;
        for (NewInvitee raw : rows) {
            Invitee invitee = Invitee.of(raw);
            UUID id = UUID.randomUUID();
            if (invitations.insert(id, letterId, invitee, me, now)) {
                audit.append("INVITATION_CREATED", "invitation", id, letterId, Map.of("bulk", true));
                added++;
            }
        }
        return added;
    }

    /** Checks pasted rows or a CSV file against the rules and the letter's invitations; writes nothing. */
    @Transactional(readOnly = true)
    public BulkPreview preview(UUID letterId, String text) {
        requireOrganiser(letterId);
        return BulkPreview.parse(text, invitations.emails(letterId));
    }

    /** Changes an invitee before the invitation is sent. */
    @Transactional
    public void update(UUID letterId, UUID invitationId, NewInvitee raw) {
        requireOrganiser(letterId);
        InvitationRepository.Row row = owned(letterId, invitationId);
        if (row.state() != InvitationState.CREATED) {
            throw new RefusedException(
                    "The invitation was sent: it can no longer be changed. Revoke it and invite again.");
        }
        Invitee invitee = Invitee.of(raw);
        if (!invitee.email().equals(row.email()) && invitations.emails(letterId).contains(invitee.email())) {
            throw new InvalidInputException("email", "This address is already invited to this letter.");
        }
        invitations.updateUnsent(invitationId, invitee);
        audit.append("INVITATION_CHANGED", "invitation", invitationId, letterId, Map.of());
    }

    /** Removes an invitee before the invitation is sent. */
    @Transactional
    public void remove(UUID letterId, UUID invitationId) {
        requireOrganiser(letterId);
        InvitationRepository.Row row = owned(letterId, invitationId);
        if (row.state() != InvitationState.CREATED || invitations.deleteUnsent(invitationId) != 1) {
            throw new RefusedException("The invitation was sent: revoke it instead.");
        }
        audit.append("INVITATION_REMOVED", "invitation", invitationId, letterId, Map.of());
    }

    /** Opens the letter for signatures: freezes its current text and sends every unsent invitation. */
    @Transactional
    public int openForSignatures(UUID letterId) {
        requireOrganiser(letterId);
        FrozenText text = letters.openForSignatures(letterId);
        invitations.freeze(letterId, text, clock.instant());
        return sendUnsent(letterId);
    }

    /** Sends the invitations added since the letter was opened. */
    @Transactional
    public int sendPending(UUID letterId) {
        SignableLetter letter = requireOrganiser(letterId);
        if (!letter.open()) {
            throw new RefusedException("Invitations go out when the letter is open for signatures.");
        }
        return sendUnsent(letterId);
    }

    private int sendUnsent(UUID letterId) {
        SignableLetter letter = letters.find(letterId).orElseThrow(NotFoundException::new);
        FrozenText text = currentText(letterId);
        SigningSettings settings = invitations.settings(letterId);
        int sent = 0;
        for (InvitationRepository.Row row : invitations.inState(letterId, InvitationState.CREATED)) {
            InvitationRepository.Row locked = invitations.lock(row.id()).orElseThrow();
            if (locked.state() == InvitationState.CREATED) {
                sender.send(locked, letter, text, settings, "INVITATION_SENT", null);
                sent++;
            }
        }
        return sent;
    }

    /** Sends the invitation again with a fresh link (after a bounce, an expiry, or on request). */
    @Transactional
    public void resend(UUID letterId, UUID invitationId) {
        SignableLetter letter = requireOpen(letterId);
        InvitationRepository.Row row = lockOwned(letterId, invitationId);
        if (!InvitationState.RESENDABLE.contains(row.state())) {
            throw new RefusedException("An invitation that is “" + row.state().label() + "” cannot be sent again.");
        }
        sender.send(row, letter, currentText(letterId), invitations.settings(letterId), "INVITATION_RESENT", null);
    }

    /** Reminds an invitee who has not answered yet. */
    @Transactional
    public void remind(UUID letterId, UUID invitationId) {
        SignableLetter letter = requireOpen(letterId);
        InvitationRepository.Row row = lockOwned(letterId, invitationId);
        if (!InvitationState.REMINDABLE.contains(row.state())) {
            throw new RefusedException("Only invitees who have not answered yet can be reminded.");
        }
        sender.remind(row, letter, currentText(letterId), invitations.settings(letterId), null);
    }

    /** Withdraws an invitation: its links stop working at once. A signature can only be withdrawn by its signer. */
    @Transactional
    public void revoke(UUID letterId, UUID invitationId) {
        requireOrganiser(letterId);
        InvitationRepository.Row row = lockOwned(letterId, invitationId);
        if (!row.state().canTransitionTo(InvitationState.REVOKED)) {
            throw new RefusedException(
                    row.state() == InvitationState.SIGNED
                            ? "This person has signed: only they can withdraw their signature."
                            : "An invitation that is “" + row.state().label() + "” cannot be revoked.");
        }
        Instant now = clock.instant();
        invitations.setState(invitationId, InvitationState.REVOKED, now);
        invitations.retireTokens(invitationId, now);
        signatures.deleteCode(invitationId);
        audit.append("INVITATION_REVOKED", "invitation", invitationId, letterId, Map.of());
    }

    @Transactional(readOnly = true)
    public SigningSettings settings(UUID letterId) {
        requireOrganiser(letterId);
        return invitations.settings(letterId);
    }

    @Transactional
    public void saveSettings(UUID letterId, SigningSettings s) {
        requireOrganiser(letterId);
        if (s.expiryDays() < 1 || s.expiryDays() > 365) {
            throw new InvalidInputException("expiryDays", "Between 1 and 365 days.");
        }
        if (s.firstReminderDays() < 1
                || s.firstReminderDays() > 365
                || s.reminderEveryDays() < 1
                || s.reminderEveryDays() > 365) {
            throw new InvalidInputException("reminders", "Reminders come between 1 and 365 days apart.");
        }
        if (s.maxReminders() < 0 || s.maxReminders() > 10) {
            throw new InvalidInputException("maxReminders", "At most 10 reminders.");
        }
        invitations.saveSettings(letterId, s);
        audit.append(
                "SIGNING_SETTINGS_CHANGED",
                "letter",
                letterId,
                letterId,
                Map.of(
                        "expiryDays",
                        s.expiryDays(),
                        "firstReminderDays",
                        s.firstReminderDays(),
                        "reminderEveryDays",
                        s.reminderEveryDays(),
                        "maxReminders",
                        s.maxReminders()));
    }

    /**
     * The letter's text changed while it is open: freezes the new revision and mails every signer
     * of an earlier one the word diff and a link to re-confirm. Until they do, their signature counts
     * as given to an earlier version. Takes the exclusive lock on the letter's current revision, so
     * a signature being recorded at the same moment is either counted here or refused there. Lock
     * order, as in signing: the current revision, then invitations.
     */
    @Transactional
    public int textChanged(UUID letterId) {
        SignableLetter letter = requireOpen(letterId);
        int before = invitations
                .currentRevision(letterId, true)
                .orElseThrow(() -> new RefusedException("The letter is not open for signatures."));
        FrozenText text = letters.currentText(letterId);
        if (text.revision() <= before) {
            return 0;
        }
        Instant now = clock.instant();
        invitations.freeze(letterId, text, now);
        audit.append(
                "SIGNING_TEXT_FROZEN",
                "letter",
                letterId,
                letterId,
                Map.of("revision", text.revision(), "sha256", text.sha256()));
        int asked = 0;
        for (Signature s : signatures.ofLetter(letterId)) {
            if (s.withdrawnAt() != null || s.revision() >= text.revision()) {
                continue;
            }
            InvitationRepository.Row row = invitations.lock(s.invitationId()).orElseThrow();
            FrozenText signed = invitations.text(letterId, s.revision()).orElseThrow();
            String token = invitations.issueToken(row.id(), now);
            mails.reconsent(row, letter.title(), render(WordDiff.between(signed.body(), text.body())), token);
            audit.append(
                    "RECONSENT_REQUESTED",
                    "invitation",
                    row.id(),
                    letterId,
                    Map.of("from", s.revision(), "to", text.revision()));
            asked++;
        }
        return asked;
    }

    /** The diff as plain text: [-removed-] and {+added+}, only the paragraphs that changed. */
    static String render(List<WordDiff.Segment> diff) {
        var b = new StringBuilder();
        for (WordDiff.Segment s : diff) {
            switch (s.kind()) {
                case EQUAL -> b.append(s.text());
                case DELETE -> b.append("[-").append(s.text()).append("-]");
                case INSERT -> b.append("{+").append(s.text()).append("+}");
            }
        }
        var out = new StringBuilder();
        for (String paragraph : b.toString().split("\\n\\s*\\n")) {
            if (paragraph.contains("[-") || paragraph.contains("{+")) {
                if (!out.isEmpty()) {
                    out.append("\n\n");
                }
                out.append(paragraph.strip());
            }
        }
        return out.toString();
    }

    private FrozenText currentText(UUID letterId) {
        int revision = invitations
                .currentRevision(letterId)
                .orElseThrow(() -> new RefusedException("The letter is not open for signatures."));
        return invitations.text(letterId, revision).orElseThrow();
    }

    private SignableLetter requireOrganiser(UUID letterId) {
        UUID me = CurrentUser.requireId();
        if (!letters.drafts(letterId, me)) {
            throw new NotFoundException();
        }
        return letters.find(letterId).orElseThrow(NotFoundException::new);
    }

    private SignableLetter requireOpen(UUID letterId) {
        SignableLetter letter = requireOrganiser(letterId);
        if (!letter.open()) {
            throw new RefusedException("The letter is not open for signatures.");
        }
        return letter;
    }

    private InvitationRepository.Row owned(UUID letterId, UUID invitationId) {
        return invitations
                .find(invitationId)
                .filter(r -> r.letterId().equals(letterId))
                .orElseThrow(NotFoundException::new);
    }

    private InvitationRepository.Row lockOwned(UUID letterId, UUID invitationId) {
        return invitations
                .lock(invitationId)
                .filter(r -> r.letterId().equals(letterId))
                .orElseThrow(NotFoundException::new);
    }
}
