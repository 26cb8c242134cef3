package org.undersigned.base;

import java.util.Optional;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Reads who is signed in from the security context of the current thread. */
public final class CurrentUser {

    private CurrentUser() {}

    public static Optional<SignedInUser> get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof SignedInUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    /** The signed-in person, or an {@link AccessDeniedException} for anyone else. */
    public static SignedInUser require() {
        return get().orElseThrow(() -> new AccessDeniedException("Sign in first."));
    }

    public static UUID requireId() {
        return require().accountId();
    }

    public static boolean hasRole(String role) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return false;
        }
        String wanted = "ROLE_" + role;
        for (GrantedAuthority a : auth.getAuthorities()) {
            if (wanted.equals(a.getAuthority())) {
                return true;
            }
        }
        return false;
    }

    /** True when the session acts as an administrator, i.e. has confirmed its second factor. */
    public static boolean isAdmin() {
        return hasRole(AppRoles.ADMIN);
    }
}
