package org.undersigned.security;

import java.util.UUID;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Component;
import org.undersigned.account.SessionTermination;
import org.undersigned.base.SignedInUser;

/** Ends an account's sessions on this instance through Spring Security's session registry. */
@Component
class RegistrySessionTermination implements SessionTermination {

    private final SessionRegistry registry;

    RegistrySessionTermination(SessionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void endSessionsOf(UUID accountId) {
        for (Object principal : registry.getAllPrincipals()) {
            if (principal instanceof SignedInUser user && user.accountId().equals(accountId)) {
                registry.getAllSessions(principal, false).forEach(SessionInformation::expireNow);
            }
        }
    }
}
