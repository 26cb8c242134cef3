import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Application;
import org.undersigned.Fixtures;
import org.undersigned.letter.BlockKind;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.NewLetter;
import org.undersigned.signing.InvitationService;
import org.undersigned.signing.NewInvitee;

/**
 * Signers for the fault scripts (bench/faults/*.sh), against an app started from the jar on a
 * standalone PostgreSQL. Two modes, run on the test classpath:
 *
 * <ul>
 *   <li>{@code setup JDBC-URL KEY-DIR N TOKENS-FILE}: starts the application once against that
 *       database (no web traffic, no mail dispatch), creates one letter open for signatures with N
 *       invitations, writes "email TAB token" lines, and stops.
 *   <li>{@code storm BASE-URL JDBC-URL TOKENS-FILE THREADS DEADLINE-SECONDS OUT-DIR}: each signer
 *       goes through the HTTP flow of the signing pages without JavaScript (as bench/SigningBench
 *       does); a signer whose flow breaks (app gone, database away, session lost) starts again
 *       from the link after a pause, as a person would, until the deadline. Writes
 *       OUT-DIR/confirmed.txt (emails that saw the done page) and OUT-DIR/events.tsv (epoch ms,
 *       step, HTTP status or -1, class: ok | app-error-page | bad-response | no-connection),
 *       and prints one line.
 * </ul>
 */
public class FaultSigners {

    static final Pattern LINK = Pattern.compile("/sign/([A-Za-z0-9_-]{43})");
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern INVITATION = Pattern.compile("name=\"invitation\" value=\"([^\"]+)\"");
    static final Pattern CODE = Pattern.compile("(?m)^\\u200F?(\\d{6})\\s*$");
    /** What must never reach a user: a Java stack trace or exception name, SQL state. */
    static final Pattern LEAK = Pattern.compile("Exception|\\tat |\\bat org\\.|\\bat java\\.|SQLState|PSQL|Hikari|springframework");

