package org.undersigned.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
import org.undersigned.base.SignedInUser;
import org.undersigned.base.Text;

/**
 * Organisations as their members see them. A person sees only the organisations they belong to
 * (administrators see all); owners invite, remove and change the role of members. An
 * organisation always keeps at least one owner.
 */
@Service
@PreAuthorize(AppRoles.HAS_USER)
public class OrganisationService {

    private final OrganisationRepository organisations;
    private final AccountRepository accounts;
    private final ActionTokens tokens;
    private final AccountMails mails;
    private final AuditLog audit;
    private final Clock clock;

    OrganisationService(
            OrganisationRepository organisations,
            AccountRepository accounts,
            ActionTokens tokens,
            AccountMails mails,
            AuditLog audit,
            Clock clock) {
        this.organisations = organisations;
        this.accounts = accounts;
        this.tokens = tokens;
        this.mails = mails;
        this.audit = audit;
        this.clock = clock;
    }

    /** The organisations the signed-in person belongs to. */
    @Transactional(readOnly = true)
    public List<Membership> myOrganisations() {
        return organisations.membershipsOf(CurrentUser.requireId());
    }

    /** An organisation; "not found" for anyone who is neither a member nor an administrator. */
    @Transactional(readOnly = true)
    public Organisation get(UUID organisationId) {
        requireMemberOrAdmin(organisationId);
        return organisations.find(organisationId).orElseThrow(NotFoundException::new);
    }

    @Transactional(readOnly = true)
    public List<Member> members(UUID organisationId) {
        requireMemberOrAdmin(organisationId);
        return organisations.members(organisationId);
    }

    /** Whether the signed-in person is an owner of the organisation. */
    @Transactional(readOnly = true)
    public boolean isOwner(UUID organisationId) {
        return organisations.roleOf(organisationId, CurrentUser.requireId()).orElse(null) == Role.OWNER;
    }

    /** Mails an invitation to join; the invited person sets a password (or signs in) from the link. */
    @Transactional
    public void invite(UUID organisationId, String rawEmail, Role role) {
        SignedInUser me = requireOwner(organisationId);
        String email = Text.email("email", rawEmail);
        boolean alreadyMember = organisations.members(organisationId).stream()
                .anyMatch(m -> m.email().equals(email));
        if (alreadyMember) {
            throw new InvalidInputException("email", "This person is already a member.");
        }
        Organisation org = organisations.find(organisationId).orElseThrow(NotFoundException::new);
        Instant now = clock.instant();
        String token = tokens.create(
                ActionTokens.Purpose.JOIN_ORGANISATION,
                null,
                organisationId,
                email,
                role,
                me.accountId(),
                now,
                AccountService.JOIN_VALID);
        mails.joinOrganisation(email, me.displayName(), org.name(), role, token);
        audit.append("MEMBER_INVITED", "organisation", organisationId, null, java.util.Map.of("role", role));
    }

    @Transactional
    public void removeMember(UUID organisationId, UUID accountId) {
        requireOwner(organisationId);
        List<Member> members = organisations.lockMembers(organisationId);
        Member target = members.stream()
                .filter(m -> m.accountId().equals(accountId))
                .findFirst()
                .orElseThrow(NotFoundException::new);
        if (target.role() == Role.OWNER && owners(members) == 1) {
            throw new RefusedException("An organisation needs at least one owner. Make someone else an owner first.");
        }
        organisations.removeMember(organisationId, accountId);
        audit.append("MEMBER_REMOVED", "organisation", organisationId, null, java.util.Map.of("account", accountId));
    }

    @Transactional
    public void changeRole(UUID organisationId, UUID accountId, Role role) {
        requireOwner(organisationId);
        List<Member> members = organisations.lockMembers(organisationId);
        Member target = members.stream()
                .filter(m -> m.accountId().equals(accountId))
                .findFirst()
                .orElseThrow(NotFoundException::new);
        if (target.role() == Role.OWNER && role != Role.OWNER && owners(members) == 1) {
            throw new RefusedException("An organisation needs at least one owner. Make someone else an owner first.");
        }
        organisations.setRole(organisationId, accountId, role);
        audit.append(
                "ROLE_CHANGED",
                "organisation",
                organisationId,
                null,
                java.util.Map.of("account", accountId, "role", role));
    }

    private static long owners(List<Member> members) {
        return members.stream().filter(m -> m.role() == Role.OWNER).count();
    }

    private void requireMemberOrAdmin(UUID organisationId) {
        if (CurrentUser.isAdmin()) {
            return;
        }
        organisations.roleOf(organisationId, CurrentUser.requireId()).orElseThrow(NotFoundException::new);
    }

    private SignedInUser requireOwner(UUID organisationId) {
        SignedInUser me = CurrentUser.require();
        Role role = organisations.roleOf(organisationId, me.accountId()).orElseThrow(NotFoundException::new);
        if (role != Role.OWNER) {
            throw new RefusedException("Only an owner of the organisation can do this.");
        }
        return me;
    }
}
