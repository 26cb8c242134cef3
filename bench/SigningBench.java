import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Fixtures;
import org.undersigned.e2e.RunningApp;
import org.undersigned.letter.BlockKind;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.NewLetter;
import org.undersigned.signing.InvitationService;
import org.undersigned.signing.NewInvitee;

/**
 * End-to-end verified signings per second through the HTTP flow of the signing pages, against the
 * whole application on the test PostgreSQL, its mail sent over SMTP to a sink in this JVM that
 * hands each code to the signer waiting for it ({@code -Dbench.mail=capture}: mail captured, each
 * code read from the outbox). Then the retained heap of a signing session.
 * Prints one summary line per measure. Run with bench/run-signing.sh; not a test.
 *
 * <p>Arguments: signers (default 3000), client threads (default 4: two cores are busy with four
 * signers in flight, and more only add switching), sessions for the heap measure (default 2000),
 * warm-up signers run through the same flow first and not counted (default 3000).
 */
public class SigningBench {

    static final Pattern LINK = Pattern.compile("/sign/([A-Za-z0-9_-]{43})");
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern INVITATION = Pattern.compile("name=\"invitation\" value=\"([^\"]+)\"");
    static final Pattern CODE = Pattern.compile("(?m)^\\u200F?(\\d{6})\\s*$");
    /** -Dbench.statements=true with -Dundersigned.test.pg.preload=pg_stat_statements: the statements by time. */
    static final boolean STATEMENTS = Boolean.getBoolean("bench.statements");

    static void printStatements(JdbcClient jdbc, int signings) {
        var rows = jdbc.sql("""
                SELECT calls, total_exec_time, total_plan_time, plans, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) AS q
                FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 40""").query().listOfRows();
        double all = jdbc.sql("SELECT sum(total_exec_time) FROM pg_stat_statements").query(Double.class).single();
        double plan = jdbc.sql("SELECT sum(total_plan_time) FROM pg_stat_statements").query(Double.class).single();
        System.out.printf("signing-bench-statements per-signing: plan=%.3fms%n", plan / signings);
        long calls = jdbc.sql("SELECT sum(calls)::bigint FROM pg_stat_statements").query(Long.class).single();
        System.out.printf("signing-bench-statements per-signing: calls=%.1f exec=%.3fms%n", (double) calls / signings, all / signings);
        for (var r : rows) {
            System.out.printf("  %7.2f calls %8.4f ms exec %8.4f ms plan (%.2f plans) %s%n", ((Number) r.get("calls")).doubleValue() / signings,
                    ((Number) r.get("total_exec_time")).doubleValue() / signings,
                    ((Number) r.get("total_plan_time")).doubleValue() / signings,
                    ((Number) r.get("plans")).doubleValue() / signings, r.get("q"));
        }
    }

    /**
     * Where the codes are read: a local SMTP sink in this JVM (default; the app sends over SMTP as
     * it would in production), or {@code -Dbench.mail=capture}: the app captures its mail and the
     * code is read from the outbox table.
     */
    static final CodeSink SINK = "capture".equals(System.getProperty("bench.mail")) ? null : CodeSink.start();

