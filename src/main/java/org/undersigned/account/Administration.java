package org.undersigned.account;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.audit.AuditLog;
import org.undersigned.base.AppRoles;
import org.undersigned.base.CurrentUser;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;

/**
 * What platform administrators do to organisations and accounts. Every method needs the
 * {@code ADMIN} role, which a session only has after its second factor.
 */
@Service
@PreAuthorize(AppRoles.HAS_ADMIN)
public class Administration {

    private final OrganisationRepository organisations;
    private final AccountRepository accounts;
    private final SessionTermination sessions;
    private final AuditLog audit;
    private final Clock clock;

    Administration(
            OrganisationRepository organisations,
            AccountRepository accounts,
            SessionTermination sessions,
            AuditLog audit,
            Clock clock) {
        this.organisations = organisations;
        this.accounts = accounts;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<OrganisationSummary> organisations() {
        return organisations.summaries();
    }

    /** Marks an organisation as verified by the platform (a badge wherever it appears), or not. */
    @Transactional
    public void setVerified(UUID organisationId, boolean verified) {
        int n = verified
                ? organisations.setVerified(organisationId, CurrentUser.requireId(), clock.instant())
                : organisations.setVerified(organisationId, null, null);
        if (n == 0) {
            throw new NotFoundException();
        }
        audit.append(
                verified ? "ORGANISATION_VERIFIED" : "ORGANISATION_UNVERIFIED",
                "organisation",
                organisationId,
                null,
                java.util.Map.of());
    }

    @Transactional(readOnly = true)
    public List<Account> accounts() {
        return accounts.all();
    }

    /** Disables an account (it can no longer sign in, and its open sessions end) or enables it again. */
    @Transactional
    public void setDisabled(UUID accountId, boolean disabled) {
        if (accountId.equals(CurrentUser.requireId())) {
            throw new RefusedException("You cannot disable your own account.");
        }
        accounts.findById(accountId).orElseThrow(NotFoundException::new);
        accounts.setDisabled(accountId, disabled ? clock.instant() : null);
        audit.append(disabled ? "ACCOUNT_DISABLED" : "ACCOUNT_ENABLED", "account", accountId, null, java.util.Map.of());
        if (disabled) {
            sessions.endSessionsOf(accountId);
        }
    }
}