    public static void main(String[] args) throws Exception {
        if (args[0].equals("setup")) {
            setup(args[1], args[2], Integer.parseInt(args[3]), Path.of(args[4]));
        } else {
            storm(args[1], args[2], Path.of(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]), Path.of(args[6]));
        }
        System.exit(0);
    }

    static void setup(String jdbcUrl, String keyDir, int n, Path out) throws Exception {
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
            UUID org = UUID.randomUUID();
            String domain = "fault" + System.currentTimeMillis() + ".example.org";
            jdbc.sql("INSERT INTO organisation (id, name, name_key, country, created_at) VALUES (?, ?, ?, 'AZ', now())")
                    .params(org, "Fault Org " + domain, "fault org " + domain)
                    .update();
            jdbc.sql("INSERT INTO organisation_domain (organisation_id, domain) VALUES (?, ?)").params(org, domain).update();
            UUID editor = UUID.randomUUID();
            String editorMail = "editor@" + domain;
            jdbc.sql("INSERT INTO account (id, email, display_name, email_verified_at, created_at) VALUES (?, ?, 'Editor', now(), now())")
                    .params(editor, editorMail)
                    .update();
            jdbc.sql("INSERT INTO membership (organisation_id, account_id, role, created_at) VALUES (?, ?, 'OWNER', now())")
                    .params(org, editor)
                    .update();
            Fixtures.actAs(editor, editorMail, false, false);
            var letters = ctx.getBean(LetterService.class);
            UUID letterId = letters.create(new NewLetter("Fault letter", "en", org, "1 May 2026", "Tbilisi", null));
            var p = letters.blocks(letterId).stream().filter(b -> b.kind() == BlockKind.PARAGRAPH).findFirst().orElseThrow();
            letters.saveBlock(letterId, p.id(), p.version(), "We stand with the defenders of human rights. ".repeat(20));
            List<NewInvitee> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                rows.add(new NewInvitee("Signer " + i, "Director", "Fault Org", "signer" + i + "@" + domain, "en"));
            }
            ctx.getBean(InvitationService.class).addAll(letterId, rows);
            ctx.getBean(InvitationService.class).openForSignatures(letterId);
            Fixtures.actAsNobody();
            List<String> lines = new ArrayList<>();
            for (NewInvitee r : rows) {
                String body = jdbc.sql("SELECT text_body FROM mail_outbox WHERE recipient = ? AND kind = 'SIGNING_INVITATION' ORDER BY id DESC LIMIT 1")
                        .params(r.email())
                        .query(String.class)
                        .single();
                Matcher m = LINK.matcher(body);
                if (!m.find()) {
                    throw new IllegalStateException("no link in the invitation to " + r.email());
                }
                lines.add(r.email() + "\t" + m.group(1));
            }
            Files.write(out, lines);
            System.out.println("setup: letter " + letterId + " with " + n + " invitations");
        } finally {
            ctx.close();
        }
    }

    record Event(long at, String step, int status, String kind) {}

    static final List<Event> events = Collections.synchronizedList(new ArrayList<>());

    /** One signer's browser: a session cookie and the last form's fields. */
    static final class Browser {
        final HttpClient http;
        final String base;
        String cookie = "";
        String csrf = "";
        String invitation = "";

        Browser(HttpClient http, String base) {
            this.http = http;
            this.base = base;
        }

        HttpResponse<String> get(String step, String path, int expected) throws Exception {
            var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
            return send(step, b, expected);
        }

        HttpResponse<String> post(String step, String path, Map<String, String> fields, int expected) throws Exception {
            var form = new LinkedHashMap<String, String>();
            form.put("_csrf", csrf);
            if (!invitation.isEmpty()) {
                form.put("invitation", invitation);
            }
            form.putAll(fields);
            String body = form.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            var b = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            return send(step, b, expected);
        }

        private HttpResponse<String> send(String step, HttpRequest.Builder b, int expected) throws Exception {
            if (!cookie.isEmpty()) {
                b.header("Cookie", cookie);
            }
            HttpResponse<String> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                events.add(new Event(System.currentTimeMillis(), step, -1, "no-connection"));
                throw new Broken(step + ": no connection");
            }
            String kind;
            if (r.statusCode() == expected) {
                kind = "ok";
            } else if (LEAK.matcher(r.body()).find()) {
                kind = "bad-response";
            } else if (r.statusCode() >= 500 && !r.body().contains("— Undersigned</title>")) {
                kind = "bad-response";
            } else {
                kind = "app-error-page";
            }
            events.add(new Event(System.currentTimeMillis(), step, r.statusCode(), kind));
            if (kind.equals("bad-response")) {
                Files.writeString(Path.of(System.getProperty("bad.file", "/dev/null")),
                        step + " " + r.statusCode() + "\n" + r.body() + "\n----\n",
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
            r.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("JSESSIONID="))
                    .findFirst()
                    .ifPresent(c -> cookie = c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')));
            Matcher m = CSRF.matcher(r.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            Matcher i = INVITATION.matcher(r.body());
            if (i.find()) {
                invitation = i.group(1);
            }
            if (r.statusCode() != expected) {
                throw new Broken(step + ": HTTP " + r.statusCode());
            }
            return r;
        }
    }

    static final class Broken extends Exception {
        Broken(String m) {
            super(m, null, false, false);
        }
    }

    static void storm(String base, String jdbcUrl, Path tokensFile, int threads, int deadlineSeconds, Path outDir)
            throws Exception {
        List<String[]> signers = Files.readAllLines(tokensFile).stream().map(l -> l.split("\t")).toList();
        var queue = new ConcurrentLinkedQueue<String[]>(signers);
        var confirmed = Collections.synchronizedList(new ArrayList<String>());
        var gaveUp = new AtomicInteger();
        var retries = new AtomicInteger();
        long deadline = System.currentTimeMillis() + deadlineSeconds * 1000L;
        var http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        System.setProperty("bad.file", outDir.resolve("bad-responses.txt").toString());
        var done = new CountDownLatch(threads);
        var pool = Executors.newFixedThreadPool(threads);
        long start = System.currentTimeMillis();
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                try {
                    Db db = new Db(jdbcUrl);
                    String[] s;
                    while ((s = queue.poll()) != null && System.currentTimeMillis() < deadline) {
                        boolean ok = false;
                        while (!ok && System.currentTimeMillis() < deadline) {
                            try {
                                ok = signOnce(new Browser(http, base), s[0], s[1], db);
                            } catch (Broken e) {
                                retries.incrementAndGet();
                                Thread.sleep(300);
                            }
                            if (!ok && !stillSignable(db, s[0])) {
                                break;
                            }
                        }
                        if (ok) {
                            confirmed.add(s[0]);
                        } else {
                            gaveUp.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    System.err.println("client thread ended: " + e);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        pool.shutdown();
        double seconds = (System.currentTimeMillis() - start) / 1000.0;
        Files.write(outDir.resolve("confirmed.txt"), confirmed);
        try (var w = new PrintWriter(Files.newBufferedWriter(outDir.resolve("events.tsv")))) {
            synchronized (events) {
                for (Event e : events) {
                    w.println(e.at() + "\t" + e.step() + "\t" + e.status() + "\t" + e.kind());
                }
            }
        }
        System.out.printf(
                "storm: %d signers, %d confirmed, %d not confirmed, %d restarts of a flow, %.1f s%n",
                signers.size(), confirmed.size(), gaveUp.get() + queue.size(), retries.get(), seconds);
    }

    /** Whether the invitation can still be signed (false once it is signed: the link is used up). */
    /** A new connection per query, so that a restarted database is simply picked up again. */
    record Db(String url) {
        Connection open() throws java.sql.SQLException {
            return DriverManager.getConnection(url, "postgres", "");
        }
    }

    static boolean stillSignable(Db db, String email) {
        try (var c = db.open(); var st = c.prepareStatement("SELECT state FROM invitation WHERE email = ?")) {
            st.setString(1, email);
            try (var rs = st.executeQuery()) {
                return rs.next() && !rs.getString(1).equals("SIGNED");
            }
        } catch (Exception e) {
            return true; // the database is away: try again later
        }
    }

    static boolean signOnce(Browser b, String email, String token, Db db) throws Exception {
        b.get("landing", "/sign/" + token, 200);
        b.post("continue", "/sign/" + token + "/continue", Map.of(), 303);
        b.get("review", "/sign/review", 200);
        b.post("ask-code", "/sign/review", Map.of("name", "Signer", "role", "Director", "organisation", "Fault Org", "consent", "on"), 303);
        String code = null;
        try (var c = db.open();
                var st = c.prepareStatement("SELECT text_body FROM mail_outbox WHERE recipient = ? AND kind = 'SIGNING_CODE' ORDER BY id DESC LIMIT 1")) {
            st.setString(1, email);
            try (var rs = st.executeQuery()) {
                if (rs.next()) {
                    Matcher m = CODE.matcher(rs.getString(1));
                    if (m.find()) {
                        code = m.group(1);
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new Broken("read-code: database away");
        }
        if (code == null) {
            throw new Broken("read-code: no code mail");
        }
        b.post("sign", "/sign/code", Map.of("code", code), 303);
        var d = b.get("done", "/sign/done", 200);
        return d.body().contains("you signed");
    }
}
