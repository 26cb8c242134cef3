package org.undersigned.letter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Application;
import org.undersigned.TestDatabase;

/**
 * Not a test: a measurement run by {@code bench/propagation.sh}. Two app instances (two Spring
 * applications with their own web servers) on one PostgreSQL; a block is saved through {@link
 * LetterService} on instance A; the time until A's and B's broadcasters deliver the event is
 * the server-side propagation delay (save + commit + NOTIFY + LISTEN + dispatch). The browser
 * leg (UI.access and the WebSocket push) is not included.
 */
public final class PropagationBench {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        try {
            run(rounds);
        } catch (Throwable e) {
            e.printStackTrace();
        } finally {
            System.exit(0);
        }
    }

    private static void run(int rounds) throws Exception {
        ConfigurableApplicationContext a = start();
        // Each instance installs its own security-context strategy globally; act through A's.
        var strategyOfA = org.springframework.security.core.context.SecurityContextHolder.getContextHolderStrategy();
        ConfigurableApplicationContext b = start();
        org.springframework.security.core.context.SecurityContextHolder.setContextHolderStrategy(strategyOfA);
        try {
            var people = new People(a.getBean(JdbcClient.class));
            UUID org = people.organisation("Bench");
            var editor = people.member(org, "Bench Editor");
            editor.actAs();
            var letters = a.getBean(LetterService.class);
            UUID letterId = letters.create(new NewLetter("Bench letter", "en", org, null, null, null));
            Block block = letters.blocks(letterId).get(3);

            Map<Integer, Long> seenA = new ConcurrentHashMap<>();
            Map<Integer, Long> seenB = new ConcurrentHashMap<>();
            a.getBean(LetterBroadcaster.class).subscribe(letterId, e -> {
                if (e instanceof LetterEvent.BlockChanged c) {
                    seenA.putIfAbsent(c.version(), System.nanoTime());
                }
            });
            b.getBean(LetterBroadcaster.class).subscribe(letterId, e -> {
                if (e instanceof LetterEvent.BlockChanged c) {
                    seenB.putIfAbsent(c.version(), System.nanoTime());
                }
            });
            a.getBean(LetterEventListener.class).awaitListening(java.time.Duration.ofSeconds(30));
            b.getBean(LetterEventListener.class).awaitListening(java.time.Duration.ofSeconds(30));

            var same = new ArrayList<Double>();
            var cross = new ArrayList<Double>();
            var save = new ArrayList<Double>();
            int version = block.version();
            for (int i = 0; i < rounds + 20; i++) {
                long t0 = System.nanoTime();
                var result = letters.saveBlock(letterId, block.id(), version, "Round " + i + " — ქართული, Azərbaycan");
                long t1 = System.nanoTime();
                version = ((BlockSave.Saved) result).block().version();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while ((!seenA.containsKey(version) || !seenB.containsKey(version)) && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                if (i >= 20) { // warm-up rounds are not counted
                    same.add(ms(seenA.getOrDefault(version, deadline) - t0));
                    cross.add(ms(seenB.getOrDefault(version, deadline) - t0));
                    save.add(ms(t1 - t0));
                }
                Thread.sleep(20);
            }
            System.out.printf(
                    "RESULT rounds=%d same-instance p50=%.1f ms p95=%.1f ms | cross-instance p50=%.1f ms p95=%.1f ms | save p50=%.1f ms p95=%.1f ms%n",
                    rounds, p(same, 50), p(same, 95), p(cross, 50), p(cross, 95), p(save, 50), p(save, 95));
        } finally {
            a.close();
            b.close();
        }
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.SERVLET)
                .profiles("test")
                .properties(
                        "spring.datasource.url=" + TestDatabase.url(),
                        "spring.datasource.username=postgres",
                        "spring.datasource.password=",
                        "undersigned.key-directory=" + TestDatabase.keyDirectory(),
                        "logging.level.root=warn")
                .run("--server.port=0");
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static double p(List<Double> values, int percentile) {
        var sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
