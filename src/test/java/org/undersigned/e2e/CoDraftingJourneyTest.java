package org.undersigned.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Paths;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.undersigned.Fixtures;
import org.undersigned.TestDatabase;
import org.undersigned.letter.Block;
import org.undersigned.letter.BlockKind;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.NewLetter;

/**
 * Two people in two browsers on one letter: an edit by one appears for the other without a
 * reload, and a save against a block the other changed meanwhile shows the merge view.
 */
@BrowserTests
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.Initializer.class)
class CoDraftingJourneyTest {

    static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    LetterService letters;

    @BeforeAll
    static void launch() {
        // The machine is shared; pushes can take a few seconds under load.
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        browser = new Browser();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anEditAppearsForTheOtherAndAConflictShowsTheMergeView() {
        UUID org = UUID.randomUUID();
        String orgName = Fixtures.unique("Helsinki Citizens Assembly");
        jdbc.sql("INSERT INTO organisation (id, name, name_key, country, created_at) VALUES (?, ?, ?, 'GE', now())")
                .params(org, orgName, orgName.toLowerCase())
                .update();
        String alice = Fixtures.member(jdbc, encoder, org, "Alice Editor");
        String bob = Fixtures.member(jdbc, encoder, org, "Bob Editor");
        UUID aliceId = jdbc.sql("SELECT id FROM account WHERE email = ?")
                .params(alice)
                .query(UUID.class)
                .single();
        Fixtures.actAs(aliceId, alice, false, false);
        UUID letterId = letters.create(new NewLetter("Journey letter", "en", org, null, null, null));
        Block paragraph = letters.blocks(letterId).stream()
                .filter(b -> b.kind() == BlockKind.PARAGRAPH)
                .findFirst()
                .orElseThrow();
        Fixtures.actAsNobody();

        // Pushed updates run in UI.access on the letter-events thread and reload through services
        // that check who is signed in: none of them may fail for want of the user's security context.
        var failures = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        failures.start();
        var root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(failures);

        try (var a = browser.newContext();
                var b = browser.newContext()) {
            Page pa = Browser.signIn(a.newPage(), url(""), alice);
            Page pb = Browser.signIn(b.newPage(), url(""), bob);
            pa.navigate(url("/drafts/" + letterId));
            pb.navigate(url("/drafts/" + letterId));
            Locator blockA = pa.locator("[data-block='" + paragraph.id() + "']");
            Locator blockB = pb.locator("[data-block='" + paragraph.id() + "']");
            assertThat(blockA.locator(".us-block-text")).isVisible();
            assertThat(blockB.locator(".us-block-text")).isVisible();

            // Alice writes; Bob sees it without reloading.
            blockA.locator(".us-block-text").click();
            blockA.locator("textarea").fill("We stand with the defenders — ქართული, Azərbaycan.");
            blockA.getByText("Done").click();
            assertThat(blockB.locator(".us-block-text")).hasText("We stand with the defenders — ქართული, Azərbaycan.");

            // Bob starts editing; Alice saves again meanwhile; Bob's save must not overwrite hers.
            blockB.locator(".us-block-text").click();
            assertThat(blockB.locator("textarea")).isVisible();
            blockA.locator(".us-block-text").click();
            blockA.locator("textarea").fill("Alice's second version.");
            blockA.getByText("Done").click();
            assertThat(blockB.locator(".us-block-status")).containsText("Someone else just saved this block");
            blockB.locator("textarea").fill("Bob's version.");
            blockB.getByText("Done").click();

            try {
                assertThat(pb.locator(".us-merge-theirs h3"))
                        .hasText("Their version (saved)", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
            } catch (AssertionError e) {
                pb.screenshot(new Page.ScreenshotOptions()
                        .setPath(Paths.get("target/journey-bob.png"))
                        .setFullPage(true));
                pa.screenshot(new Page.ScreenshotOptions()
                        .setPath(Paths.get("target/journey-alice.png"))
                        .setFullPage(true));
                throw e;
            }
            assertThat(pb.locator(".us-merge-theirs")).containsText("Alice's second version.");
            assertThat(pb.locator(".us-merge-yours")).containsText("Bob's version.");
            assertThat(currentText(paragraph.id())).isEqualTo("Alice's second version.");

            pb.locator(".us-merge-text textarea").fill("Alice's second version. Bob's version.");
            pb.getByText("Save merged text").click();
            assertThat(blockA.locator(".us-block-text")).hasText("Alice's second version. Bob's version.");
            assertThat(currentText(paragraph.id())).isEqualTo("Alice's second version. Bob's version.");

            // The block tools are plain buttons (one listener per block): Alice moves the
            // paragraph up with the keyboard-reachable button; Bob sees the new order.
            int before = position(pb, paragraph.id());
            blockA.locator(".us-block-text").hover();
            blockA.locator("button.us-tool[data-act='up']").click();
            pb.waitForFunction(
                    "([id, at]) => [...document.querySelectorAll('[data-block]')].findIndex(e => e.dataset.block === id) === at",
                    java.util.List.of(paragraph.id().toString(), before - 1));
            assertThat(position(pa, paragraph.id())).isEqualTo(before - 1);
        } finally {
            root.detachAppender(failures);
        }
        assertThat(failures.list.stream()
                        .filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
                        .map(e -> e.getFormattedMessage() + " "
                                + (e.getThrowableProxy() == null
                                        ? ""
                                        : e.getThrowableProxy().getClassName() + ": "
                                                + e.getThrowableProxy().getMessage()))
                        .filter(m -> m.contains("listener failed")
                                || m.contains("Sign in first")
                                || m.contains("AccessDenied")
                                || m.contains("AuthenticationCredentialsNotFound"))
                        .toList())
                .isEmpty();
    }

    private String currentText(UUID blockId) {
        return jdbc.sql("SELECT text FROM letter_block WHERE id = ?")
                .params(blockId)
                .query(String.class)
                .single();
    }

    private static int position(Page page, UUID block) {
        return ((Number) page.evaluate(
                        "id => [...document.querySelectorAll('[data-block]')].findIndex(e => e.dataset.block === id)",
                        block.toString()))
                .intValue();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
