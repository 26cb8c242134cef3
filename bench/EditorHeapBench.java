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
 * PostgreSQL, in Vaadin's production mode as the jar does; headless Chromium, driven from a
 * second JVM (this file in mode "client", so that Playwright's own objects are not counted),
 * signs in as several co-drafters, each with several tabs, and opens the same letter in every
 * tab: each tab is a real Vaadin UI with its
 * push connection, subscribed to the letter's events and announced in the presence. The heap is
 * the used heap after repeated full GCs, with every tab on about:blank (signed in, no editor) and
 * then with every tab in the editor. Then one save by the first co-drafter must reach every tab
 * by push (the broadcast runs {@code UI.access} on the event thread), and the log must hold no
 * failed listener. Prints the classes that grew most per editor (HISTO, COMPONENTS lines: where
 * the heap goes) and one summary line. Run with bench/editor-heap.sh; not a test.
 *
 * <p>Arguments: editors (default 50), co-drafters (default 5; tabs are spread over them).
 */
public class EditorHeapBench {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("client")) {
            client(args[1], args[2], Integer.parseInt(args[3]), List.of(args[4].split(",")));
            System.exit(0);
        }
        int editors = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int people = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int code = 1;
        // Production mode, as the jar runs (development mode records a stack trace per component).
        var app = new RunningApp(Map.of("logging.level.root", "warn", "vaadin.productionMode", "true"));
        try {
            code = run(app, editors, people);
        } finally {
            app.close();
        }
        System.exit(code);
    }

    static int run(RunningApp app, int editors, int people) throws Exception {
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

        // The browser client runs in a JVM of its own (this same file, mode "client"), so that the
        // Playwright objects of its tabs are not counted in the application's heap.
        String editorUrl = app.baseUrl() + "/drafts/" + letterId;
        String javaBin = System.getProperty("java.home") + "/bin/java";
        Process client = new ProcessBuilder(
                        javaBin, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                        System.getProperty("bench.source", "bench/EditorHeapBench.java"),
                        "client", app.baseUrl(), editorUrl, Integer.toString(editors), String.join(",", emails))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        var fromClient = new java.io.BufferedReader(new java.io.InputStreamReader(client.getInputStream()));
        var toClient = new java.io.PrintWriter(client.getOutputStream(), true);
        expect(fromClient, "BLANK");
        var presence = app.bean(Presence.class);
        Thread.sleep(3000);
        long before = settledHeap();
        Map<String, long[]> histoBefore = histogram();
        dumpHeap("before");
        int beforeHere = here(presence, letterId, ids.get(0), emails.get(0));

        toClient.println("OPEN");
        String opened = expect(fromClient, "OPENED");
        Thread.sleep(3000);
        long afterHeap = settledHeap();
        int here = here(presence, letterId, ids.get(0), emails.get(0));
        printGrowth(histoBefore, histogram(), Math.max(1, here - beforeHere));
        dumpHeap("editors-open");

        // One save; every tab must show it by push, without a failed listener in the log.
        int logBefore = app.logLines().size();
        String marker = "Pushed to every editor " + UUID.randomUUID();
        Fixtures.actAs(ids.get(0), emails.get(0), false, false);
        letters.saveBlock(letterId, first.id(), first.version(), marker);
        Fixtures.actAsNobody();
        toClient.println("CHECK " + first.id() + " " + marker);
        int pushed = Integer.parseInt(expect(fromClient, "PUSHED").substring("PUSHED ".length()));
        List<String> failures = app.logLines().subList(logBefore, app.logLines().size()).stream()
                .filter(l -> l.contains("listener failed") || l.contains("Sign in first") || l.contains("Exception"))
                .toList();
        failures.stream().limit(3).forEach(l -> System.out.println("LOG " + l));
        // The floor: the same tabs on the dashboard, a small view with the same push connection.
        toClient.println("DASHBOARD");
        expect(fromClient, "DASHBOARD");
        Thread.sleep(3000);
        long dashboardHeap = settledHeap();
        int stillHere = here(presence, letterId, ids.get(0), emails.get(0)) - beforeHere;
        toClient.println("QUIT");
        client.waitFor();
        long perEditor = (afterHeap - before) / Math.max(1, here - beforeHere);
        long perDashboard = (dashboardHeap - before) / Math.max(1, editors);
        System.out.printf(
                "editor-heap-floor per-dashboard-tab-bytes=%d editors-still-open=%d (a signed-in Vaadin UI with its push connection and no editor)%n",
                perDashboard, stillHere);
        System.out.printf(
                "editor-heap editors=%d people=%d presence=%d used-before=%d used-after=%d per-editor-bytes=%d open-seconds=%s pushed=%d/%d listener-errors=%d target<=256000:%s%n",
                editors, people, here - beforeHere, before, afterHeap, perEditor, opened.substring("OPENED ".length()), pushed, editors,
                failures.size(), perEditor <= 256_000 && pushed == editors && failures.isEmpty() ? "met" : "NOT met");
        return 0;
    }

    /** How many editors are open on the letter, asked as a co-drafter (presence is for them only). */
    static int here(Presence presence, UUID letterId, UUID asId, String asEmail) {
        Fixtures.actAs(asId, asEmail, false, false);
        try {
            return presence.here(letterId).size();
        } finally {
            Fixtures.actAsNobody();
        }
    }

    /** Reads the client's lines until one starts with the word; returns that line. */
    static String expect(java.io.BufferedReader in, String word) throws java.io.IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith(word)) {
                return line;
            }
            System.out.println("client: " + line);
        }
        throw new IllegalStateException("the browser client ended before " + word);
    }

    /**
     * The browser side: signs every co-drafter in (one context each), warms the editor up once
     * per person, leaves every tab on about:blank and says BLANK; on OPEN opens the editor in
     * every tab and says OPENED with the seconds it took; on CHECK waits for the marker in the
     * block in every tab and says PUSHED with the count.
     */
    static void client(String base, String editorUrl, int editors, List<String> emails) throws Exception {
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
        try (var browser = new Browser()) {
            List<Page> pages = new ArrayList<>();
            List<BrowserContext> contexts = new ArrayList<>();
            for (String email : emails) {
                BrowserContext context = browser.newContext();
                // The machine may be busy: give every step time.
                context.setDefaultTimeout(180_000);
                context.setDefaultNavigationTimeout(180_000);
                contexts.add(context);
                Page login = context.newPage();
                signIn(login, base, email);
                // Warm up: the editor once per person, so that class loading and caches are not counted.
                login.navigate(editorUrl);
                waitForEditor(login);
                login.navigate("about:blank");
                pages.add(login);
            }
            while (pages.size() < editors) {
                pages.add(contexts.get(pages.size() % emails.size()).newPage());
            }
            System.out.println("BLANK");
            System.out.flush();
            String command;
            while ((command = in.readLine()) != null) {
                if (command.equals("OPEN")) {
                    long start = System.nanoTime();
                    for (Page p : pages) {
                        p.navigate(editorUrl, new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
                        waitForEditor(p);
                    }
                    System.out.printf("OPENED %.1f%n", (System.nanoTime() - start) / 1e9);
                    String shot = System.getenv("EDITOR_SCREENSHOT");
                    if (shot != null) {
                        // A look at what the tabs show, a block's tools on hover.
                        Page p = pages.get(0);
                        p.setViewportSize(1280, 900);
                        p.locator(".us-block-text").nth(3).hover();
                        p.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Paths.get(shot)));
                        p.setViewportSize(360, 780);
                        p.locator(".us-block-text").nth(3).click();
                        p.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Paths.get(shot.replace(".png", "-360.png"))));
                        p.keyboard().press("Escape");
                    }
                } else if (command.startsWith("CHECK ")) {
                    String[] parts = command.split(" ", 3);
                    int pushed = 0;
                    for (Page p : pages) {
                        try {
                            p.locator("[data-block='" + parts[1] + "'] .us-block-text")
                                    .filter(new Locator.FilterOptions().setHasText(parts[2]))
                                    .waitFor(new Locator.WaitForOptions().setTimeout(30_000));
                            pushed++;
                        } catch (RuntimeException e) {
                            // counted as not pushed
                        }
                    }
                    System.out.println("PUSHED " + pushed);
                } else if (command.equals("DASHBOARD")) {
                    for (Page p : pages) {
                        p.navigate(base + "/", new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
                        p.locator(".us-dashboard-head")
                                .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE).setTimeout(180_000));
                    }
                    System.out.println("DASHBOARD");
                } else if (command.equals("QUIT")) {
                    break;
                }
                System.out.flush();
            }
            for (BrowserContext c : contexts) {
                c.close();
            }
        }
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

    /**
     * With -Dbench.heapdump=DIR, writes DIR/editor-heap-STAGE.hprof (live objects only) for
     * referrer-chain analysis of the per-UI floor; without it, does nothing.
     */
    static void dumpHeap(String stage) throws Exception {
        String dir = System.getProperty("bench.heapdump");
        if (dir == null || dir.isBlank()) {
            return;
        }
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
        java.nio.file.Path file = java.nio.file.Path.of(dir, "editor-heap-" + stage + ".hprof");
        java.nio.file.Files.deleteIfExists(file);
        ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                .dumpHeap(file.toString(), true);
        System.out.println("HEAPDUMP " + stage + " " + file);
    }

    /** The live-object histogram of this JVM (jcmd GC.class_histogram): class -> {instances, bytes}. */
    static Map<String, long[]> histogram() throws Exception {
        // In-process diagnostic command: no attach (attaching to oneself can hang).
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                "gcClassHistogram", new Object[] {null}, new String[] {String[].class.getName()});
        Map<String, long[]> histo = new java.util.HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                histo.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        return histo;
    }

    /** The classes whose live bytes grew most with the editors open, per editor: where the heap goes. */
    static void printGrowth(Map<String, long[]> before, Map<String, long[]> after, int editors) {
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] {
                    e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
                    e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]}))
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(40)
                .forEach(e -> System.out.printf("HISTO %10d B/editor %8d obj/editor  %s%n",
                        e.getValue()[1] / editors, e.getValue()[0] / editors, e.getKey()));
        // Which components the editor is made of: the state nodes follow them.
        after.entrySet().stream()
                .filter(e -> e.getKey().startsWith("com.vaadin.flow.component.")
                        || e.getKey().startsWith("com.vaadin.flow.server.")
                        || e.getKey().startsWith("org.undersigned.")
                        || e.getKey().startsWith("org.atmosphere.")
                        || e.getKey().startsWith("org.apache.")
                        || e.getKey().startsWith("jakarta.")
                        || e.getKey().startsWith("org.springframework."))
                .filter(e -> !e.getKey().contains("$$Lambda") && !e.getKey().contains("nodefeature"))
                .map(e -> Map.entry(e.getKey(), e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0]))
                .filter(e -> e.getValue() >= editors)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(80)
                .forEach(e -> System.out.printf("COMPONENTS %6.1f per editor  %s%n", (double) e.getValue() / editors, e.getKey()));
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
