package org.undersigned.security;

import org.springframework.security.core.AuthenticationException;

/** Why a sign-in with the right password is still refused; {@link #code()} goes into the login URL. */
class SignInRefused extends AuthenticationException {

    private final String code;

    SignInRefused(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() {
        return code;
    }
}
