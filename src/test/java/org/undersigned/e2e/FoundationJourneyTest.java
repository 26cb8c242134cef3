package org.undersigned.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The first minutes of a new platform, in a real browser: the operator creates the first
 * administrator from the link in the log and connects an authenticator app; an organisation
 * registers; the confirmation mail is read from the in-app mailbox; the new owner confirms their
 * address and signs in.
 */
@BrowserTests
class FoundationJourneyTest {

    static RunningApp app;
    static Browser browser;

    @BeforeAll
    static void start() {
        app = new RunningApp(Map.of());
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void fromSetupLinkToAnOrganisationOwnerSignedIn() {
        String setupLink = app.logLines().stream()
                .map(line ->
                        Pattern.compile("(http://\\S+/setup/[A-Za-z0-9_-]{43})").matcher(line))
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no setup link in the log"));

        var context = browser.newContext();
        Page page = context.newPage();
        page.setDefaultTimeout(20_000);

        // 1. The operator opens the link from the log; the token leaves the address bar at once.
        page.navigate(setupLink);
        page.getByLabel("Your name").fill("Ada Admin");
        page.waitForURL(url -> url.endsWith("/setup"));
        page.getByLabel("Email").fill("admin@example.org");
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("a long admin passphrase");
        page.getByLabel("Password, again").fill("a long admin passphrase");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create the administrator"))
                .click();
        assertThat(page.getByText("The administrator account is ready.")).isVisible();

        // 2. The administrator signs in and connects an authenticator app.
        signIn(page, "admin@example.org", "a long admin passphrase");
        page.navigate(app.baseUrl() + "/account/second-factor");
        String secret = page.locator("#totp-secret").textContent().strip();
        page.locator("#totp-code input").fill(Totp.code(secret, 0));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm"))
                .click();
        page.waitForURL(url -> url.endsWith("/admin/organisations"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("All organisations")))
                .isVisible();
        signOut(page);

        // 3. An organisation registers, its name in Azerbaijani.
        page.navigate(app.baseUrl() + "/signup");
        page.getByLabel("Organisation name").fill("Azərbaycan İnsan Hüquqları Cəmiyyəti");
        page.getByLabel("Country").fill("Azerbaijan");
        // Chosen from the list as a person does: Enter pressed before the filtered list has come
        // back from the server left the field empty ("Choose the country from the list.").
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Azerbaijan"))
                .click();
        page.getByLabel("Website").fill("https://ihc.example.az");
        page.getByLabel("Email domains the organisation uses").fill("ihc.example.az");
        page.getByLabel("Your name").fill("Leyla Məmmədova");
        page.getByLabel("Your email").fill("leyla@ihc.example.az");
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("şəhər küçə gözəl yol");
        page.getByLabel("Password, again").fill("şəhər küçə gözəl yol");
        shot(page, "signup");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register"))
                .click();
        assertThat(page.getByText("We sent a link to leyla@ihc.example.az")).isVisible();

        // 4. The confirmation mail, read from the in-app mailbox (no SMTP server configured).
        signIn(page, "admin@example.org", "a long admin passphrase");
        page.navigate(app.baseUrl() + "/account/second-factor");
        page.locator("#totp-code input").fill(Totp.code(secret, 1));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm"))
                .click();
        page.waitForURL(url -> url.endsWith("/admin/organisations"));
        page.navigate(app.baseUrl() + "/admin/mailbox");
        page.getByText("Confirm your email address for Undersigned").first().click();
        String link = page.locator(".us-mail-body a").first().getAttribute("href");
        shot(page, "mailbox");
        assertThat(link).startsWith(app.baseUrl() + "/account/verify/");
        signOut(page);

        // 5. The owner confirms the address and signs in.
        page.navigate(link);
        page.waitForURL(url -> url.endsWith("/account/verify"));
        page.locator("#confirm-email").click();
        assertThat(page.getByText("your email address is confirmed")).isVisible();
        signIn(page, "leyla@ihc.example.az", "şəhər küçə gözəl yol");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Letters")))
                .isVisible();
        assertThat(page.getByText("Leyla Məmmədova").first()).isVisible();
        page.navigate(app.baseUrl() + "/organisations");
        page.getByText("Azərbaycan İnsan Hüquqları Cəmiyyəti").first().click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Members")))
                .isVisible();
        shot(page, "organisation");
        context.close();
    }

    /** Keeps a picture of the screen for people reviewing the run (target/screenshots). */
    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(java.nio.file.Paths.get("target", "screenshots", "foundation-" + name + ".png"))
                .setFullPage(true));
    }

    private static void signIn(Page page, String email, String password) {
        page.navigate(app.baseUrl() + "/login");
        page.locator("input[name=username]").fill(email);
        page.locator("input[name=password]").fill(password);
        page.locator("vaadin-button[slot=submit], vaadin-button:has-text('Sign in')")
                .first()
                .click();
        page.waitForURL(url -> !url.contains("/login"));
    }

    private static void signOut(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                .click();
        page.waitForURL(url -> url.contains("/login"));
    }
}
