package org.undersigned.publication;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes letters approved for a later time once that time has come. Each letter is published in
 * a transaction of its own that first takes a PostgreSQL advisory lock (so of several app
 * instances one works at a time) and then the request row with {@code SKIP LOCKED}; a published
 * request is never picked again, so two runners publish a letter once. A letter that fails is
 * logged and left for the next pass.
 */
@Component
class EmbargoJob {

    static final long JOB_LOCK = 7_413_030L;
    static final String ACTOR = "system:publication-embargo";

    private static final Logger log = LoggerFactory.getLogger(EmbargoJob.class);

    private final PublicationRequestRepository requests;
    private final Publisher publisher;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    EmbargoJob(
            PublicationRequestRepository requests,
            Publisher publisher,
            JdbcClient jdbc,
            TransactionTemplate tx,
            Clock clock) {
        this.requests = requests;
        this.publisher = publisher;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${undersigned.publication.job-millis:60000}", initialDelay = 20000)
    void poll() {
        try {
            publishDue();
        } catch (RuntimeException e) {
            log.warn("Publishing letters at their embargo time paused: {}", e.getMessage());
        }
    }

    /** One pass; returns the slugs this runner published. */
    List<String> publishDue() {
        List<String> published = new ArrayList<>();
        List<UUID> failed = new ArrayList<>();
        while (true) {
            UUID[] tried = new UUID[1];
            String slug;
            try {
                slug = tx.execute(status -> once(failed, tried));
            } catch (RuntimeException e) {
                log.error("Publishing a letter at its embargo time failed; nothing of it was published", e);
                if (tried[0] == null || failed.contains(tried[0])) {
                    return published;
                }
                failed.add(tried[0]);
                continue;
            }
            if (slug == null) {
                return published;
            }
            published.add(slug);
        }
    }

    private @Nullable String once(List<UUID> skip, UUID[] tried) {
        boolean mine = jdbc.sql("SELECT pg_try_advisory_xact_lock(:lock)")
                .param("lock", JOB_LOCK)
                .query(Boolean.class)
                .single();
        if (!mine) {
            return null;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var due = requests.lockNextDue(now, skip);
        if (due.isEmpty()) {
            return null;
        }
        tried[0] = due.get().id();
        return publisher.publish(due.get(), now, ACTOR);
    }
}
