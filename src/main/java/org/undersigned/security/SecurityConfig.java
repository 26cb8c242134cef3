package org.undersigned.security;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.undersigned.account.AccountSignIn;
import org.undersigned.base.PlainErrorPage;
import org.undersigned.base.Throttle;
import org.undersigned.security.ui.LoginView;

/**
 * Two filter chains. The first serves the server-rendered public pages (signing flow, published
 * letters, verification) with a strict Content-Security-Policy and no JavaScript; the second is
 * the Vaadin app with its login view. See docs/decisions/0002-two-filter-chains.md.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfig {

    /** The public, server-rendered paths: they never run Vaadin. */
    static final String[] PUBLIC_PATHS = {"/sign/**", "/letters", "/letters/**", "/verify", "/.well-known/**"};

    static final String PUBLIC_CSP = PlainErrorPage.PUBLIC_CSP;

    /**
     * A request Spring Security's firewall refuses (an encoded percent or period, "//", a ";", a
     * control character) gets the plain refusal page with the strict headers, written at once:
     * the firewall runs before any chain, so neither its headers nor the error page's would apply.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> PlainErrorPage.write(response, 400, request.getRequestURI());
    }

    /**
     * Vaadin needs inline scripts and styles, so its pages cannot have the strict policy; they
     * still may not be framed, post forms elsewhere, or load plugins.
     */
    static final String APP_CSP = "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    /**
     * The public pages are for everyone and never sign anyone in: the chain holds only what they
     * need (the strict headers and CSRF; the session is the servlet container's), not the
     * security context, anonymous authentication, logout, session management, exception
     * translation and an authorization filter that permits all. Each of those ran on every
     * signing request (docs/decisions/0067-a-small-chain-for-the-public-pages.md).
     */
    @Bean
    @Order(1)
    SecurityFilterChain publicPages(HttpSecurity http) throws Exception {
        http.securityMatcher(PUBLIC_PATHS)
                .headers(h -> strictHeaders(h, PUBLIC_CSP))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.disable())
                .anonymous(a -> a.disable())
                .logout(l -> l.disable())
                .sessionManagement(s -> s.disable())
                .exceptionHandling(e -> e.disable())
                .servletApi(a -> a.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain staticAndHealth(HttpSecurity http) throws Exception {
        http.securityMatcher("/styles/**", "/images/**", "/scripts/**", "/actuator/health", "/actuator/health/**")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .headers(h -> strictHeaders(h, PUBLIC_CSP))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .securityContext(c -> c.disable())
                .sessionManagement(s -> s.disable());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain vaadinApp(
            HttpSecurity http, ThrottledAuthenticationProvider provider, SessionRegistry sessions, RequestUtil vaadin)
            throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers("/error").permitAll())
                // Exactly one provider and no parent manager: with authenticationProvider(..) the
                // provider bean also sat in the global parent manager, so every refused sign-in
                // ran it twice and counted twice against the throttle (3 tries instead of 5).
                .authenticationManager(new ProviderManager(provider))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId())
                        .maximumSessions(-1)
                        .sessionRegistry(sessions)
                        .expiredUrl("/login?error=ended"))
                .headers(h -> strictHeaders(h, APP_CSP))
                // Vaadin's own CSRF set-up also exempts the login form; ours keeps the login form
                // protected against login CSRF (docs/decisions/0010-login-form-csrf.md). Vaadin's
                // internal requests carry Vaadin's own token and stay exempt, as Vaadin asks.
                .with(
                        VaadinSecurityConfigurer.vaadin(),
                        v -> v.loginView(LoginView.class).enableCsrfConfiguration(false))
                .csrf(c -> c.ignoringRequestMatchers(vaadin::isFrameworkInternalRequest))
                .exceptionHandling(e -> e.accessDeniedHandler(expiredLoginForm()))
                // After Vaadin's configurer, so that its login view is the login page.
                .formLogin(f -> f.loginPage("/login").failureHandler(failureHandler()));
        return http.build();
    }

    /**
     * A login post without a valid CSRF token (the page was open longer than the session, or the
     * post came from another site) goes back to the login page with a plain reason; any other
     * refusal is a 403 and our error page.
     */
    private static AccessDeniedHandler expiredLoginForm() {
        var loginPost = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login");
        AccessDeniedHandler plain = new AccessDeniedHandlerImpl();
        return (request, response, e) -> {
            if (e instanceof CsrfException && loginPost.matches(request)) {
                response.sendRedirect(request.getContextPath() + "/login?error=expired");
            } else {
                plain.handle(request, response, e);
            }
        };
    }

    private static void strictHeaders(HeadersConfigurer<HttpSecurity> h, String csp) {
        h.contentSecurityPolicy(c -> c.policyDirectives(csp))
                .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                .frameOptions(f -> f.deny())
                .contentTypeOptions(c -> {})
                .httpStrictTransportSecurity(s -> s.includeSubDomains(true).maxAgeInSeconds(31536000))
                .addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        // Vaadin commits some responses itself; write the headers before it does.
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                });
    }

    /** Sends a refused sign-in back to the login view with a reason it can explain. */
    private static AuthenticationFailureHandler failureHandler() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) -> {
            String code = e instanceof SignInRefused r ? r.code() : "bad";
            try {
                response.sendRedirect(request.getContextPath() + "/login?error=" + code);
            } catch (IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
        };
    }

    /**
     * A bean on purpose: as long as an {@code AuthenticationProvider} bean exists, Spring does not
     * build a plain password provider from the {@link AccountSignIn} user details service, which
     * would skip the throttle and the status checks.
     */
    @Bean
    ThrottledAuthenticationProvider throttledAuthenticationProvider(
            AccountSignIn accounts, PasswordEncoder encoder, Throttle throttle) {
        return new ThrottledAuthenticationProvider(accounts, encoder, throttle);
    }

    /**
     * No observation wrappers around the filters, authentications and authorizations at all: the
     * properties of decision 0040 only made them no-ops, and the wrappers still ran on every filter
     * of every request (2 % of the signing pages' request CPU in the profile, bench/README.md).
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }
}
