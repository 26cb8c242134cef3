package org.undersigned.hardening;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.catalina.Context;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.undersigned.Fixtures;
import org.undersigned.PlainBrowser;

/**
 * One browser (cookie jar, HTTP session) per {@link Who}, against the running app. The signer
 * follows their invitation link for real; the signed-in callers get their authentication put
 * straight into their Tomcat session, exactly what a completed sign-in (and, for the
 * administrator, the confirmed second factor) leaves there, so that no password or authenticator
 * app is needed to reach the state under test.
 */
final class Sessions {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** A browser that adds its session's CSRF token to every form post. */
    static final class Browser {
        final PlainBrowser plain;
        String csrf = "";

        Browser(PlainBrowser plain) {
            this.plain = plain;
        }

        HttpResponse<String> get(String path) {
            return remember(plain.get(path));
        }

        HttpResponse<String> post(String path, Map<String, String> fields) {
            var form = new LinkedHashMap<String, String>();
            form.put("_csrf", csrf);
            form.putAll(fields);
            return remember(plain.postForm(path, form));
        }

        private HttpResponse<String> remember(HttpResponse<String> r) {
            Matcher m = CSRF.matcher(r.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return r;
        }
    }

    private final Map<Who, Browser> browsers = new EnumMap<>(Who.class);
    private final List<Browser> all = new ArrayList<>();

    Sessions(int port, ApplicationContext context, AccessWorld world) {
        for (Who who : Who.values()) {
            Browser b = new Browser(new PlainBrowser(port));
            all.add(b);
            switch (who) {
                case ANONYMOUS -> {}
                case SIGNER -> {
                    b.get("/sign/" + world.signerToken);
                    var r = b.post("/sign/" + world.signerToken + "/continue", Map.of());
                    if (r.statusCode() != 303) {
                        throw new AssertionError("the signer could not begin: " + r.statusCode());
                    }
                }
                default -> {
                    b.get("/login");
                    String id = b.plain.cookie("JSESSIONID").orElseThrow();
                    world.actAs(who);
                    var security = new SecurityContextImpl(
                            SecurityContextHolder.getContext().getAuthentication());
                    Fixtures.actAsNobody();
                    tomcatSession(context, id)
                            .setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, security);
                }
            }
            b.get("/verify");
            browsers.put(who, b);
        }
    }

    Browser browser(Who who) {
        return browsers.get(who);
    }

    static jakarta.servlet.http.HttpSession tomcatSession(ApplicationContext context, String id) {
        var server = (TomcatWebServer) ((WebServerApplicationContext) context).getWebServer();
        var app = (Context) server.getTomcat().getHost().findChildren()[0];
        try {
            var session = app.getManager().findSession(id);
            if (session == null) {
                throw new AssertionError("no Tomcat session " + id);
            }
            return session.getSession();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
