package org.undersigned.security;

import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.undersigned.account.SecondFactor;
import org.undersigned.base.AppRoles;
import org.undersigned.base.CurrentUser;

/**
 * After a good second-factor code, turns the session's pending administrator into an
 * administrator: the authentication gains {@code ROLE_ADMIN}, is saved in the HTTP session, and
 * the session id changes (a raise in privilege, like a sign-in).
 */
@Component
public class SecondFactorStepUp {

    private final SecondFactor secondFactor;
    private final HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();

    SecondFactorStepUp(SecondFactor secondFactor) {
        this.secondFactor = secondFactor;
    }

    /** Checks the code and, when it is right, raises the session; false for a wrong code. */
    public boolean confirm(String code) {
        if (!CurrentUser.hasRole(AppRoles.ADMIN_PENDING_SECOND_FACTOR)) {
            return CurrentUser.isAdmin();
        }
        if (!secondFactor.verify(code)) {
            return false;
        }
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (GrantedAuthority a : current.getAuthorities()) {
            if (!a.getAuthority().equals("ROLE_" + AppRoles.ADMIN_PENDING_SECOND_FACTOR)) {
                authorities.add(a);
            }
        }
        authorities.add(new SimpleGrantedAuthority("ROLE_" + AppRoles.ADMIN));
        var raised = UsernamePasswordAuthenticationToken.authenticated(current.getPrincipal(), null, authorities);
        raised.setDetails(current.getDetails());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(raised);
        SecurityContextHolder.setContext(context);
        var request = VaadinServletRequest.getCurrent();
        var response = VaadinServletResponse.getCurrent();
        if (request != null && response != null) {
            repository.saveContext(context, request.getHttpServletRequest(), response.getHttpServletResponse());
            request.getHttpServletRequest().changeSessionId();
        }
        return true;
    }
}
