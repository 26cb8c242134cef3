package org.undersigned.e2e;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.util.List;
import org.undersigned.Fixtures;

/** Playwright on Debian's Chromium, headless, as CI has it. */
public final class Browser implements AutoCloseable {

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    public Browser() {
        playwright = Playwright.create();
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(BrowserTests.CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync")));
    }

    public com.microsoft.playwright.BrowserContext newContext() {
        return browser.newContext(new NewContextOptions().setViewportSize(1280, 900));
    }

    public com.microsoft.playwright.BrowserContext newContext(NewContextOptions options) {
        return browser.newContext(options);
    }

    /** Signs in through the login form with {@link Fixtures#PASSWORD}; returns the page after it. */
    public static Page signIn(Page page, String baseUrl, String email) {
        page.navigate(baseUrl + "/login");
        page.locator("input[name=username]").fill(email);
        page.locator("input[name=password]").fill(Fixtures.PASSWORD);
        page.locator("vaadin-button[slot=submit], button[type=submit]").first().click();
        page.waitForURL(u -> !u.contains("/login"));
        return page;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
