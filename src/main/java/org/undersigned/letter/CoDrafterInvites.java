package org.undersigned.letter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.audit.AuditLog;
import org.undersigned.base.RefusedException;
import org.undersigned.base.SignedInUser;
import org.undersigned.base.Text;
import org.undersigned.base.Tokens;
import org.undersigned.mail.MailMessage;
import org.undersigned.mail.MailOutbox;

/**
 * The editors' side of inviting a single person by email: it never looks the address up among
 * the accounts, so the answer, the work done and the mail queued are the same whether or not the
 * address has an account (docs/decisions/0045-inviting-co-drafters-by-email.md). Callers have
 * checked access ({@link LetterService}).
 */
@Component
class CoDrafterInvites {

    static final Duration VALID = Duration.ofDays(14);

    private final DraftingInvitationRepository invitations;
    private final LetterRepository letters;
    private final MailOutbox outbox;
    private final AuditLog audit;
    private final Drafting drafting;
    private final Clock clock;
    private final String baseUrl;

    CoDrafterInvites(
            DraftingInvitationRepository invitations,
            LetterRepository letters,
            MailOutbox outbox,
            AuditLog audit,
            Drafting drafting,
            Clock clock,
            @Value("${undersigned.base-url}") String baseUrl) {
        this.invitations = invitations;
        this.letters = letters;
        this.outbox = outbox;
        this.audit = audit;
        this.drafting = drafting;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * Records the invitation (replacing a pending one to the same address) and queues its mail. The
     * mail carries a fresh token; only its SHA-256 is stored.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void invite(SignedInUser me, UUID letterId, String rawEmail, DraftingRole role) {
        String email = Text.email("email", rawEmail);
        Instant now = clock.instant();
        List<UUID> replaced = invitations.revokePendingFor(letterId, email, me.accountId(), now);
        UUID id = UUID.randomUUID();
        String token = Tokens.newToken();
        invitations.insert(id, letterId, email, role, Tokens.hash(token), me.accountId(), now, now.plus(VALID));
        String inviter = letters.displayNameOf(me.accountId()).orElse("A co-drafter");
        outbox.enqueue(
                "CO_DRAFTER_INVITATION",
                new MailMessage(
                        email,
                        "You are invited to co-draft a letter on Undersigned",
                        "Hello,",
                        List.of(inviter + " invites you to co-draft a letter on Undersigned, as "
                                + (role == DraftingRole.EDITOR ? "an editor" : "a commenter") + "."),
                        "See the invitation",
                        baseUrl + "/drafting/invitation/" + token,
                        List.of(
                                "This link works once and expires in 14 days. If you have an Undersigned account with this address, you will sign in with it; if not, you can create one.",
                                "For the safety of everyone involved, this email contains neither the letter's title nor its text.",
                                "If you did not expect this invitation, you can ignore this email.")));
        audit.append(
                "CO_DRAFTER_INVITED",
                "drafting_invitation",
                id,
                letterId,
                Map.of("role", role, "replaces", replaced.size()));
        drafting.announce(new LetterEvent.LetterChanged(letterId));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void revoke(SignedInUser me, UUID letterId, UUID invitationId) {
        if (!invitations.revoke(letterId, invitationId, me.accountId(), clock.instant())) {
            throw new RefusedException("This invitation was already accepted or withdrawn.");
        }
        audit.append("CO_DRAFTER_INVITATION_REVOKED", "drafting_invitation", invitationId, letterId, Map.of());
        drafting.announce(new LetterEvent.LetterChanged(letterId));
    }

    List<PendingCoDrafter> pending(UUID letterId, boolean showEmails) {
        return invitations.pending(letterId, clock.instant()).stream()
                .map(r -> new PendingCoDrafter(
                        r.id(), showEmails ? r.email() : null, r.role(), r.invitedAt(), r.expiresAt()))
                .toList();
    }
}
