package org.undersigned.base;

import org.springframework.security.web.csrf.CsrfToken;

/**
 * The hidden CSRF field of a server-rendered form. Controllers read the token before rendering
 * (JTE writes straight into the response, so a lazily created session would come too late).
 */
public record CsrfField(String parameterName, String token) {

    public static CsrfField of(CsrfToken csrf) {
        return new CsrfField(csrf.getParameterName(), csrf.getToken());
    }
}
