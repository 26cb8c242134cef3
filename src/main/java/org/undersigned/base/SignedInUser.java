package org.undersigned.base;

import java.io.Serial;
import java.io.Serializable;
import java.util.UUID;

/**
 * The principal of an authenticated session: who is signed in, without the password hash.
 *
 * @param accountId the account's id
 * @param email the normalised email address
 * @param displayName the name the person gave
 * @param administrator whether the account is a platform administrator (the second factor
 *     decides whether the session may act as one, see {@link AppRoles})
 */
public record SignedInUser(UUID accountId, String email, String displayName, boolean administrator)
        implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}
