package org.undersigned.account;

import java.util.UUID;

/**
 * Ends the open sessions of an account (implemented by the security package, which knows the
 * session registry).
 */
public interface SessionTermination {
    void endSessionsOf(UUID accountId);
}
