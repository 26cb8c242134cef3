import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.undersigned.Application;
import org.undersigned.Fixtures;
import org.undersigned.letter.BlockKind;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.NewLetter;
import org.undersigned.signing.InvitationService;
import org.undersigned.signing.NewInvitee;

/**
 * The Java side of bench/two-instances.sh, run on the test classpath:
 *
 * <ul>
 *   <li>{@code setup JDBC-URL KEY-DIR OUT-FILE INVITEES}: starts the application once against the
 *       shared database (no mail dispatch, no jobs), creates an organisation with two editors (Alice
 *       and Bob, passwords set), a draft letter, and a second letter open for signatures with
 *       INVITEES invitations; writes their ids as properties.
 *   <li>{@code codraft URL-A URL-B SETUP-FILE}: Alice signs in on instance A and Bob on instance B
 *       (two browsers, Playwright with Debian's Chromium), both open the draft; Alice edits the
 *       first paragraph on A, {@code -Drounds=N} times (default 20); each text must appear in
 *       Bob's editor on B without a reload. Prints one evidence line with the delays (p50, p95,
 *       max) from Alice's "Done" to the text shown on B.
 * </ul>
 */
public class TwoInstances {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("setup")) {
            setup(args[1], args[2], Path.of(args[3]), Integer.parseInt(args[4]));
        } else {
            codraft(args[1], args[2], Path.of(args[3]));
        }
        System.exit(0);
    }

    static void setup(String jdbcUrl, String keyDir, Path out, int invitees) throws Exception {
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(Application.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + jdbcUrl,
                        "--spring.datasource.username=postgres",
                        "--undersigned.key-directory=" + keyDir,
                        "--undersigned.mail.initial-delay-millis=86400000",
                        "--undersigned.signing.job-millis=86400000",
                        "--vaadin.devmode.devTools.enabled=false",
                        "--logging.level.root=warn");
        try {
            var jdbc = ctx.getBean(JdbcClient.class);
            var encoder = ctx.getBean(PasswordEncoder.class);
            UUID org = UUID.randomUUID();
            String domain = "two" + System.currentTimeMillis() + ".example.org";
            jdbc.sql("INSERT INTO organisation (id, name, name_key, country, created_at) VALUES (?, ?, ?, 'GE', now())")
                    .params(org, "Two Instances " + domain, "two instances " + domain)
                    .update();
            jdbc.sql("INSERT INTO organisation_domain (organisation_id, domain) VALUES (?, ?)").params(org, domain).update();
            List<UUID> people = new ArrayList<>();
            for (String name : List.of("alice", "bob")) {
                UUID id = UUID.randomUUID();
                jdbc.sql("""
                                INSERT INTO account (id, email, display_name, password_hash, email_verified_at, created_at)
                                VALUES (?, ?, ?, ?, now(), now())""")
                        .params(id, name + "@" + domain, name, encoder.encode(Fixtures.PASSWORD))
                        .update();
                jdbc.sql("INSERT INTO membership (organisation_id, account_id, role, created_at) VALUES (?, ?, 'OWNER', now())")
                        .params(org, id)
                        .update();
                people.add(id);
            }
            Fixtures.actAs(people.get(0), "alice@" + domain, false, false);
            var letters = ctx.getBean(LetterService.class);
            UUID draft = letters.create(new NewLetter("Two instances, one letter", "en", org, null, null, null));
            var paragraph = letters.blocks(draft).stream()
                    .filter(b -> b.kind() == BlockKind.PARAGRAPH)
                    .findFirst()
                    .orElseThrow();
            UUID open = letters.create(new NewLetter("Reminders run once", "en", org, "1 May 2026", "Tbilisi", null));
            var p = letters.blocks(open).stream().filter(b -> b.kind() == BlockKind.PARAGRAPH).findFirst().orElseThrow();
            letters.saveBlock(open, p.id(), p.version(), "We stand with the defenders of human rights.");
            List<NewInvitee> rows = new ArrayList<>();
            for (int i = 0; i < invitees; i++) {
                rows.add(new NewInvitee("Invitee " + i, "Director", "Two Org", "invitee" + i + "@" + domain, "en"));
            }
            var invitations = ctx.getBean(InvitationService.class);
            invitations.addAll(open, rows);
            invitations.openForSignatures(open);
            Fixtures.actAsNobody();
            var props = new Properties();
            props.setProperty("draft", draft.toString());
            props.setProperty("block", paragraph.id().toString());
            props.setProperty("alice", "alice@" + domain);
            props.setProperty("bob", "bob@" + domain);
            props.setProperty("open", open.toString());
            try (var w = Files.newBufferedWriter(out)) {
                props.store(w, null);
            }
        } finally {
            ctx.close();
        }
    }

    static void codraft(String a, String b, Path setupFile) throws Exception {
        var props = new Properties();
        try (var r = Files.newBufferedReader(setupFile)) {
            props.load(r);
        }
        try (var playwright = Playwright.create();
                var browser = playwright
                        .chromium()
                        .launch(new BrowserType.LaunchOptions()
                                .setExecutablePath(Paths.get("/usr/bin/chromium"))
                                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage")));
                var ca = browser.newContext();
                var cb = browser.newContext()) {
            // A loaded machine can take a minute to render a Vaadin view.
            PlaywrightAssertions.setDefaultAssertionTimeout(120_000);
            ca.setDefaultTimeout(120_000);
            cb.setDefaultTimeout(120_000);
            Page pa = signIn(ca.newPage(), a, props.getProperty("alice"));
            Page pb = signIn(cb.newPage(), b, props.getProperty("bob"));
            pa.navigate(a + "/drafts/" + props.getProperty("draft"));
            pb.navigate(b + "/drafts/" + props.getProperty("draft"));
            Locator blockA = pa.locator("[data-block='" + props.getProperty("block") + "']");
            Locator blockB = pb.locator("[data-block='" + props.getProperty("block") + "']");
            assertThat(blockA.locator(".us-block-text")).isVisible();
            assertThat(blockB.locator(".us-block-text")).isVisible();
            // ROUNDS edits through Alice's editor on A, each awaited in Bob's editor on B: the delay
            // from her click on "Done" to the text shown on B (save on A, commit, NOTIFY, B's LISTEN,
            // B's UI.access and WebSocket push, Chromium's render). Percentiles as bench/propagation.sh.
            int rounds = Integer.parseInt(System.getProperty("rounds", "20"));
            List<Double> delays = new ArrayList<>();
            String text = "";
            for (int i = 0; i < rounds; i++) {
                text = "Edit " + (i + 1) + " saved on instance A at " + System.currentTimeMillis()
                        + " — ქართული, Azərbaycan.";
                blockA.locator(".us-block-text").click();
                blockA.locator("textarea").fill(text);
                long t0 = System.nanoTime();
                blockA.getByText("Done").click();
                assertThat(blockB.locator(".us-block-text")).hasText(text);
                delays.add((System.nanoTime() - t0) / 1e6);
                assertThat(blockA.locator(".us-block-text")).hasText(text);
            }
            List<Double> sorted = delays.stream().sorted().toList();
            System.out.printf(
                    java.util.Locale.ROOT,
                    "co-drafting: %d edits in Alice's editor on A (%s), %d/%d shown in Bob's open editor on B (%s) without a"
                            + " reload; click on A to text on B p50 %.0f ms, p95 %.0f ms, max %.0f ms; last: \"%s\"%n",
                    rounds,
                    a,
                    delays.size(),
                    rounds,
                    b,
                    percentile(sorted, 50),
                    percentile(sorted, 95),
                    sorted.getLast(),
                    text);
        }
    }

    static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static Page signIn(Page page, String base, String email) {
        page.navigate(base + "/login");
        page.locator("input[name=username]").fill(email);
        page.locator("input[name=password]").fill(Fixtures.PASSWORD);
        page.locator("vaadin-button[slot=submit], button[type=submit]").first().click();
        page.waitForURL(u -> !u.contains("/login"));
        return page;
    }
}
