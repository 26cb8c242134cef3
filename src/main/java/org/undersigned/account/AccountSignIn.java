package org.undersigned.account;

import java.text.Normalizer;
import java.util.Locale;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.base.SignedInUser;

/** Looks up an account for Spring Security's sign-in, by its normalised email address. */
@Component
public class AccountSignIn implements UserDetailsService {

    private final AccountRepository accounts;

    AccountSignIn(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    @Transactional(readOnly = true)
    public AccountUserDetails loadUserByUsername(String username) {
        String email = normalise(username);
        var c = accounts.credentials(email).orElseThrow(() -> new UsernameNotFoundException("No such account."));
        return new AccountUserDetails(
                new SignedInUser(c.id(), c.email(), c.displayName(), c.admin()),
                c.passwordHash(),
                c.emailVerifiedAt() != null,
                c.disabledAt() != null);
    }

    /** The form of an address as stored: NFC, trimmed, lower-case. */
    public static String normalise(String username) {
        String u = username == null ? "" : username;
        if (u.length() > 320) {
            u = u.substring(0, 320);
        }
        return Normalizer.normalize(u, Normalizer.Form.NFC).strip().toLowerCase(Locale.ROOT);
    }
}
