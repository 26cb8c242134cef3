package org.undersigned;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kotlin.jvm.functions.Function0;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.undersigned.base.AppRoles;
import org.undersigned.base.SignedInUser;

/**
 * Browserless view tests (Karibu-Testing) on the real Spring context and the shared PostgreSQL.
 * Views, services and the database are real; there is no browser and no servlet container, so
 * Spring Security's filters do not run. Vaadin's view access control does run: {@link #signIn}
 * puts the person into the security context and into the fake request, where that control
 * looks.
 */
@IntegrationTest
public abstract class ViewTest {

    private static Routes routes;

    @Autowired
    protected ApplicationContext context;

    @BeforeAll
    static void discoverRoutes() {
        if (routes == null) {
            routes = new Routes().autoDiscoverViews("org.undersigned");
        }
    }

    @BeforeEach
    void setUpVaadin() {
        SecurityContextHolder.clearContext();
        Function0<UI> uiFactory = UI::new;
        MockVaadin.setup(uiFactory, new MockSpringServlet(routes, context, uiFactory));
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }

    /** Signs in a person without administrator rights. */
    protected static void signIn(SignedInUser user) {
        signIn(user, AppRoles.USER);
    }

    /**
     * Signs in an administrator: with {@code secondFactorConfirmed} the session acts as an
     * administrator ({@code ADMIN}); without, it is still waiting for the second factor.
     */
    protected static void signInAsAdministrator(SignedInUser user, boolean secondFactorConfirmed) {
        signIn(user, AppRoles.USER, secondFactorConfirmed ? AppRoles.ADMIN : AppRoles.ADMIN_PENDING_SECOND_FACTOR);
    }

    private static void signIn(SignedInUser user, String... roles) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String role : roles) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
        var securityContext = SecurityContextHolder.createEmptyContext();
        securityContext.setAuthentication(authentication);
        SecurityContextHolder.setContext(securityContext);
        Set<String> granted = Set.of(roles);
        var request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(authentication);
        request.setUserInRole((principal, role) -> granted.contains(role.replaceFirst("^ROLE_", "")));
    }

    /** Opens an address (a route, with a query if any) the way a person does by typing it. */
    protected static void open(String location) {
        int query = location.indexOf('?');
        if (query < 0) {
            UI.getCurrent().navigate(location);
        } else {
            UI.getCurrent()
                    .navigate(location.substring(0, query), QueryParameters.fromString(location.substring(query + 1)));
        }
    }
}
