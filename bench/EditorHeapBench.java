import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.microsoft.playwright.options.WaitUntilState;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.undersigned.Fixtures;
import org.undersigned.e2e.Browser;
import org.undersigned.e2e.RunningApp;
import org.undersigned.letter.Block;
import org.undersigned.letter.BlockKind;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.NewLetter;
import org.undersigned.letter.Presence;

/**
 * Retained heap per open letter editor. The whole application runs in this JVM on the test
 * PostgreSQL; headless Chromium (its own processes) signs in as several co-drafters, each with
 * several tabs, and opens the same letter in every tab: each tab is a real Vaadin UI with its
 * push connection, subscribed to the letter's events and announced in the presence. The heap is
 * the used heap after repeated full GCs, with every tab on about:blank (signed in, no editor) and
 * then with every tab in the editor. Then one save by the first co-drafter must reach every tab
 * by push (the broadcast runs {@code UI.access} on the event thread), and the log must hold no
 * failed listener. Prints one summary line. Run with bench/editor-heap.sh; not a test.
 *
 * <p>Arguments: editors (default 50), co-drafters (default 5; tabs are spread over them).
 */
public class EditorHeapBench {

    public static void main(String[] args) throws Exception {
        int editors = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int people = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int code = 1;
        try (var browser = new Browser()) {
            var app = new RunningApp(Map.of("logging.level.root", "warn"));
            try {
                code = run(app, browser, editors, people);
            } finally {
                app.close();
            }
        }
        System.exit(code);
    }

    static int run(RunningApp app, Browser browser, int editors, int people) throws Exception {
        var jdbc = app.bean(JdbcClient.class);
        var encoder = app.bean(PasswordEncoder.class);
        UUID org = UUID.randomUUID();
        jdbc.sql("INSERT INTO organisation (id, name, name_key, country, created_at) VALUES (?, 'Bench Org', 'bench org', 'AZ', now())")
                .params(org)
                .update();
        String hash = encoder.encode(Fixtures.PASSWORD);
        List<String> emails = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            UUID id = UUID.randomUUID();
            String email = "drafter" + i + "@bench.example.org";
            jdbc.sql("INSERT INTO account (id, email, display_name, password_hash, email_verified_at, created_at) VALUES (?, ?, ?, ?, now(), now())")
                    .params(id, email, "Drafter " + i, hash)
                    .update();
            jdbc.sql("INSERT INTO membership (organisation_id, account_id, role, created_at) VALUES (?, ?, 'MEMBER', now())")
                    .params(org, id)
                    .update();
            emails.add(email);
            ids.add(id);
        }
        var letters = app.bean(LetterService.class);
        Fixtures.actAs(ids.get(0), emails.get(0), false, false);
        UUID letterId = letters.create(new NewLetter(
                "Open letter on the defenders of human rights", "en", org, "1 May 2026", "Tbilisi",
                "Bench Org, 1 Freedom Square, Tbilisi"));
        Block first = null;
        for (Block b : letters.blocks(letterId)) {
            String text = switch (b.kind()) {
                case SALUTATION -> "Dear Members of Parliament,";
                case PARAGRAPH -> "We, the undersigned organisations, write to you about the defenders of human rights. ".repeat(6);
                case CLOSING -> "Yours sincerely,";
                default -> null;
            };
            if (text != null) {
                letters.saveBlock(letterId, b.id(), b.version(), text);
            }
        }
        // A letter of usual length: eight paragraphs of about 500 characters.
        UUID after = letters.blocks(letterId).stream().filter(b -> b.kind() == BlockKind.PARAGRAPH).findFirst().orElseThrow().id();
        for (int i = 0; i < 7; i++) {
            Block added = letters.addBlock(letterId, after, BlockKind.PARAGRAPH);
            letters.saveBlock(letterId, added.id(), added.version(), ("Paragraph " + (i + 2) + ": the authorities must release them. ").repeat(10));
            after = added.id();
        }
        first = letters.blocks(letterId).stream().filter(b -> b.kind() == BlockKind.PARAGRAPH).findFirst().orElseThrow();
        Fixtures.actAsNobody();

        String editorUrl = app.baseUrl() + "/drafts/" + letterId;
        List<Page> pages = new ArrayList<>();
        List<BrowserContext> contexts = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            BrowserContext context = browser.newContext();
            // The machine may be busy: give every step time.
            context.setDefaultTimeout(180_000);
            context.setDefaultNavigationTimeout(180_000);
            contexts.add(context);
            Page login = context.newPage();
            signIn(login, app.baseUrl(), emails.get(i));
            // Warm up: the editor once per person, so that class loading and caches are not counted.
            login.navigate(editorUrl);
            waitForEditor(login);
            login.navigate("about:blank");
            pages.add(login);
        }
        while (pages.size() < editors) {
            pages.add(contexts.get(pages.size() % people).newPage());
        }
        var presence = app.bean(Presence.class);
        Thread.sleep(3000);
        long before = settledHeap();
        int beforeHere = presence.here(letterId).size();

        long start = System.nanoTime();
        for (Page p : pages) {
            p.navigate(editorUrl, new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
            waitForEditor(p);
        }
        double openSeconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(3000);
        long afterHeap = settledHeap();
        int here = presence.here(letterId).size();

        // One save; every tab must show it by push, without a failed listener in the log.
        int logBefore = app.logLines().size();
        String marker = "Pushed to every editor " + UUID.randomUUID();
        Fixtures.actAs(ids.get(0), emails.get(0), false, false);
        letters.saveBlock(letterId, first.id(), first.version(), marker);
        Fixtures.actAsNobody();
        int pushed = 0;
        for (Page p : pages) {
            try {
                p.locator("[data-block='" + first.id() + "'] .us-block-text")
                        .filter(new Locator.FilterOptions().setHasText(marker))
                        .waitFor(new Locator.WaitForOptions().setTimeout(30_000));
                pushed++;
            } catch (RuntimeException e) {
                // counted as not pushed
            }
        }
        List<String> failures = app.logLines().subList(logBefore, app.logLines().size()).stream()
                .filter(l -> l.contains("listener failed") || l.contains("Sign in first") || l.contains("Exception"))
                .toList();
        failures.stream().limit(3).forEach(l -> System.out.println("LOG " + l));
        long perEditor = (afterHeap - before) / Math.max(1, here - beforeHere);
        System.out.printf(
                "editor-heap editors=%d people=%d presence=%d used-before=%d used-after=%d per-editor-bytes=%d open-seconds=%.1f pushed=%d/%d listener-errors=%d target<=256000:%s%n",
                editors, people, here - beforeHere, before, afterHeap, perEditor, openSeconds, pushed, editors,
                failures.size(), perEditor <= 256_000 && pushed == editors && failures.isEmpty() ? "met" : "NOT met");
        for (BrowserContext c : contexts) {
            c.close();
        }
        return 0;
    }

    static void signIn(Page page, String base, String email) {
        page.navigate(base + "/login");
        page.locator("input[name=username]").fill(email);
        page.locator("input[name=password]").fill(Fixtures.PASSWORD);
        page.locator("vaadin-button[slot=submit], button[type=submit]").first().click();
        page.waitForURL(u -> !u.contains("/login"));
    }

    static void waitForEditor(Page page) {
        page.locator(".us-block-text")
                .first()
                .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE).setTimeout(180_000));
    }

    static long settledHeap() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            Thread.sleep(300);
            last = Math.min(last, memory.getHeapMemoryUsage().getUsed());
        }
        return last;
    }
}
