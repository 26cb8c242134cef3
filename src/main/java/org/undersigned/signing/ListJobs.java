package org.undersigned.signing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.undersigned.audit.AuditLog;
import org.undersigned.letter.SignableLetter;
import org.undersigned.letter.SigningLetters;

/**
 * The list's scheduled work: locking letters whose lock deadline passed, and, a configurable time
 * after publication, reducing the data of invitees who are not on the published list (the
 * editors are told once, some days before). Each run takes the signing jobs' PostgreSQL advisory
 * lock with {@code pg_try_advisory_xact_lock}: when another instance holds it, this one does
 * nothing. See docs/decisions/0023 and 0024.
 */
@Component
class ListJobs {

    static final String ACTOR = "system:signing";

    private static final Logger log = LoggerFactory.getLogger(ListJobs.class);

    private final SigningLetters letters;
    private final SignatureListRepository lists;
    private final RetentionRepository retention;
    private final ListLocking locking;
    private final SigningMails mails;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration keep;
    private final Duration notice;

    ListJobs(
            SigningLetters letters,
            SignatureListRepository lists,
            RetentionRepository retention,
            ListLocking locking,
            SigningMails mails,
            AuditLog audit,
            JdbcClient jdbc,
            TransactionTemplate tx,
            Clock clock,
            @Value("${undersigned.signing.retention-days:90}") int retentionDays,
            @Value("${undersigned.signing.retention-notice-days:14}") int noticeDays) {
        this.letters = letters;
        this.lists = lists;
        this.retention = retention;
        this.locking = locking;
        this.mails = mails;
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.keep = Duration.ofDays(retentionDays);
        this.notice = Duration.ofDays(Math.min(noticeDays, retentionDays));
    }

    @Scheduled(
            fixedDelayString = "${undersigned.signing.list-job-millis:60000}",
            initialDelayString = "${undersigned.signing.list-job-initial-millis:40000}")
    void poll() {
        try {
            lockDue(clock.instant());
            reduceDue(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Signature list jobs paused: {}", e.getMessage());
        }
    }

    private boolean mine() {
        return jdbc.sql("SELECT pg_try_advisory_xact_lock(:lock)")
                .param("lock", SigningJobs.JOB_LOCK)
                .query(Boolean.class)
                .single();
    }

    /**
     * Locks every open letter whose deadline is at or before {@code now}, each in a transaction of
     * its own (a lock holds the audit chain's lock until it commits, so two letters in one
     * transaction could deadlock with a signer). Returns how many this instance locked; a letter
     * whose job lock is held elsewhere is left to that instance.
     */
    int lockDue(Instant now) {
        int locked = 0;
        for (UUID letterId : lists.deadlineDue(now, 50)) {
            Boolean done = tx.execute(status -> {
                if (!mine()) {
                    return false;
                }
                SignableLetter letter = letters.find(letterId).orElse(null);
                if (letter == null
                        || !letter.open()
                        || lists.deadline(letterId).filter(d -> !d.isAfter(now)).isEmpty()) {
                    return false;
                }
                locking.lock(letterId, ACTOR);
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                locked++;
            }
        }
        return locked;
    }

    /**
     * Tells editors of letters published {@code retention − notice} ago, once; reduces the data of
     * letters published {@code retention} ago whose editors were told at least {@code notice}
     * before. One transaction per letter, under the job lock. Returns {told, reduced letters}.
     */
    int[] reduceDue(Instant now) {
        int[] counts = new int[2];
        for (UUID letterId : letters.publishedUpTo(now.minus(keep).plus(notice))) {
            Integer what = tx.execute(status -> mine() ? retain(letterId, now) : 0);
            if (what != null && what > 0) {
                counts[what - 1]++;
            }
        }
        return counts;
    }

    /** 1 when the editors were told now, 2 when the data was reduced now, 0 otherwise. */
    private int retain(UUID letterId, Instant now) {
        var state = retention.state(letterId).orElse(new RetentionRepository.State(null, null));
        if (state.reducedAt() != null) {
            return 0;
        }
        Instant publishedAt = letters.publishedAt(letterId).orElse(null);
        if (publishedAt == null) {
            return 0;
        }
        if (state.noticeSentAt() == null) {
            SignableLetter letter = letters.find(letterId).orElseThrow();
            Instant from = later(publishedAt.plus(keep), now.plus(notice));
            for (String editor : letters.editorEmails(letterId)) {
                mails.retentionNotice(editor, letter.title(), from);
            }
            retention.noticeSent(letterId, now);
            audit.appendAs(
                    ACTOR,
                    "SIGNING_RETENTION_NOTICE_SENT",
                    "letter",
                    letterId,
                    letterId,
                    Map.of("reductionFrom", LockedList.time(from)));
            return 1;
        }
        if (!now.isBefore(publishedAt.plus(keep))
                && !now.isBefore(state.noticeSentAt().plus(notice))) {
            int n = retention.reduce(letterId, now);
            audit.appendAs(ACTOR, "SIGNING_DATA_REDUCED", "letter", letterId, letterId, Map.of("invitations", n));
            return 2;
        }
        return 0;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
