package org.undersigned.letter;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.account.InvitedAccounts;
import org.undersigned.audit.AuditLog;
import org.undersigned.base.AppRoles;
import org.undersigned.base.CurrentUser;
import org.undersigned.base.RefusedException;
import org.undersigned.base.SignedInUser;
import org.undersigned.base.Tokens;
import org.undersigned.letter.CoDraftingInvitation.Status;

/**
 * The invited person's side of an invitation by email to co-draft a letter. Opening the link
 * ({@link #peek}) changes nothing; accepting uses the link up, in one transaction with adding
 * the person as a drafting party. A person with an account accepts signed in with the invited
 * address; a newcomer creates an account with that address (the link proves it). Every refusal
 * writes nothing.
 */
@Service
public class DraftingInvitations {

    private final DraftingInvitationRepository invitations;
    private final LetterRepository letters;
    private final InvitedAccounts accounts;
    private final Drafting drafting;
    private final AuditLog audit;
    private final Clock clock;

    DraftingInvitations(
            DraftingInvitationRepository invitations,
            LetterRepository letters,
            InvitedAccounts accounts,
            Drafting drafting,
            AuditLog audit,
            Clock clock) {
        this.invitations = invitations;
        this.letters = letters;
        this.accounts = accounts;
        this.drafting = drafting;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the link leads to; changes nothing (mail scanners open links). */
    @Transactional(readOnly = true)
    public CoDraftingInvitation peek(String token) {
        if (!Tokens.looksLikeToken(token)) {
            return CoDraftingInvitation.closed(Status.UNKNOWN);
        }
        var found = invitations.byToken(Tokens.hash(token));
        if (found.isEmpty()) {
            return CoDraftingInvitation.closed(Status.UNKNOWN);
        }
        var row = found.get();
        Status status = status(row, clock.instant());
        if (status != Status.OPEN) {
            return CoDraftingInvitation.closed(status);
        }
        return new CoDraftingInvitation(
                Status.OPEN,
                row.email(),
                row.role(),
                letters.displayNameOf(row.invitedBy()).orElse("A co-drafter"),
                accounts.confirmedAccount(row.email()).isPresent(),
                row.expiresAt());
    }

    /**
     * Accepts as the signed-in person, whose account must have the invited address.
     *
     * @return the letter, to open it
     * @throws RefusedException for a used, withdrawn, expired or unknown link, or another account
     */
    @Transactional
    @PreAuthorize(AppRoles.HAS_USER)
    public UUID accept(String token) {
        SignedInUser me = CurrentUser.require();
        Instant now = clock.instant();
        var row = open(token, now);
        String mine = letters.emailOf(me.accountId()).orElse("");
        if (!mine.equals(row.email())) {
            throw new RefusedException(
                    "This invitation was sent to another email address than the one you are signed in"
                            + " with. Sign out, then sign in with the address the invitation was sent to.");
        }
        return join(row, me.accountId(), now, "account:" + me.accountId());
    }

    /**
     * Creates an account for the invited address, with the name and password the person chooses,
     * and accepts with it. Refused when the address already has a confirmed account (then the person
     * signs in and accepts).
     *
     * @return the letter, to open it after signing in
     */
    @Transactional
    public UUID acceptAsNewcomer(
            String token, @Nullable String name, @Nullable String password, @Nullable String repeat) {
        Instant now = clock.instant();
        var row = open(token, now);
        if (accounts.confirmedAccount(row.email()).isPresent()) {
            throw new RefusedException(
                    "An account with this address already exists. Sign in with it to accept the invitation.");
        }
        UUID accountId = accounts.createConfirmed(row.email(), name, password, repeat, now);
        String actor = "account:" + accountId;
        audit.appendAs(
                actor,
                "ACCOUNT_CREATED_FROM_INVITATION",
                "account",
                accountId,
                row.letterId(),
                Map.of("invitation", row.id()));
        return join(row, accountId, now, actor);
    }

    private UUID join(DraftingInvitationRepository.Row row, UUID accountId, Instant now, String actor) {
        boolean added = letters.addParty(row.letterId(), null, accountId, row.role(), row.invitedBy(), now);
        invitations.markAccepted(row.id(), accountId, now);
        audit.appendAs(
                actor,
                "CO_DRAFTER_INVITATION_ACCEPTED",
                "drafting_invitation",
                row.id(),
                row.letterId(),
                Map.of("account", accountId, "role", row.role(), "added", added));
        drafting.announce(new LetterEvent.LetterChanged(row.letterId()));
        return row.letterId();
    }

    /** The invitation behind a link, locked, if it can still be accepted; otherwise a plain refusal. */
    private DraftingInvitationRepository.Row open(String token, Instant now) {
        if (!Tokens.looksLikeToken(token)) {
            throw new RefusedException(CoDraftingInvitation.explain(Status.UNKNOWN));
        }
        var row = invitations
                .lockByToken(Tokens.hash(token))
                .orElseThrow(() -> new RefusedException(CoDraftingInvitation.explain(Status.UNKNOWN)));
        Status status = status(row, now);
        if (status != Status.OPEN) {
            throw new RefusedException(CoDraftingInvitation.explain(status));
        }
        return row;
    }

    private static Status status(DraftingInvitationRepository.Row row, Instant now) {
        if (row.acceptedAt() != null) {
            return Status.ACCEPTED;
        }
        if (row.revokedAt() != null) {
            return Status.REVOKED;
        }
        if (!row.expiresAt().isAfter(now)) {
            return Status.EXPIRED;
        }
        return Status.OPEN;
    }
}