    /**
     * A minimal SMTP server on a free local port that accepts every message and keeps, per
     * recipient, the 6-digit code of the last message that carries one on a line of its own (the
     * signing code mail's plain-text part); everything else is read and dropped.
     */
    record CodeSink(java.net.ServerSocket server, java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.CompletableFuture<String>> codes) {
        static CodeSink start() {
            try {
                var server = new java.net.ServerSocket(0, 200, java.net.InetAddress.getLoopbackAddress());
                var sink = new CodeSink(server, new java.util.concurrent.ConcurrentHashMap<>());
                Thread.ofPlatform().daemon().name("bench-smtp-accept").start(() -> {
                    while (!server.isClosed()) {
                        try {
                            var socket = server.accept();
                            Thread.ofPlatform().daemon().name("bench-smtp").start(() -> sink.serve(socket));
                        } catch (java.io.IOException e) {
                            return;
                        }
                    }
                });
                return sink;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        int port() {
            return server.getLocalPort();
        }

        /** Waits for the code mailed to this address (at most 30 s) and forgets it. */
        String code(String recipient) throws Exception {
            try {
                return codes.computeIfAbsent(recipient, r -> new java.util.concurrent.CompletableFuture<>())
                        .get(30, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                codes.remove(recipient);
            }
        }

        void serve(java.net.Socket socket) {
            try (socket;
                    var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
                    var out = new java.io.BufferedOutputStream(socket.getOutputStream())) {
                say(out, "220 sink ESMTP");
                String rcpt = "";
                String line;
                while ((line = in.readLine()) != null) {
                    String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                    switch (cmd) {
                        case "EHLO" -> say(out, "250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8");
                        case "RCPT" -> {
                            rcpt = line.replaceAll("(?i)^RCPT TO:\\s*<?([^>]*)>?.*$", "$1");
                            say(out, "250 OK");
                        }
                        case "DATA" -> {
                            say(out, "354 go ahead");
                            String code = null;
                            String l;
                            while ((l = in.readLine()) != null && !l.equals(".")) {
                                if (code == null && l.length() == 6 && l.chars().allMatch(Character::isDigit)) {
                                    code = l;
                                }
                            }
                            if (code != null) {
                                codes.computeIfAbsent(rcpt, r -> new java.util.concurrent.CompletableFuture<>()).complete(code);
                            }
                            say(out, "250 OK queued");
                        }
                        case "QUIT" -> {
                            say(out, "221 bye");
                            return;
                        }
                        default -> say(out, "250 OK");
                    }
                }
            } catch (Exception e) {
                // the app closed the connection
            }
        }

        static void say(java.io.OutputStream out, String s) throws java.io.IOException {
            out.write((s + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    static final String[] STEPS = {"landing", "continue", "review", "ask-code", "read-code", "sign", "done"};

    public static void main(String[] args) throws Exception {
        int signers = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int heapSessions = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 3000;
        var settings = new java.util.HashMap<>(Map.of(
                "undersigned.signing.codes-per-client", "100000000",
                "undersigned.signing.wrong-links-per-client", "100000000",
                "undersigned.signing.wrong-codes-per-client", "100000000",
                "logging.level.root", "warn",
                "server.tomcat.threads.max", "64",
                "spring.datasource.hikari.maximum-pool-size", System.getProperty("bench.pool", "24")));
        if (SINK != null) {
            settings.put("spring.mail.host", "127.0.0.1");
            settings.put("spring.mail.port", Integer.toString(SINK.port()));
        }
        var app = new RunningApp(settings);
        try {
            var jdbc = app.bean(JdbcClient.class);
            if (SINK == null) {
                // Bench only, capture mode: the code is looked up in the outbox by recipient, as a
                // mailbox would; the outbox has no such index.
                jdbc.sql("CREATE INDEX IF NOT EXISTS bench_outbox_recipient ON mail_outbox (recipient, id)").update();
            }
            List<String> emails = setUp(app, jdbc, warmup + signers + heapSessions);
            if (warmup > 0) {
                // The same flow, not counted: the JIT compiles the hot paths of a long-running
                // server during the first minute, and that compiling is not the server's rate.
                System.out.println("warm-up with " + warmup + " signers:");
                run(app, jdbc, emails.subList(0, warmup), threads);
            }
            List<String> signing = emails.subList(warmup, warmup + signers);
            List<String> idle = emails.subList(warmup + signers, emails.size());
            run(app, jdbc, signing, threads);
            heap(app, jdbc, idle);
            long hold = Long.getLong("bench.hold", 0);
            if (hold > 0) {
                // -Dbench.hold=SECONDS keeps the database up afterwards, to look at it with psql.
                System.out.println("holding the database for " + hold + " s: "
                        + jdbc.sql("SELECT current_setting('port')").query(String.class).single());
                Thread.sleep(hold * 1000);
            }
        } finally {
            app.close();
        }
        System.exit(0);
    }

    static List<String> setUp(RunningApp app, JdbcClient jdbc, int n) {
        UUID org = UUID.randomUUID();
        jdbc.sql("INSERT INTO organisation (id, name, name_key, country, created_at) VALUES (?, 'Bench Org', 'bench org', 'AZ', now())")
                .params(org)
                .update();
        jdbc.sql("INSERT INTO organisation_domain (organisation_id, domain) VALUES (?, 'bench.example.org')").params(org).update();
        UUID editor = UUID.randomUUID();
        jdbc.sql("INSERT INTO account (id, email, display_name, email_verified_at, created_at) VALUES (?, 'editor@bench.example.org', 'Editor', now(), now())")
                .params(editor)
                .update();
        jdbc.sql("INSERT INTO membership (organisation_id, account_id, role, created_at) VALUES (?, ?, 'OWNER', now())")
                .params(org, editor)
                .update();
        Fixtures.actAs(editor, "editor@bench.example.org", false, false);
        var letters = app.bean(LetterService.class);
        UUID letterId = letters.create(new NewLetter("Bench letter", "en", org, "1 May 2026", "Tbilisi", null));
        var p = letters.blocks(letterId).stream().filter(b -> b.kind() == BlockKind.PARAGRAPH).findFirst().orElseThrow();
        letters.saveBlock(letterId, p.id(), p.version(), "We stand with the defenders of human rights. ".repeat(40));
        var invitations = app.bean(InvitationService.class);
        List<String> emails = new ArrayList<>();
        List<NewInvitee> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String email = "signer" + i + "@bench.example.org";
            emails.add(email);
            rows.add(new NewInvitee("Signer " + i, "Director", "Bench Org", email, "en"));
        }
        invitations.addAll(letterId, rows);
        invitations.openForSignatures(letterId);
        Fixtures.actAsNobody();
        if (SINK != null) {
            // Not timed: the invitations go out over SMTP before the run begins.
            long t0 = System.nanoTime();
            while (jdbc.sql("SELECT count(*) FROM mail_outbox WHERE status = 'PENDING'").query(Long.class).single() > 0) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            System.out.printf("%d invitations sent over SMTP in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        }
        return emails;
    }

    /** Each signer's link, from the invitation mails in the outbox (before the timed run). */
    static List<String> invitationLinks(JdbcClient jdbc, List<String> emails) {
        var byRecipient = new java.util.HashMap<String, String>();
        jdbc.sql("SELECT recipient, text_body FROM mail_outbox WHERE kind = 'SIGNING_INVITATION' ORDER BY id")
                .query((rs, n) -> byRecipient.put(rs.getString(1), rs.getString(2)))
                .list();
        return emails.stream().map(e -> find(LINK, byRecipient.getOrDefault(e, ""))).toList();
    }

    static String lastMail(JdbcClient jdbc, String to, String kind) {
        return jdbc.sql("SELECT text_body FROM mail_outbox WHERE recipient = ? AND kind = ? ORDER BY id DESC LIMIT 1")
                .params(to, kind)
                .query(String.class)
                .optional()
                .orElse("");
    }

    static String find(Pattern p, String s) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            throw new IllegalStateException("not found: " + p);
        }
        return m.group(1);
    }

    /** A response as the bench needs it. */
    record Response(int status, List<String> setCookies, String body) {}

    /** How a signer's requests travel: {@link Wire} (default) or the JDK's client ({@code -Dbench.client=jdk}). */
    interface Transport {
        Response send(String method, String path, List<String[]> headers, String body) throws Exception;
    }

    /** java.net.http, as the bench used first; it costs much of the "rest of the JVM" CPU line. */
    static final class JdkTransport implements Transport {
        final HttpClient http;
        final String base;

        JdkTransport(HttpClient http, String base) {
            this.http = http;
            this.base = base;
        }

        public Response send(String method, String path, List<String[]> headers, String body) throws Exception {
            var b = HttpRequest.newBuilder(URI.create(base + path));
            b = method.equals("GET") ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString(body));
            for (String[] h : headers) {
                b.header(h[0], h[1]);
            }
            var r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().allValues("Set-Cookie"), r.body());
        }
    }

    /**
     * Plain HTTP/1.1 with keep-alive over one socket per client thread, as a browser keeps its
     * connection: the request written in one go, the response read by Content-Length or chunks.
     */
    static final class Wire implements Transport {
        final String host;
        final int port;
        java.net.Socket socket;
        java.io.BufferedInputStream in;
        java.io.OutputStream out;

        Wire(String base) {
            URI u = URI.create(base);
            this.host = u.getHost();
            this.port = u.getPort();
        }

        public Response send(String method, String path, List<String[]> headers, String body) throws Exception {
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            var req = new StringBuilder(256 + content.length);
            req.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
                    .append("\r\n");
            for (String[] h : headers) {
                req.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            if (!method.equals("GET")) {
                req.append("Content-Length: ").append(content.length).append("\r\n");
            }
            req.append("\r\n").append(body);
            byte[] bytes = req.toString().getBytes(StandardCharsets.UTF_8);
            boolean fresh = socket == null;
            try {
                if (fresh) {
                    connect();
                }
                out.write(bytes);
                out.flush();
                return read();
            } catch (java.io.IOException e) {
                close();
                if (fresh) {
                    throw e;
                }
                // The server closed an idle or used-up keep-alive connection: once more on a new one.
                connect();
                out.write(bytes);
                out.flush();
                return read();
            }
        }

        void connect() throws java.io.IOException {
            socket = new java.net.Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 16384);
            out = socket.getOutputStream();
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (java.io.IOException ignored) {
                // closing anyway
            }
            socket = null;
        }

        Response read() throws java.io.IOException {
            String status = line();
            if (status == null) {
                throw new java.io.EOFException("connection closed");
            }
            int code = Integer.parseInt(status.substring(9, 12));
            List<String> cookies = new ArrayList<>();
            int length = -1;
            boolean chunked = false, closing = false;
            String h;
            while ((h = line()) != null && !h.isEmpty()) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "set-cookie" -> cookies.add(value);
                    case "content-length" -> length = Integer.parseInt(value);
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    case "connection" -> closing = value.equalsIgnoreCase("close");
                    default -> {}
                }
            }
            var body = new java.io.ByteArrayOutputStream();
            if (chunked) {
                int size;
                while ((size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0) {
                    body.write(in.readNBytes(size));
                    line();
                }
                while ((h = line()) != null && !h.isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                body.write(in.readNBytes(length));
            }
            if (closing) {
                close();
            }
            return new Response(code, cookies, body.toString(StandardCharsets.UTF_8));
        }

        private String line() throws java.io.IOException {
            var b = new StringBuilder();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    int n = b.length();
                    return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
                }
                b.append((char) c);
            }
            return b.isEmpty() ? null : b.toString();
        }
    }

    /** One signer's browser: a session cookie and the last form's fields. */
    static final class Signer {
        final Transport http;
        String cookie = "";
        String csrf = "";
        String invitation = "";

        Signer(Transport http) {
            this.http = http;
        }

        Response get(String path) throws Exception {
            return keep(http.send("GET", path, withCookie(new ArrayList<>()), ""));
        }

        Response post(String path, Map<String, String> fields) throws Exception {
            var form = new java.util.LinkedHashMap<String, String>();
            form.put("_csrf", csrf);
            if (!invitation.isEmpty()) {
                form.put("invitation", invitation);
            }
            form.putAll(fields);
            String body = form.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            var headers = new ArrayList<String[]>();
            headers.add(new String[] {"Content-Type", "application/x-www-form-urlencoded"});
            return keep(http.send("POST", path, withCookie(headers), body));
        }

        private List<String[]> withCookie(List<String[]> headers) {
            if (!cookie.isEmpty()) {
                headers.add(new String[] {"Cookie", cookie});
            }
            return headers;
        }

        private Response keep(Response r) {
            r.setCookies().stream()
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
            return r;
        }
    }

    static void expect(Response r, int status, String step) {
        if (r.status() != status) {
            throw new IllegalStateException(step + ": HTTP " + r.status());
        }
    }

    static final boolean JDK_CLIENT = "jdk".equals(System.getProperty("bench.client"));

    static void run(RunningApp app, JdbcClient jdbc, List<String> emails, int threads) throws Exception {
        var http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newFixedThreadPool(4))
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        List<String> tokens = invitationLinks(jdbc, emails);
        var queue = new ConcurrentLinkedQueue<Integer>();
        for (int i = 0; i < emails.size(); i++) {
            queue.add(i);
        }
        long[][] times = new long[STEPS.length][emails.size()];
        var ok = new AtomicInteger();
        var errors = new AtomicInteger();
        var firstError = new java.util.concurrent.atomic.AtomicReference<String>();
        var done = new CountDownLatch(threads);
        int before = jdbc.sql("SELECT count(*) FROM signature WHERE withdrawn_at IS NULL").query(Integer.class).single();
        jdbc.sql("SELECT pg_stat_reset()").query().listOfRows();
        if (STATEMENTS) {
            jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
            jdbc.sql("ALTER SYSTEM SET pg_stat_statements.track_planning = on").update();
            jdbc.sql("SELECT pg_reload_conf()").query().listOfRows();
            jdbc.sql("SELECT pg_stat_statements_reset()").query().listOfRows();
        }
        var cpu = new CpuMeter(jdbc);
        long start = System.nanoTime();
        var pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                Transport transport = JDK_CLIENT ? new JdkTransport(http, app.baseUrl()) : new Wire(app.baseUrl());
                Integer k;
                while ((k = queue.poll()) != null) {
                    try {
                        var s = new Signer(transport);
                        String token = tokens.get(k);
                        long t0 = System.nanoTime();
                        expect(s.get("/sign/" + token), 200, "landing");
                        long t1 = System.nanoTime();
                        expect(s.post("/sign/" + token + "/continue", Map.of()), 303, "continue");
                        long t2 = System.nanoTime();
                        expect(s.get("/sign/review"), 200, "review");
                        long t3 = System.nanoTime();
                        expect(s.post("/sign/review", Map.of("name", "Signer " + k, "role", "Director", "organisation", "Bench Org", "consent", "on")), 303, "ask-code");
                        long t4 = System.nanoTime();
                        String code = SINK != null ? SINK.code(emails.get(k)) : find(CODE, lastMail(jdbc, emails.get(k), "SIGNING_CODE"));
                        long t5 = System.nanoTime();
                        expect(s.post("/sign/code", Map.of("code", code)), 303, "sign");
                        long t6 = System.nanoTime();
                        var d = s.get("/sign/done");
                        expect(d, 200, "done");
                        if (!d.body().contains("Thank you: you signed")) {
                            throw new IllegalStateException("done: no signature shown");
                        }
                        long t7 = System.nanoTime();
                        long[] marks = {t0, t1, t2, t3, t4, t5, t6, t7};
                        for (int i = 0; i < STEPS.length; i++) {
                            times[i][k] = marks[i + 1] - marks[i];
                        }
                        ok.incrementAndGet();
                    } catch (Exception e) {
                        if (transport instanceof Wire w) {
                            w.close(); // the connection may be mid-response
                        }
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    }
                }
                done.countDown();
            });
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        String cpuLine = cpu.summary(ok.get());
        pool.shutdown();
        int counted = jdbc.sql("SELECT count(*) FROM signature WHERE withdrawn_at IS NULL").query(Integer.class).single()
                - before;
        var line = new StringBuilder();
        line.append(String.format(
                "signing-bench signers=%d threads=%d seconds=%.1f signings/s=%.1f ok=%d errors=%d signatures-counted=%d lost=%d",
                emails.size(), threads, seconds, ok.get() / seconds, ok.get(), errors.get(), counted, ok.get() - counted));
        for (int i = 0; i < STEPS.length; i++) {
            long[] sorted = Arrays.stream(times[i]).filter(v -> v > 0).sorted().toArray();
            if (sorted.length > 0) {
                line.append(String.format(" %s=p50:%.1fms/p99:%.1fms", STEPS[i],
                        sorted[sorted.length / 2] / 1e6, sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6));
            }
        }
        if (firstError.get() != null) {
            line.append(" first-error=").append(firstError.get());
        }
        System.out.println(line);
        if (STATEMENTS) {
            printStatements(jdbc, ok.get());
        }
        System.out.println(cpuLine);
        if (Boolean.getBoolean("bench.tables")) {
            tableStats(jdbc, ok.get());
        }
    }

    /** Per signing: transactions, and per table scans and row writes (to spot a missing index). */
    static void tableStats(JdbcClient jdbc, int signings) {
        double n = Math.max(1, signings);
        var db = jdbc.sql("SELECT xact_commit, xact_rollback, tup_returned, tup_fetched FROM pg_stat_database WHERE datname = current_database()")
                .query()
                .singleRow();
        System.out.printf("signing-bench-db per-signing: commits=%.1f rollbacks=%.1f tup_returned=%.0f tup_fetched=%.0f%n",
                ((Number) db.get("xact_commit")).doubleValue() / n, ((Number) db.get("xact_rollback")).doubleValue() / n,
                ((Number) db.get("tup_returned")).doubleValue() / n, ((Number) db.get("tup_fetched")).doubleValue() / n);
        for (var r : jdbc.sql("""
                SELECT relname, seq_scan, seq_tup_read, idx_scan, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del
                FROM pg_stat_user_tables WHERE coalesce(seq_scan,0) + coalesce(idx_scan,0) + n_tup_ins + n_tup_upd + n_tup_del > 0
                ORDER BY seq_tup_read DESC, idx_scan DESC""").query().listOfRows()) {
            System.out.printf("  %-28s seq_scan=%.2f seq_tup_read=%.1f idx_scan=%.2f ins=%.2f upd=%.2f (hot %.2f) del=%.2f%n",
                    r.get("relname"), num(r.get("seq_scan")) / n, num(r.get("seq_tup_read")) / n, num(r.get("idx_scan")) / n,
                    num(r.get("n_tup_ins")) / n, num(r.get("n_tup_upd")) / n, num(r.get("n_tup_hot_upd")) / n, num(r.get("n_tup_del")) / n);
        }
    }

    static double num(Object o) {
        return o == null ? 0 : ((Number) o).doubleValue();
    }

    /** Opens n signing sessions (landing + continue) and measures the heap they retain. */
    static void heap(RunningApp app, JdbcClient jdbc, List<String> emails) throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
        List<String> tokens = invitationLinks(jdbc, emails);
        // Warm up the paths so that class loading and caches are not counted.
        long before = settledHeap();
        int opened = 0;
        Transport transport = JDK_CLIENT ? new JdkTransport(http, app.baseUrl()) : new Wire(app.baseUrl());
        for (String token : tokens) {
            var s = new Signer(transport);
            s.get("/sign/" + token);
            if (s.post("/sign/" + token + "/continue", Map.of()).status() == 303) {
                opened++;
            }
        }
        long after = settledHeap();
        System.out.printf("signing-session-heap sessions=%d retained-bytes=%d per-session-bytes=%d%n",
                opened, after - before, (after - before) / Math.max(1, opened));
    }

    /**
     * CPU time spent during the run, per signing: the server's request threads (Tomcat's
     * http-nio-*), the rest of this JVM (the bench client, mail, GC, JIT) and the PostgreSQL
     * processes of the test server. On a shared machine the rate depends on the CPU left to us;
     * CPU per signing does not, and 2 cores / (CPU per signing) is what an idle machine allows.
     */
    static final class CpuMeter {
        final JdbcClient jdbc;
        final int postmaster;
        final long jvm0, requests0, pg0;
        java.util.Map<String, Long> kinds0;
        java.util.Map<String, Long> jvmKinds0;

        CpuMeter(JdbcClient jdbc) {
            this.jdbc = jdbc;
            int backend = jdbc.sql("SELECT pg_backend_pid()").query(Integer.class).single();
            this.postmaster = Integer.parseInt(stat(backend)[3]);
            this.jvm0 = jvmCpu();
            this.requests0 = requestThreadsCpu();
            this.pg0 = postgresCpu();
            this.kinds0 = postgresByKind();
            this.jvmKinds0 = jvmByKind();
        }

        static long jvmCpu() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        static long requestThreadsCpu() {
            var threads = ManagementFactory.getThreadMXBean();
            long sum = 0;
            for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().startsWith("http-nio-") && info.getThreadName().contains("-exec-")) {
                    sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                }
            }
            return sum;
        }

        static String[] stat(int pid) {
            try {
                String s = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
                // the command name may hold spaces: split after its closing parenthesis
                String rest = s.substring(s.lastIndexOf(')') + 2);
                String[] f = rest.split(" ");
                String[] out = new String[f.length + 2];
                out[0] = String.valueOf(pid);
                out[1] = "";
                System.arraycopy(f, 0, out, 2, f.length);
                return out;
            } catch (java.io.IOException e) {
                return null;
            }
        }

        /** Nanoseconds of CPU used by the postmaster and its children, living and exited. */
        long postgresCpu() {
            long ticks = 0;
            var self = stat(postmaster);
            if (self == null) {
                return 0;
            }
            ticks += Long.parseLong(self[13]) + Long.parseLong(self[14]) + Long.parseLong(self[15]) + Long.parseLong(self[16]);
            var dirs = new java.io.File("/proc").listFiles((d, n) -> n.chars().allMatch(Character::isDigit));
            for (var d : dirs) {
                var f = stat(Integer.parseInt(d.getName()));
                if (f != null && f[3].equals(String.valueOf(postmaster))) {
                    ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
                }
            }
            return ticks * 10_000_000L; // USER_HZ = 100
        }

        /** " [kind]=x.xxms" for each kind that used CPU since {@code before} (ticks of 10 ms). */
        static String perSigning(java.util.Map<String, Long> now, java.util.Map<String, Long> before, double signings) {
            var out = new StringBuilder();
            now.forEach((k, v) -> {
                long d = v - before.getOrDefault(k, 0L);
                if (d > 0) {
                    out.append(String.format(" [%s]=%.2fms", k, d * 10.0 / signings));
                }
            });
            return out.toString();
        }

        /** CPU ticks of this JVM's threads by kind, from /proc (GC and JIT threads included). */
        static java.util.Map<String, Long> jvmByKind() {
            var out = new java.util.TreeMap<String, Long>();
            var tasks = new java.io.File("/proc/self/task").listFiles();
            if (tasks == null) {
                return out;
            }
            for (var t : tasks) {
                try {
                    String stat = java.nio.file.Files.readString(t.toPath().resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    String kind = comm.startsWith("http-nio") && comm.contains("exec") ? "request"
                            : comm.startsWith("http-nio") ? "tomcat-io"
                            : comm.startsWith("pool-") ? "bench-client"
                            : comm.startsWith("C2 ") || comm.startsWith("C1 ") ? "jit"
                            : comm.startsWith("GC ") || comm.startsWith("G1 ") ? "gc"
                            : comm.startsWith("mail") || comm.startsWith("scheduling") ? "mail+jobs"
                            : comm.startsWith("bench-smtp") ? "smtp-sink"
                            : comm.startsWith("ForkJoinPool") ? "virtual-threads(mail senders)"
                            : "other";
                    out.merge(kind, ticks, Long::sum);
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
            return out;
        }

        /** CPU ticks of PostgreSQL's processes by kind (backends, walwriter, autovacuum, exited children...). */
        java.util.Map<String, Long> postgresByKind() {
            var out = new java.util.TreeMap<String, Long>();
            var self = stat(postmaster);
            if (self == null) {
                return out;
            }
            out.put("postmaster", Long.parseLong(self[13]) + Long.parseLong(self[14]));
            out.put("exited-children", Long.parseLong(self[15]) + Long.parseLong(self[16]));
            var dirs = new java.io.File("/proc").listFiles((d, n) -> n.chars().allMatch(Character::isDigit));
            for (var d : dirs) {
                var f = stat(Integer.parseInt(d.getName()));
                if (f != null && f[3].equals(String.valueOf(postmaster))) {
                    String kind;
                    try {
                        kind = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + d.getName() + "/cmdline"))
                                .replace('\0', ' ').trim();
                    } catch (java.io.IOException e) {
                        continue;
                    }
                    kind = kind.startsWith("postgres: postgres ") ? "backends" : kind.replaceAll("\\s+\\S*\\d\\S*$", "");
                    out.merge(kind, Long.parseLong(f[13]) + Long.parseLong(f[14]), Long::sum);
                }
            }
            return out;
        }

        String summary(int signings) {
            long jvm = jvmCpu() - jvm0;
            long requests = requestThreadsCpu() - requests0;
            long pg = postgresCpu() - pg0;
            double n = Math.max(1, signings);
            double total = (jvm + pg) / 1e6 / n;
            System.out.println("signing-bench-postgres-cpu per-signing:" + perSigning(postgresByKind(), kinds0, n));
            System.out.println("signing-bench-jvm-cpu per-signing (threads alive at the end):"
                    + perSigning(jvmByKind(), jvmKinds0, n));
            return String.format(
                    "signing-bench-cpu per-signing: request-threads=%.2fms rest-of-jvm(client,mail,gc,jit)=%.2fms postgres=%.2fms total=%.2fms"
                            + " -> 2 idle cores allow ~%.0f signings/s (server only, client excluded: ~%.0f/s)",
                    requests / 1e6 / n, (jvm - requests) / 1e6 / n, pg / 1e6 / n, total,
                    2000 / total, 2000 / ((requests + pg) / 1e6 / n));
        }
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
