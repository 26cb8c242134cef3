package org.undersigned.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On a start with no administrator, prints a one-time link that creates the first one. There is
 * no default password; only the token's hash is stored, and the link works until an
 * administrator exists. This start-up step is the only caller of {@link
 * AccountService#createSetupToken}, which is package-private for that reason: no view or request
 * can mint a setup link.
 */
@Component
class FirstAdministratorLink {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministratorLink.class);

    private final AccountService accounts;
    private final String baseUrl;

    FirstAdministratorLink(AccountService accounts, @Value("${undersigned.base-url}") String baseUrl) {
        this.accounts = accounts;
        this.baseUrl = baseUrl;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        accounts.createSetupToken()
                .ifPresent(token -> log.warn(
                        "\n\n  No administrator exists yet. Create the first one with this one-time link:\n\n    {}/setup/{}\n",
                        baseUrl,
                        token));
    }
}
