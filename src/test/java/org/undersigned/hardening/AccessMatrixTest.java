package org.undersigned.hardening;

import static com.github.mvysny.kaributesting.v10.NavigatorKt.getCurrentView;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouteData;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import jakarta.servlet.ServletContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kotlin.jvm.functions.Function0;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.undersigned.Fixtures;
import org.undersigned.PlainBrowser;
import org.undersigned.WebIntegrationTest;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;
import org.undersigned.base.ui.AccessDeniedView;
import org.undersigned.base.ui.DomainNotFoundView;
import org.undersigned.base.ui.NotFoundView;
import org.undersigned.base.ui.RouteDeniedView;
import org.undersigned.letter.DraftingRole;
import org.undersigned.letter.LetterDiscussion;
import org.undersigned.letter.LetterService;
import org.undersigned.security.ui.LoginView;
import org.undersigned.signing.InvitationService;
import org.undersigned.signing.SigningFlow;
import org.undersigned.signing.SigningSession;

/**
 * The access-control matrix: every Vaadin route (from Vaadin's route registry), every
 * server-rendered endpoint (from Spring MVC's request mappings, plus the paths the publication
 * filter serves ahead of them), and every public method of every public service bean, each tried
 * as every {@link Who}. The expected outcome of each lives in {@link AccessTable}; anything
 * discovered without a row fails, and the failure prints the row as observed, to be checked and
 * pasted.
 *
 * <p>Views: every caller through Karibu navigation on the real context (which view opens), and
 * the anonymous visitor and the signer also over real HTTP (Spring Security's answer to a plain
 * GET). Endpoints: real HTTP through Tomcat and the filter chains, each caller in its own
 * session. Services: through their Spring proxies on the real PostgreSQL; a refused call must
 * change no row in any table.
 */
@WebIntegrationTest
class AccessMatrixTest {

    private static final String FORGED_TOKEN = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    /**
     * Endpoints the publication filter serves ahead of Spring MVC, and other non-MVC paths (the
     * signing servlet lists its own routes).
     */
    private static final List<String> EXTRA_ENDPOINTS = List.of(
            "GET /letters/{slug}",
            "GET /letters/{slug}.pdf",
            "GET /letters/{slug}.txt",
            "GET /letters/{slug}/manifest.json",
            "GET /actuator/health");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ServletContext servletContext;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    LetterService letters;

    @Autowired
    LetterDiscussion discussion;

    @Autowired
    InvitationService invitations;

    @Autowired
    SigningFlow flow;

    @Autowired
    org.undersigned.letter.DraftingInvitations drafting;

    private AccessWorld world;
    private static AccessWorld firstWorld;
    private Sessions sessions;

    @AfterEach
    void nobody() {
        Fixtures.actAsNobody();
    }

    private AccessWorld world() {
        if (world == null) {
            world = newWorld();
        }
        return world;
    }

    private AccessWorld newWorld() {
        var w = new AccessWorld(jdbc, encoder, letters, discussion, invitations, flow, drafting, firstWorld);
        if (firstWorld == null) {
            firstWorld = w;
        }
        Fixtures.actAsNobody();
        return w;
    }

