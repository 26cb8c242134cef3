package org.undersigned.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.undersigned.Fixtures;
import org.undersigned.PlainBrowser;
import org.undersigned.TestAccounts;
import org.undersigned.WebIntegrationTest;
import org.undersigned.account.AccountService;
import org.undersigned.account.Administration;
import org.undersigned.account.OrganisationSignUp;

/**
 * Sign-in through the real filter chain, as a browser without JavaScript does it: the login page
 * first, then the form post to {@code /login}. Each test uses its own browser (cookie jar and
 * client address) and its own accounts.
 */
@WebIntegrationTest
class SignInTest {

    private static final Pattern CSRF_PARAMETER =
            Pattern.compile("<meta name=\"_csrf_parameter\" content=\"([^\"]+)\"");
    private static final Pattern CSRF_TOKEN = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    AccountService accountService;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Administration administration;

    @Autowired
    PasswordEncoder passwordEncoder;

    TestAccounts accounts;
    final List<PlainBrowser> browsers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(accountService, jdbc);
    }

    @AfterEach
    void noResponseEverPutTheSessionIdIntoAUrl() {
        for (PlainBrowser browser : browsers) {
            for (HttpResponse<String> r : browser.responses()) {
                assertThat(r.headers().firstValue("Location").orElse(""))
                        .as("Location of %s", r.uri())
                        .doesNotContainIgnoringCase(";jsessionid=");
                assertThat(r.body()).as("body of %s", r.uri()).doesNotContainIgnoringCase(";jsessionid=");
            }
        }
    }

    @Test
    void theRightPasswordSignsInAndChangesTheSessionId() {
        var owner = accounts.register(true);
        var browser = browser();

        String before = openLoginPage(browser);
        var response = signIn(browser, owner.email(), Fixtures.PASSWORD);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(PlainBrowser.redirectTarget(response)).doesNotStartWith("/login");
        String after = browser.cookie("JSESSIONID").orElseThrow();
        assertThat(after)
                .as("a new session id after sign-in (no session fixation)")
                .isNotEqualTo(before);
        var dashboard = browser.get("/");
        assertThat(dashboard.statusCode())
                .as("the app opens for the signed-in person")
                .isEqualTo(200);
    }

    @Test
    void theLoginPageCarriesTheCsrfTokenThatTheLoginFormPostsBack() {
        var owner = accounts.register(true);
        var browser = browser();
        openLoginPage(browser);
        String html = browser.responses().getLast().body();

        // <vaadin-login-form> copies these two meta tags into a hidden field when it submits.
        assertThat(CSRF_PARAMETER.matcher(html).find()).isTrue();
        assertThat(CSRF_TOKEN.matcher(html).find()).isTrue();

        var response = signIn(browser, owner.email(), Fixtures.PASSWORD);
        assertThat(PlainBrowser.redirectTarget(response)).doesNotStartWith("/login");
    }

    @Test
    void aLoginPostWithoutItsCsrfTokenSignsNobodyIn() {
        // Login CSRF: a page elsewhere posts the attacker's own email and password to /login, so
        // that the victim works on, and types into, an account the attacker can read.
        var attacker = accounts.register(true);
        var victim = browser();
        openLoginPage(victim);

        var response = victim.postForm("/login", Map.of("username", attacker.email(), "password", Fixtures.PASSWORD));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(PlainBrowser.redirectTarget(response)).isEqualTo("/login?error=expired");
        assertThat(victim.get("/").statusCode()).as("still signed out").isEqualTo(302);
    }

    @Test
    void aWrongPasswordGoesBackToTheLoginPageWithBad() {
        var owner = accounts.register(true);
        var browser = browser();
        openLoginPage(browser);

        var response = signIn(browser, owner.email(), "not the password at all");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(PlainBrowser.redirectTarget(response)).isEqualTo("/login?error=bad");
        assertThat(browser.get("/").statusCode()).as("still signed out").isEqualTo(302);
    }

    @Test
    void fiveWrongPasswordsPauseTheAccountEvenForTheRightPassword() {
        var owner = accounts.register(true);
        var browser = browser();
        openLoginPage(browser);
        for (int i = 1; i <= 5; i++) {
            var wrong = signIn(browser, owner.email(), "wrong password number " + i);
            assertThat(PlainBrowser.redirectTarget(wrong)).as("try %d", i).isEqualTo("/login?error=bad");
        }

        var right = signIn(browser, owner.email(), Fixtures.PASSWORD);

        assertThat(PlainBrowser.redirectTarget(right)).isEqualTo("/login?error=throttled");
        assertThat(browser.get("/").statusCode()).as("still signed out").isEqualTo(302);
        // The pause is per account: someone else signs in from another client as usual.
        var other = accounts.register(true);
        var otherBrowser = browser();
        openLoginPage(otherBrowser);
        assertThat(PlainBrowser.redirectTarget(signIn(otherBrowser, other.email(), Fixtures.PASSWORD)))
                .doesNotStartWith("/login");
    }

    @Test
    void anUnconfirmedAddressIsToldToConfirmFirst() {
        var owner = accounts.register(false);
        var browser = browser();
        openLoginPage(browser);

        var response = signIn(browser, owner.email(), Fixtures.PASSWORD);

        assertThat(PlainBrowser.redirectTarget(response)).isEqualTo("/login?error=unverified");
        assertThat(browser.get("/").statusCode()).as("still signed out").isEqualTo(302);
    }

    @Test
    void aDisabledAccountIsToldSo() {
        var owner = accounts.register(true);
        accounts.disable(owner.accountId());
        var browser = browser();
        openLoginPage(browser);

        var response = signIn(browser, owner.email(), Fixtures.PASSWORD);

        assertThat(PlainBrowser.redirectTarget(response)).isEqualTo("/login?error=disabled");
        assertThat(browser.get("/").statusCode()).as("still signed out").isEqualTo(302);
    }

    @Test
    void disablingAnAccountEndsItsOpenSession() {
        var owner = accounts.register(true);
        var browser = browser();
        openLoginPage(browser);
        signIn(browser, owner.email(), Fixtures.PASSWORD);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        Fixtures.actAs(accounts.administrator(passwordEncoder), "admin@example.org", true, true);
        try {
            administration.setDisabled(owner.accountId(), true);
        } finally {
            Fixtures.actAsNobody();
        }

        var next = browser.get("/");
        assertThat(PlainBrowser.redirectTarget(next)).isEqualTo("/login?error=ended");
        assertThat(browser.get("/").statusCode()).as("signed out for good").isEqualTo(302);
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAsAWrongPassword() {
        var owner = accounts.register(true);
        var known = browser();
        openLoginPage(known);
        var unknown = browser();
        openLoginPage(unknown);

        var forKnown = signIn(known, owner.email(), "not the password at all");
        var forUnknown = signIn(unknown, Fixtures.uniqueEmail(), "not the password at all");

        assertThat(forUnknown.statusCode()).isEqualTo(forKnown.statusCode());
        assertThat(PlainBrowser.redirectTarget(forUnknown)).isEqualTo(PlainBrowser.redirectTarget(forKnown));
        assertThat(forUnknown.body()).isEqualTo(forKnown.body());
        assertThat(headerNames(forUnknown)).isEqualTo(headerNames(forKnown));
    }

    @Test
    void aPasswordTypedInAnotherUnicodeFormStillSignsIn() {
        // Sign-up stores the password NFC-normalised; a keyboard may send the same letters
        // decomposed (s + combining cedilla instead of ş).
        String password = "şəhər küçə gözəl yol";
        String email = Fixtures.uniqueEmail();
        accountService.signUp(new OrganisationSignUp(
                Fixtures.unique("Şəhər Hüquq Mərkəzi"), "AZ", null, null, "Leyla", email, password, password));
        accountService.verifyEmail(accounts.tokenFromMail(email, "/account/verify/"));
        var browser = browser();
        openLoginPage(browser);

        var response = signIn(browser, email, Normalizer.normalize(password, Normalizer.Form.NFD));

        assertThat(PlainBrowser.redirectTarget(response)).doesNotStartWith("/login");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aConfirmationLinkOpenedOverHttpLeavesNoTokenInTheLog(CapturedOutput output) {
        LoggerFactory.getLogger(SignInTest.class).info("log capture canary");
        var owner = accounts.register(false);
        String token = accounts.tokenFromMail(owner.email(), "/account/verify/");

        var page = browser().get("/account/verify/" + token);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        accountService.verifyEmail(token);
        assertThat(output.getAll()).as("the capture sees the log").contains("log capture canary");
        assertThat(output.getAll()).doesNotContain(token);
    }

    @Test
    void vaadinPagesCarryTheSecurityHeaders() {
        var browser = browser();
        var login = browser.get("/login");

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(login.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(login.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
    }

    @Test
    void errorPagesNeverShowAStackTraceOrAnExceptionName() {
        var browser = browser();
        var error = browser.get("/error");
        var missingLetter = browser.get("/letters/x");
        var missingUnderSign = browser.get("/sign/not-a-token/and/more");
        var postWithoutCsrf = browser.postForm("/letters/x", Map.of("a", "b"));

        assertThat(missingLetter.statusCode()).isEqualTo(404);
        assertThat(missingUnderSign.statusCode()).isEqualTo(404);
        assertThat(postWithoutCsrf.statusCode())
                .as("a public form post without its CSRF token")
                .isEqualTo(403);
        for (var r : List.of(error, missingLetter, missingUnderSign, postWithoutCsrf)) {
            assertThat(r.statusCode()).as("%s", r.uri()).isGreaterThanOrEqualTo(400);
            assertThat(r.body())
                    .as("body of %s", r.uri())
                    .contains("Undersigned")
                    .doesNotContain("Exception", "exception", "\tat ", "java.", "org.springframework", "Whitelabel")
                    .doesNotContain("trace", "Tomcat");
            assertThat(r.headers().firstValue("Content-Security-Policy"))
                    .as("CSP of %s", r.uri())
                    .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
        }
    }

    @Test
    void healthIsUpForAnyone() {
        var health = browser().get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    // --- a browser's steps ------------------------------------------------------------------------

    private PlainBrowser browser() {
        var b = new PlainBrowser(port);
        browsers.add(b);
        return b;
    }

    /** Opens the login page and returns the session id it started. */
    private static String openLoginPage(PlainBrowser browser) {
        var page = browser.get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        return browser.cookie("JSESSIONID").orElseThrow(() -> new AssertionError("the login page starts no session"));
    }

    /**
     * Submits the login form as {@code <vaadin-login-form>} does: username and password, plus the
     * CSRF field named by the page's meta tags when the page has them.
     */
    private static HttpResponse<String> signIn(PlainBrowser browser, String email, String password) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", email);
        fields.put("password", password);
        String page = lastLoginPage(browser);
        Matcher name = CSRF_PARAMETER.matcher(page);
        Matcher value = CSRF_TOKEN.matcher(page);
        if (name.find() && value.find()) {
            fields.put(name.group(1), value.group(1));
        }
        return browser.postForm("/login", fields);
    }

    private static String lastLoginPage(PlainBrowser browser) {
        return browser.responses().reversed().stream()
                .filter(r -> r.uri().getPath().equals("/login")
                        && r.request().method().equals("GET"))
                .findFirst()
                .map(HttpResponse::body)
                .orElse("");
    }

    private static List<String> headerNames(HttpResponse<?> r) {
        return r.headers().map().keySet().stream()
                .map(String::toLowerCase)
                .sorted()
                .toList();
    }
}
