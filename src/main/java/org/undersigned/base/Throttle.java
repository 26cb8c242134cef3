package org.undersigned.base;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failures (wrong passwords, wrong codes, guessed links) per key in PostgreSQL, so that all
 * instances share the count. Keys are stored only as HMAC-SHA256 under the platform key: no raw IP
 * address or email is written.
 */
@Component
public class Throttle {

    /**
     * After {@code maxFailures} within {@code window}, further tries are refused for
     * {@code firstBlock}, doubling with each further failure up to {@code maxBlock}.
     */
    public record Policy(int maxFailures, Duration window, Duration firstBlock, Duration maxBlock) {}

    private final JdbcClient jdbc;
    private final PlatformKeys keys;
    private final Clock clock;

    Throttle(JdbcClient jdbc, PlatformKeys keys, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * How much longer the key is blocked, if it is. One statement: in the caller's transaction if
     * there is one, else on its own (a read-only transaction around it cost a BEGIN and a COMMIT on
     * every signing page that checks a block).
     */
    public Optional<Duration> blockedFor(String purpose, String key) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT blocked_until FROM throttle WHERE key_hash = :key AND blocked_until > :now")
                .param("key", hash(purpose, key))
                .param("now", Timestamp.from(now))
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional()
                .map(until -> Duration.between(now, until));
    }

    /**
     * Counts one use of a key in the caller's transaction, unless the key is blocked: false (and
     * nothing counted) when it is. For limits on something the transaction itself does (a code
     * mail queued): if it rolls back, nothing was done, and nothing stays counted. The count is
     * one upsert that the caller should make late in its transaction, since it locks the key's row
     * until commit (all users of one client address share it). See
     * docs/decisions/0066-throttle-counts-in-the-step-transaction.md.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean countUnlessBlocked(String purpose, String key, Policy policy) {
        Instant now = clock.instant();
        byte[] hash = hash(purpose, key);
        Optional<Integer> counted = jdbc.sql(upsertUnlessBlocked("key", "windowStart"))
                .param("key", hash)
                .param("now", Timestamp.from(now))
                .param("windowStart", Timestamp.from(now.minus(policy.window())))
                .query((rs, n) -> rs.getInt(1))
                .optional();
        if (counted.isEmpty()) {
            return false;
        }
        blockFrom(counted.get(), hash, now, policy);
        return true;
    }

    /** One use of a key under a policy, for {@link #countUnlessBlocked(Count, Count)}. */
    public record Count(String purpose, String key, Policy policy) {}

    /**
     * Counts one use of each of two keys in one statement, as {@link #countUnlessBlocked(String,
     * String, Policy)} does for one: false when either key is blocked. The caller's transaction
     * must then roll back (it throws), which also takes back the other key's count.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean countUnlessBlocked(Count first, Count second) {
        Instant now = clock.instant();
        byte[] firstHash = hash(first.purpose(), first.key());
        byte[] secondHash = hash(second.purpose(), second.key());
        Integer[] counted = jdbc.sql("WITH first AS (" + upsertUnlessBlocked("k1", "w1") + "), second AS ("
                        + upsertUnlessBlocked("k2", "w2")
                        + ") SELECT (SELECT failures FROM first), (SELECT failures FROM second)")
                .param("k1", firstHash)
                .param("w1", Timestamp.from(now.minus(first.policy().window())))
                .param("k2", secondHash)
                .param("w2", Timestamp.from(now.minus(second.policy().window())))
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Integer[] {(Integer) rs.getObject(1), (Integer) rs.getObject(2)})
                .single();
        if (counted[0] == null || counted[1] == null) {
            return false;
        }
        blockFrom(counted[0], firstHash, now, first.policy());
        blockFrom(counted[1], secondHash, now, second.policy());
        return true;
    }

    private static String upsertUnlessBlocked(String key, String windowStart) {
        return """
                INSERT INTO throttle (key_hash, failures, first_failure)
                VALUES (:%1$s, 1, :now)
                ON CONFLICT (key_hash) DO UPDATE
                   SET failures = CASE WHEN throttle.first_failure < :%2$s THEN 1 ELSE throttle.failures + 1 END,
                       first_failure = CASE WHEN throttle.first_failure < :%2$s THEN :now ELSE throttle.first_failure END
                 WHERE throttle.blocked_until IS NULL OR throttle.blocked_until <= :now
                RETURNING failures""".formatted(key, windowStart);
    }

    /** Records a failure, in its own transaction so that a rollback of the caller cannot undo it. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failure(String purpose, String key, Policy policy) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(policy.window());
        int failures = jdbc.sql("""
                        INSERT INTO throttle (key_hash, failures, first_failure)
                        VALUES (:key, 1, :now)
                        ON CONFLICT (key_hash) DO UPDATE
                           SET failures = CASE WHEN throttle.first_failure < :windowStart THEN 1 ELSE throttle.failures + 1 END,
                               first_failure = CASE WHEN throttle.first_failure < :windowStart THEN :now ELSE throttle.first_failure END
                        RETURNING failures""")
                .param("key", hash(purpose, key))
                .param("now", Timestamp.from(now))
                .param("windowStart", Timestamp.from(windowStart))
                .query((rs, n) -> rs.getInt(1))
                .single();
        blockFrom(failures, hash(purpose, key), now, policy);
    }

    private void blockFrom(int failures, byte[] keyHash, Instant now, Policy policy) {
        if (failures >= policy.maxFailures()) {
            int beyond = Math.min(failures - policy.maxFailures(), 20);
            Duration block = policy.firstBlock().multipliedBy(1L << beyond);
            if (block.compareTo(policy.maxBlock()) > 0) {
                block = policy.maxBlock();
            }
            jdbc.sql("UPDATE throttle SET blocked_until = :until WHERE key_hash = :key")
                    .param("until", Timestamp.from(now.plus(block)))
                    .param("key", keyHash)
                    .update();
        }
    }

    /** Forgets the failures of a key (after a success). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void reset(String purpose, String key) {
        jdbc.sql("DELETE FROM throttle WHERE key_hash = :key")
                .param("key", hash(purpose, key))
                .update();
    }

    /**
     * The stored key of a purpose and key, for a statement that reads the block together with
     * other rows in one round trip (see {@link #blockedUntilColumn}).
     */
    public byte[] keyHash(String purpose, String key) {
        return hash(purpose, key);
    }

    /**
     * A column for such a statement: until when the key bound to {@code :keyParam} is blocked, or
     * NULL; the statement binds {@code :now}. It answers as {@link #blockedFor} would.
     */
    public static String blockedUntilColumn(String keyParam) {
        return "(SELECT blocked_until FROM throttle WHERE key_hash = :" + keyParam + " AND blocked_until > :now)";
    }

    /** "3 minutes", "1 minute", rounded up, for messages. */
    public static String describe(Duration d) {
        long minutes = Math.max(1, (d.toSeconds() + 59) / 60);
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }

    private byte[] hash(String purpose, String key) {
        return keys.keyedHash("throttle:" + purpose, key);
    }
}
