package org.undersigned;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One real PostgreSQL 17 (Zonky) for the whole test run, started on first use and stopped when
 * the JVM ends. Tests that need a database of their own (an empty one, e.g. to see the first
 * administrator's setup link) get a fresh database inside the same server.
 */
public final class TestDatabase {

    private static EmbeddedPostgres server;
    private static Path keyDirectory;

    private TestDatabase() {}

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("undersigned-test-pg");
                var builder = EmbeddedPostgres.builder();
                // Benches only: e.g. -Dundersigned.test.pg.preload=pg_stat_statements
                String preload = System.getProperty("undersigned.test.pg.preload");
                if (preload != null && !preload.isBlank()) {
                    builder.setServerConfig("shared_preload_libraries", preload);
                }
                // Benches only: more server settings, e.g.
                // -Dundersigned.test.pg.settings=log_min_messages=debug1;jit=off
                for (String setting :
                        System.getProperty("undersigned.test.pg.settings", "").split(";")) {
                    int eq = setting.indexOf('=');
                    if (eq > 0) {
                        builder.setServerConfig(
                                setting.substring(0, eq).strip(),
                                setting.substring(eq + 1).strip());
                    }
                }
                server = builder.setDataDirectory(dir)
                        .setCleanDataDirectory(true)
                        .setLocaleConfig("encoding", "UTF8")
                        .setLocaleConfig("locale", "C")
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .start();
                keyDirectory = Files.createTempDirectory("undersigned-test-keys");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException ignored) {
                        // the JVM is ending anyway
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** The JDBC URL of the shared database. */
    public static String url() {
        return server().getJdbcUrl("postgres", "postgres");
    }

    public static Path keyDirectory() {
        server();
        return keyDirectory;
    }

    /** Creates an empty database in the shared server and returns its JDBC URL. */
    public static String newDatabase() {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = server().getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return server().getJdbcUrl("postgres", name);
    }

    /** Points a Spring test context at the shared database. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(
                            "spring.datasource.url=" + url(),
                            "spring.datasource.username=postgres",
                            "spring.datasource.password=",
                            "undersigned.key-directory=" + keyDirectory())
                    .applyTo(context.getEnvironment());
        }
    }

    /**
     * The properties of a test context on a database of its own (from {@link #newDatabase()})
     * that sends its mail to an SMTP server on this machine's port.
     */
    public static void ownDatabaseAndSmtp(
            org.springframework.test.context.DynamicPropertyRegistry registry, String database, int smtpPort) {
        registry.add("spring.datasource.url", () -> database);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("undersigned.key-directory", () -> keyDirectory().toString());
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtpPort);
    }
}
