package org.undersigned.security;

import java.text.Normalizer;
import java.time.Duration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.undersigned.account.AccountSignIn;
import org.undersigned.account.AccountUserDetails;
import org.undersigned.base.Throttle;

/**
 * Password sign-in, slowed down after failures per account (5 in 15 minutes) and per client (20
 * in 15 minutes, keyed by a keyed hash of the address). The account's status (email confirmed,
 * not disabled) is checked only after a correct password, so a stranger learns nothing about it.
 * The resulting principal is the {@link org.undersigned.base.SignedInUser}, never the hash.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    static final Throttle.Policy PER_ACCOUNT =
            new Throttle.Policy(5, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(15));
    static final Throttle.Policy PER_CLIENT =
            new Throttle.Policy(20, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(30));

    private final DaoAuthenticationProvider passwords;
    private final Throttle throttle;

    ThrottledAuthenticationProvider(AccountSignIn accounts, PasswordEncoder encoder, Throttle throttle) {
        this.throttle = throttle;
        this.passwords = new DaoAuthenticationProvider(accounts);
        this.passwords.setPasswordEncoder(encoder);
        this.passwords.setPreAuthenticationChecks(user -> {});
        this.passwords.setPostAuthenticationChecks(user -> {
            var details = (AccountUserDetails) user;
            if (details.disabled()) {
                throw new SignInRefused("disabled", "This account is disabled.");
            }
            if (!details.emailVerified()) {
                throw new SignInRefused("unverified", "The email address is not confirmed yet.");
            }
        });
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String account = AccountSignIn.normalise(String.valueOf(authentication.getPrincipal()));
        String client =
                authentication.getDetails() instanceof WebAuthenticationDetails d && d.getRemoteAddress() != null
                        ? d.getRemoteAddress()
                        : "unknown";
        if (throttle.blockedFor("sign-in-account", account).isPresent()
                || throttle.blockedFor("sign-in-client", client).isPresent()) {
            throw new SignInRefused("throttled", "Too many failed sign-ins.");
        }
        // Passwords are stored NFC-normalised (PasswordPolicy.check); compare in the same form, so
        // that the same letters typed as combining sequences still match.
        var presented = UsernamePasswordAuthenticationToken.unauthenticated(
                authentication.getPrincipal(),
                Normalizer.normalize(String.valueOf(authentication.getCredentials()), Normalizer.Form.NFC));
        presented.setDetails(authentication.getDetails());
        Authentication result;
        try {
            result = passwords.authenticate(presented);
        } catch (BadCredentialsException e) {
            throttle.failure("sign-in-account", account, PER_ACCOUNT);
            throttle.failure("sign-in-client", client, PER_CLIENT);
            throw e;
        }
        throttle.reset("sign-in-account", account);
        var details = (AccountUserDetails) result.getPrincipal();
        var token = UsernamePasswordAuthenticationToken.authenticated(details.user(), null, details.getAuthorities());
        token.setDetails(authentication.getDetails());
        return token;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
