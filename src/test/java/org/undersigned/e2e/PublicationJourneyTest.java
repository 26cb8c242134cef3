package org.undersigned.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.undersigned.Fixtures;
import org.undersigned.publication.PublicationWorld;

/**
 * From a locked list to a public letter: the editor requests publication in the browser, a second
 * administrator signs in with their authenticator code and approves it in the review queue, and
 * an anonymous visitor reads the page, the PDF and the signed record, which the verification page
 * calls valid. A signer's hostile name runs no script. A letter still in review is not found.
 */
@BrowserTests
class PublicationJourneyTest {

    static RunningApp app;
    static Browser browser;

    @BeforeAll
    static void start() {
        app = new RunningApp(Map.of());
        browser = new Browser();
        // Vaadin views can take seconds to appear on a loaded machine.
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
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
    void lockRequestApproveAndReadItAnonymously() {
        var jdbc = app.bean(JdbcClient.class);
        var encoder = app.bean(PasswordEncoder.class);
        var world = new PublicationWorld(app::bean, "Azərbaycan İnsan Hüquqları Cəmiyyəti");
        world.letter(
                "Həmrəylik məktubu",
                "az",
                "Azərbaycanda insan hüquqları müdafiəçiləri azad edilməlidir.\n\nBiz onlarla həmrəyik.");
        world.invite("Leyla Məmmədova", "Sədr", world.organisationName, "az");
        world.invite("ნინო ბერიძე", "თავმჯდომარე", "GYLA", "ka");
        world.invite("<img src=x onerror=alert(1)>", "Председатель", "Мемориал", "ru");
        world.openAndSignAll();
        world.lock(); // through the signing feature's service
        String password = "a long editor passphrase";
        jdbc.sql("UPDATE account SET password_hash = ? WHERE id = ?")
                .params(encoder.encode(password), world.editor)
                .update();
        var pending = new PublicationWorld(app::bean, Fixtures.unique("Free Press Union"));
        pending.letter("Not yet public", "en", "Still in review.");
        pending.invite("Jane Doe", "Chair", pending.organisationName, "en");
        pending.openAndSignAll();
        pending.lock();
        pending.actAsEditor();
        app.bean(org.undersigned.publication.PublicationReview.class).request(pending.letterId);
        Fixtures.actAsNobody();

        // 1. The editor requests publication.
        var team = browser.newContext();
        Page page = team.newPage();
        page.setDefaultTimeout(30_000);
        signIn(page, world.editorEmail, password);
        page.navigate(app.baseUrl() + "/drafts/" + world.letterId + "/publication");
        assertThat(page.locator("#publication-state")).hasText("List locked");
        shot(page, "1-locked");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Request publication"))
                .click();
        assertThat(page.locator("#publication-state")).hasText("In review");
        team.close();

        // 2. A second administrator signs in, connects an authenticator app, and approves.
        String adminEmail = "reviewer-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
        String adminPassword = "a long reviewer passphrase";
        jdbc.sql("""
                        INSERT INTO account (id, email, display_name, password_hash, is_admin, email_verified_at, created_at)
                        VALUES (?, ?, 'Reviewer', ?, true, now(), now())""")
                .params(UUID.randomUUID(), adminEmail, encoder.encode(adminPassword))
                .update();
        var adminContext = browser.newContext();
        Page admin = adminContext.newPage();
        admin.setDefaultTimeout(30_000);
        signIn(admin, adminEmail, adminPassword);
        admin.navigate(app.baseUrl() + "/account/second-factor");
        String secret = admin.locator("#totp-secret").textContent().strip();
        admin.locator("#totp-code input").fill(Totp.code(secret, 0));
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm"))
                .click();
        admin.waitForURL(url -> url.endsWith("/admin/organisations"));
        admin.navigate(app.baseUrl() + "/");
        assertThat(admin.locator("#review-queue-count")).containsText("wait for review");
        admin.locator("#review-queue-count").click();
        admin.waitForURL(url -> url.endsWith("/admin/reviews"));
        admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Həmrəylik məktubu"))
                .click();
        admin.waitForURL(url -> url.contains("/admin/reviews/" + world.letterId));
        assertThat(admin.locator("#review-signatures")).containsText("Leyla Məmmədova, Sədr");
        assertThat(admin.locator("#review-audit")).containsText("LETTER_REVIEW_REQUESTED");
        shot(admin, "2-review");
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve and publish now"))
                .click();
        admin.waitForURL(url -> url.endsWith("/admin/reviews"));
        String slug = jdbc.sql("SELECT slug FROM publication WHERE letter_id = ?")
                .params(world.letterId)
                .query(String.class)
                .single();
        adminContext.close();

        // 3. Anyone, without an account, and without JavaScript having anything to run.
        var anonymous = browser.newContext();
        Page reader = anonymous.newPage();
        reader.setDefaultTimeout(30_000);
        AtomicBoolean dialog = new AtomicBoolean();
        reader.onDialog(d -> {
            dialog.set(true);
            d.dismiss();
        });
        var response = reader.navigate(app.baseUrl() + "/letters/" + slug);
        assertThat(response.status()).isEqualTo(200);
        assertThat(reader.locator("h1")).hasText("Həmrəylik məktubu");
        assertThat(reader.locator("ol.letter-signatories li")).hasCount(3);
        assertThat(reader.locator("ol.letter-signatories")).containsText("ნინო ბერიძე, თავმჯდომარე, GYLA");
        assertThat(reader.locator("ol.letter-signatories")).containsText("<img src=x onerror=alert(1)>");
        assertThat(reader.locator("html")).hasAttribute("lang", "az");
        shot(reader, "3-public");
        assertThat(dialog.get()).as("no script ran").isFalse();
        assertThat((Boolean) reader.evaluate("() => document.querySelectorAll('img').length === 0"))
                .isTrue();

        APIResponse pdf = anonymous.request().get(app.baseUrl() + "/letters/" + slug + ".pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.headers().get("content-type")).isEqualTo("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        APIResponse text = anonymous.request().get(app.baseUrl() + "/letters/" + slug + ".txt");
        assertThat(text.text()).contains("Leyla Məmmədova, Sədr");
        APIResponse manifest = anonymous.request().get(app.baseUrl() + "/letters/" + slug + "/manifest.json");
        assertThat(manifest.status()).isEqualTo(200);

        reader.navigate(app.baseUrl() + "/verify");
        reader.locator("#manifest").fill(manifest.text());
        reader.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify"))
                .click();
        assertThat(reader.locator(".verdict h2")).hasText("Valid");
        shot(reader, "4-verified");

        // 4. A letter still in review is not there, whatever its address would be.
        for (String path : new String[] {"/letters/not-yet-public", "/letters/not-yet-public.pdf"}) {
            APIResponse missing = anonymous.request().get(app.baseUrl() + path);
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.text()).doesNotContain("Not yet public");
        }
        anonymous.close();
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

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Paths.get("target", "screenshots", "publication-" + name + ".png"))
                .setFullPage(true));
    }
}