    // --- views ------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyVaadinRoute() {
        Map<String, Class<?>> routes = new TreeMap<>();
        for (RouteData route : ApplicationRouteRegistry.getInstance(new VaadinServletContext(servletContext))
                .getRegisteredRoutes()) {
            routes.put("VIEW /" + route.getTemplate(), route.getNavigationTarget());
        }
        assertThat(routes).as("routes in Vaadin's registry").hasSizeGreaterThan(10);
        Map<String, Outcomes.Row> table = Outcomes.parse(AccessTable.VIEWS);
        return Stream.concat(
                routes.entrySet().stream()
                        .map(e -> DynamicTest.dynamicTest(
                                e.getKey(), () -> checkView(e.getKey(), e.getValue(), table.get(e.getKey())))),
                stale("VIEW", table.keySet(), routes.keySet()));
    }

    private void checkView(String key, Class<?> target, Outcomes.Row row) {
        String path = concretePath(key.substring("VIEW /".length()));
        Map<Who, String> observed = new EnumMap<>(Who.class);
        for (Who who : Who.values()) {
            observed.put(who, viewOutcomes(who).get(key));
        }
        // Spring Security's answer over HTTP, for those without a signed-in session.
        List<String> httpProblems = new ArrayList<>();
        for (Who who : List.of(Who.ANONYMOUS, Who.SIGNER)) {
            var response = sessions().browser(who).get("/" + path);
            Hardening.assertNoLeak(response);
            boolean login = response.statusCode() == 302
                    && PlainBrowser.redirectTarget(response).startsWith("/login");
            boolean expectLogin = row != null && row.expected(who).equals("login");
            if (row != null && login != expectLogin) {
                httpProblems.add(who.label + " got HTTP " + response.statusCode() + " for GET /" + path);
            }
            if (!login && response.statusCode() != 200 && response.statusCode() != 404) {
                httpProblems.add(who.label + " got HTTP " + response.statusCode() + " for GET /" + path);
            }
        }
        compare(key, row, observed);
        assertThat(httpProblems).as(key + " over HTTP").isEmpty();
    }

    private static Routes karibuRoutes;

    private static synchronized Routes karibuRoutes() {
        if (karibuRoutes == null) {
            karibuRoutes = new Routes().autoDiscoverViews("org.undersigned");
        }
        return karibuRoutes;
    }

    private final Map<Who, Map<String, String>> viewOutcomes = new EnumMap<>(Who.class);

    /** Which view each route shows this caller: one Karibu session per caller, every route in turn. */
    private Map<String, String> viewOutcomes(Who who) {
        return viewOutcomes.computeIfAbsent(who, w -> {
            Map<String, String> outcomes = new TreeMap<>();
            Function0<UI> uiFactory = UI::new;
            SecurityContextHolder.clearContext();
            MockVaadin.setup(uiFactory, new MockSpringServlet(karibuRoutes(), context, uiFactory));
            try {
                signInForVaadin(w);
                for (RouteData route : ApplicationRouteRegistry.getInstance(new VaadinServletContext(servletContext))
                        .getRegisteredRoutes()) {
                    String key = "VIEW /" + route.getTemplate();
                    outcomes.put(key, navigate(concretePath(route.getTemplate()), route.getNavigationTarget()));
                }
            } finally {
                MockVaadin.tearDown();
                SecurityContextHolder.clearContext();
            }
            return outcomes;
        });
    }

    private String navigate(String path, Class<?> target) {
        try {
            int query = path.indexOf('?');
            if (query < 0) {
                UI.getCurrent().navigate(path);
            } else {
                UI.getCurrent()
                        .navigate(path.substring(0, query), QueryParameters.fromString(path.substring(query + 1)));
            }
            Class<?> view = getCurrentView();
            if (view.equals(target)) {
                return "ok";
            }
            if (view.equals(LoginView.class)) {
                return "login";
            }
            if (view.equals(RouteDeniedView.class)
                    || view.equals(NotFoundView.class)
                    || view.equals(DomainNotFoundView.class)) {
                return "notfound";
            }
            if (view.equals(AccessDeniedView.class)) {
                return "denied";
            }
            return "view:" + view.getSimpleName();
        } catch (RuntimeException e) {
            return "error:" + e.getClass().getSimpleName();
        }
    }

    private void signInForVaadin(Who who) {
        if (who == Who.ANONYMOUS) {
            return;
        }
        if (who == Who.SIGNER) {
            // A signing session lives in the HTTP session; Spring Security sees nobody.
            VaadinSession.getCurrent().getSession().setAttribute(SigningSession.ATTRIBUTE, world().signerSession);
            return;
        }
        world().actAs(who);
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        Set<String> granted = authentication.getAuthorities().stream()
                .map(a -> a.getAuthority().replaceFirst("^ROLE_", ""))
                .collect(Collectors.toSet());
        var request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(authentication);
        request.setUserInRole((principal, role) -> granted.contains(role.replaceFirst("^ROLE_", "")));
    }

    private String concretePath(String template) {
        AccessWorld w = world();
        return template.replace(":id/signatories", w.letterId + "/signatories")
                .replace("drafts/:id", "drafts/" + w.letterId)
                .replace("organisations/:id", "organisations/" + w.draftingOrganisation)
                .replace(":token?", FORGED_TOKEN)
                .replaceAll(":[a-zA-Z]+\\??", UUID.randomUUID().toString());
    }

    // --- server-rendered endpoints -------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyServerRenderedEndpoint() {
        Set<String> endpoints = new LinkedHashSet<>();
        context.getBeansOfType(RequestMappingHandlerMapping.class)
                .values()
                .forEach(mapping -> mapping.getHandlerMethods().forEach((info, handler) -> {
                    var methods = info.getMethodsCondition().getMethods();
                    for (String pattern : info.getPatternValues()) {
                        if (methods.isEmpty()) {
                            endpoints.add("ANY " + pattern);
                        }
                        methods.forEach(m -> endpoints.add(m.name() + " " + pattern));
                    }
                }));
        endpoints.addAll(EXTRA_ENDPOINTS);
        endpoints.addAll(org.undersigned.signing.web.SigningServlet.ROUTES);
        List<String> sorted = endpoints.stream().sorted().toList();
        Map<String, Outcomes.Row> table = Outcomes.parse(AccessTable.ENDPOINTS);
        return Stream.concat(
                sorted.stream().map(key -> DynamicTest.dynamicTest(key, () -> checkEndpoint(key, table.get(key)))),
                stale("ENDPOINT", table.keySet(), Set.copyOf(sorted)));
    }

    private void checkEndpoint(String key, Outcomes.Row row) {
        Map<Who, String> observed = new EnumMap<>(Who.class);
        for (Who who : Who.values()) {
            var response = request(sessions().browser(who), key);
            Hardening.assertNoLeak(response);
            Hardening.assertSecurityHeaders(
                    response,
                    !key.contains("/sign/")
                            && !key.contains("/letters")
                            && !key.contains("/verify")
                            && !key.contains("/.well-known")
                            && !key.contains("/actuator"));
            observed.put(who, statusOf(response));
        }
        compare(key, row, observed);
    }

    private HttpResponse<String> request(Sessions.Browser browser, String key) {
        String method = key.substring(0, key.indexOf(' '));
        String path = key.substring(key.indexOf(' ') + 1)
                .replace("{token}", FORGED_TOKEN)
                .replace("{slug}", "no-such-letter");
        String invitation = world().invitationId.toString();
        if (!method.equals("POST")) {
            return browser.get(path);
        }
        Map<String, String> form = new LinkedHashMap<>();
        switch (path) {
            case "/sign/review" -> {
                form.put("invitation", invitation);
                form.put("name", "Someone Else");
                form.put("role", "Chair");
                form.put("organisation", "Elsewhere");
                form.put("consent", "on");
            }
            case "/sign/code" -> {
                form.put("invitation", invitation);
                form.put("code", "000000");
            }
            case "/sign/code/resend", "/sign/withdraw" -> form.put("invitation", invitation);
            case "/sign/decline" -> {
                form.put("invitation", invitation);
                form.put("reason", "Not for me.");
            }
            case "/verify" -> form.put("manifest", "{}");
            default -> {}
        }
        return browser.post(path, form);
    }

    private static String statusOf(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
            String target = PlainBrowser.redirectTarget(response);
            int query = target.indexOf('?');
            return status + ">" + (query < 0 ? target : target.substring(0, query));
        }
        return String.valueOf(status);
    }

    private Sessions sessions() {
        if (sessions == null) {
            sessions = new Sessions(port, context, world());
        }
        return sessions;
    }

    // --- services -----------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyPublicServiceMethod() {
        Map<String, Method> methods = new TreeMap<>();
        Map<String, Object> beans = new LinkedHashMap<>();
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name);
            if (type == null) {
                continue;
            }
            Class<?> user = org.springframework.util.ClassUtils.getUserClass(type);
            if (!isFeatureService(user)) {
                continue;
            }
            for (Method m : user.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()) {
                    String key = "SERVICE " + user.getSimpleName() + "." + m.getName() + "("
                            + Arrays.stream(m.getParameterTypes())
                                    .map(Class::getSimpleName)
                                    .collect(Collectors.joining(","))
                            + ")";
                    methods.put(key, m);
                    beans.put(key, context.getBean(name));
                }
            }
        }
        assertThat(methods).as("public service methods").hasSizeGreaterThan(50);
        Map<String, Outcomes.Row> table = Outcomes.parse(AccessTable.SERVICES);
        return Stream.concat(
                methods.entrySet().stream()
                        .map(e -> DynamicTest.dynamicTest(
                                e.getKey(),
                                () -> checkMethod(
                                        e.getKey(), beans.get(e.getKey()), e.getValue(), table.get(e.getKey())))),
                stale("SERVICE", table.keySet(), methods.keySet()));
    }

    /** Public classes annotated as services or components in the feature packages, not views or controllers. */
    static boolean isFeatureService(Class<?> type) {
        String pkg = type.getPackageName();
        return pkg.startsWith("org.undersigned.")
                && !pkg.contains(".ui")
                && !pkg.endsWith(".web")
                && Modifier.isPublic(type.getModifiers())
                && !type.getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toString()
                        .contains("test-classes")
                && AnnotatedElementUtils.hasAnnotation(type, Component.class)
                && !AnnotatedElementUtils.hasAnnotation(type, Controller.class)
                && !AnnotatedElementUtils.hasAnnotation(type, Configuration.class);
    }

    private void checkMethod(String key, Object bean, Method method, Outcomes.Row row) {
        if (row != null && row.internal()) {
            return;
        }
        Map<Who, String> observed = new EnumMap<>(Who.class);
        List<String> halfWritten = new ArrayList<>();
        for (Who who : Who.values()) {
            AccessWorld w = world();
            Map<String, Long> before = Hardening.rowCounts(jdbc);
            String fingerprint = Hardening.fingerprint(jdbc, w);
            w.actAs(who);
            String outcome;
            try {
                Object[] args = Arrays.stream(method.getParameters())
                        .map(p -> argument(p, who, w))
                        .toArray();
                method.invoke(bean, args);
                outcome = "ok";
            } catch (InvocationTargetException e) {
                outcome = classify(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            } finally {
                Fixtures.actAsNobody();
            }
            observed.put(who, outcome);
            if (outcome.equals("ok")) {
                if (!Hardening.rowCounts(jdbc).equals(before) || !fingerprint.equals(Hardening.fingerprint(jdbc, w))) {
                    world = null; // it changed the world: the next caller gets a fresh one
                }
            } else {
                Map<String, Long> after = Hardening.rowCounts(jdbc);
                if (!before.equals(after)) {
                    halfWritten.add(who.label + " (" + outcome + ") changed " + Hardening.difference(before, after));
                }
            }
        }
        compare(key, row, observed);
        assertThat(halfWritten).as(key + ": a refused call writes nothing").isEmpty();
    }

    private static String classify(Throwable t) {
        if (t instanceof AccessDeniedException) {
            return "denied";
        }
        if (t instanceof NotFoundException) {
            return "notfound";
        }
        if (t instanceof RefusedException) {
            return "refused";
        }
        if (t instanceof InvalidInputException) {
            return "invalid";
        }
        return "error:" + t.getClass().getSimpleName();
    }

    /** A plausible argument, chosen by the parameter's name and type, aimed at the world's letter. */
    private Object argument(Parameter p, Who who, AccessWorld w) {
        return value(p.getName(), p.getType(), p.getParameterizedType(), who, w);
    }

    private Object value(String name, Class<?> type, Type generic, Who who, AccessWorld w) {
        if (type == UUID.class) {
            return switch (name) {
                case "letterId" -> w.letterId;
                case "blockId", "afterBlockId" -> w.blockId;
                case "threadId" -> w.threadId;
                case "suggestionId" -> w.suggestionId;
                case "invitationId", "formInvitation" -> w.invitationId;
                case "organisationId", "publisherOrganisationId" -> w.draftingOrganisation;
                case "accountId" -> w.editor.id();
                case "partyId" -> w.commenterPartyId;
                default -> UUID.randomUUID();
            };
        }
        if (type == int.class || type == Integer.class) {
            return switch (name) {
                case "expectedVersion", "seenVersion" -> w.blockVersion;
                case "limit" -> 10;
                default -> 1;
            };
        }
        if (type == long.class || type == Long.class) {
            return jdbc.sql("SELECT coalesce(max(id), 1) FROM mail_outbox")
                    .query(Long.class)
                    .single();
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == String.class) {
            return switch (name) {
                case "token" -> FORGED_TOKEN;
                case "client" -> "10.77." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
                case "rawEmail", "email" -> Fixtures.uniqueEmail();
                case "code", "rawCode" -> "000000";
                case "query" -> "Drafting";
                case "password", "repeat", "passwordRepeat" -> Fixtures.PASSWORD;
                case "language" -> "en";
                case "country" -> "AZ";
                case "website" -> "https://example.org";
                case "domain", "emailDomain" -> "example.org";
                case "organisationName", "title", "name", "rawName" -> Fixtures.unique("Plain words");
                default -> "Plain words.";
            };
        }
        if (type == SigningSession.class) {
            return who == Who.SIGNER ? w.signerSession : null;
        }
        if (type == DraftingRole.class) {
            return DraftingRole.COMMENTER;
        }
        if (type == java.time.Instant.class) {
            // Deadlines and later publication times must lie ahead; a day ahead suits every one.
            return java.time.Instant.now().plus(java.time.Duration.ofDays(1));
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[constants.length - 1];
        }
        if (type == List.class) {
            Type element = generic instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0] : Object.class;
            if (element instanceof Class<?> c && c.isRecord()) {
                return List.of(value("item", c, c, who, w));
            }
            return List.of();
        }
        if (type == org.undersigned.signing.SigningSettings.class) {
            return org.undersigned.signing.SigningSettings.DEFAULTS;
        }
        if (type.isRecord()) {
            RecordComponent[] components = type.getRecordComponents();
            Object[] values = Arrays.stream(components)
                    .map(c -> value(c.getName(), c.getType(), c.getGenericType(), who, w))
                    .toArray();
            try {
                return type.getDeclaredConstructor(Arrays.stream(components)
                                .map(RecordComponent::getType)
                                .toArray(Class<?>[]::new))
                        .newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot make a " + type.getSimpleName(), e);
            }
        }
        throw new IllegalArgumentException("Teach AccessMatrixTest an argument " + name + " of type " + type.getName()
                + ", or mark the method internal in AccessTable");
    }

    // --- the table ------------------------------------------------------------------------------------

    private static void compare(String key, Outcomes.Row row, Map<Who, String> observed) {
        if (row == null) {
            fail("No access-control row for " + key + " in AccessTable. Observed (check before pasting):\n"
                    + Outcomes.format(key, observed));
        }
        if (row.internal()) {
            return;
        }
        List<String> wrong = new ArrayList<>();
        for (Who who : Who.values()) {
            if (!row.expected(who).equals(observed.get(who))) {
                wrong.add(who.label + ": expected " + row.expected(who) + ", got " + observed.get(who));
            }
        }
        if (!wrong.isEmpty()) {
            fail(key + ":\n  " + String.join("\n  ", wrong) + "\nobserved row:\n" + Outcomes.format(key, observed));
        }
    }

    private static Stream<DynamicTest> stale(String kind, Set<String> rows, Set<String> discovered) {
        List<String> stale = rows.stream().filter(r -> !discovered.contains(r)).toList();
        return Stream.of(DynamicTest.dynamicTest(
                "every " + kind + " row names something that exists",
                () -> assertThat(stale)
                        .as("rows in AccessTable for things no longer discovered")
                        .isEmpty()));
    }
}
