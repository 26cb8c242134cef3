package org.undersigned.account;

import java.io.Serial;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.undersigned.base.AppRoles;
import org.undersigned.base.SignedInUser;

/**
 * An account as Spring Security's sign-in sees it. Administrators get
 * {@link AppRoles#ADMIN_PENDING_SECOND_FACTOR}, never {@link AppRoles#ADMIN}, at sign-in.
 */
public final class AccountUserDetails implements UserDetails {

    @Serial
    private static final long serialVersionUID = 1L;

    private final SignedInUser user;
    private @Nullable String passwordHash;
    private final boolean emailVerified;
    private final boolean disabled;

    AccountUserDetails(SignedInUser user, @Nullable String passwordHash, boolean emailVerified, boolean disabled) {
        this.user = user;
        this.passwordHash = passwordHash;
        this.emailVerified = emailVerified;
        this.disabled = disabled;
    }

    public SignedInUser user() {
        return user;
    }

    public boolean emailVerified() {
        return emailVerified;
    }

    public boolean disabled() {
        return disabled;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + AppRoles.USER));
        if (user.administrator()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + AppRoles.ADMIN_PENDING_SECOND_FACTOR));
        }
        return authorities;
    }

    @Override
    public @Nullable String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return user.email();
    }

    /** Status is checked after the password (see the security package), so these stay true. */
    @Override
    public boolean isEnabled() {
        return true;
    }
}
