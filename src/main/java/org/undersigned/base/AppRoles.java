package org.undersigned.base;

/**
 * Role names, as used in {@code @RolesAllowed} on views and {@code hasRole(..)} on services.
 *
 * <p>An administrator signs in with {@link #ADMIN_PENDING_SECOND_FACTOR}; only after the
 * second factor is confirmed in that session does the authentication carry {@link #ADMIN}.
 * So every check of {@code ADMIN}, on a view or a service method, implies the second factor.
 */
public final class AppRoles {

    /** Any signed-in person. */
    public static final String USER = "USER";

    /** A platform administrator whose second factor has been confirmed in this session. */
    public static final String ADMIN = "ADMIN";

    /** A platform administrator who has not yet confirmed a second factor in this session. */
    public static final String ADMIN_PENDING_SECOND_FACTOR = "ADMIN_PENDING_SECOND_FACTOR";

    public static final String HAS_USER = "hasRole('" + USER + "')";
    public static final String HAS_ADMIN = "hasRole('" + ADMIN + "')";

    private AppRoles() {}
}
