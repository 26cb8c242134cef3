package org.undersigned.letter;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens on the {@value LetterEvents#CHANNEL} channel with a dedicated PostgreSQL connection
 * (outside the pool: it stays open for the life of the app) and hands each event to the {@link
 * LetterBroadcaster} and to {@link Presence}. A daemon thread waits for notifications; when the
 * connection is lost it reconnects with backoff and asks every open editor to reload, since
 * events may have been missed meanwhile.
 */
@Component
class LetterEventListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LetterEventListener.class);
    private static final int WAIT_MILLIS = 1000;

    private final DataSource dataSource;
    private final LetterBroadcaster broadcaster;
    private final Presence presence;
    private volatile boolean running;
    private volatile @Nullable Thread thread;
    private volatile @Nullable Connection connection;
    private volatile CountDownLatch listening = new CountDownLatch(1);

    LetterEventListener(DataSource dataSource, LetterBroadcaster broadcaster, Presence presence) {
        this.dataSource = dataSource;
        this.broadcaster = broadcaster;
        this.presence = presence;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("letter-events").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        closeQuietly(connection);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Waits until the listener is subscribed (for tests and benchmarks). */
    boolean awaitListening(Duration timeout) throws InterruptedException {
        return listening.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Drops the connection as a network failure would (for tests). */
    void dropConnection() {
        closeQuietly(connection);
    }

    private void run() {
        long backoff = 500;
        boolean reconnecting = false;
        while (running) {
            try (Connection c = connect()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + LetterEvents.CHANNEL);
                }
                listening.countDown();
                backoff = 500;
                if (reconnecting) {
                    log.info("Listening to letter events again");
                    broadcaster.resynchronise();
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            LetterEvent.decode(n.getParameter()).ifPresent(this::dispatch);
                        }
                    }
                    presence.tick();
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                listening = new CountDownLatch(1);
                reconnecting = true;
                log.warn("Letter events connection lost ({}); reconnecting in {} ms", e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private void dispatch(LetterEvent event) {
        if (event instanceof LetterEvent.PresenceChanged p) {
            presence.apply(p);
        }
        broadcaster.deliver(event);
    }

    private Connection connect() throws SQLException {
        if (dataSource instanceof HikariDataSource h && h.getJdbcUrl() != null) {
            var props = new Properties();
            if (h.getUsername() != null) {
                props.setProperty("user", h.getUsername());
            }
            if (h.getPassword() != null) {
                props.setProperty("password", h.getPassword());
            }
            props.setProperty("ApplicationName", "undersigned-letter-events");
            props.setProperty("tcpKeepAlive", "true");
            return DriverManager.getConnection(h.getJdbcUrl(), props);
        }
        // Another pool: hold one of its connections for good.
        return dataSource.getConnection();
    }

    private static void closeQuietly(@Nullable Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing a broken connection
            }
        }
    }
}
