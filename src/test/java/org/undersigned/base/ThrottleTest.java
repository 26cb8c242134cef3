package org.undersigned.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Fixtures;
import org.undersigned.IntegrationTest;

/** Failure counting on the real database, with a clock the test moves instead of waiting. */
@IntegrationTest
class ThrottleTest {

    static final Throttle.Policy POLICY =
            new Throttle.Policy(3, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(4));

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformKeys keys;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    /** The bean, with its transaction rules (the tests' own instance has a movable clock). */
    @Autowired
    Throttle proxied;

    final MovableClock clock = new MovableClock();
    Throttle throttle;
    String key;

    @BeforeEach
    void setUp() {
        throttle = new Throttle(jdbc, keys, clock);
        key = Fixtures.unique("203.0.113.7");
    }

    @Test
    void aKeyIsBlockedOnlyFromItsMaxFailuresOn() {
        throttle.failure("sign-in-client", key, POLICY);
        throttle.failure("sign-in-client", key, POLICY);
        assertThat(throttle.blockedFor("sign-in-client", key)).isEmpty();

        throttle.failure("sign-in-client", key, POLICY);

        assertThat(throttle.blockedFor("sign-in-client", key)).contains(Duration.ofMinutes(1));
        clock.advance(Duration.ofSeconds(59));
        assertThat(throttle.blockedFor("sign-in-client", key)).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.blockedFor("sign-in-client", key)).isEmpty();
    }

    @Test
    void eachFurtherFailureDoublesTheBlockUpToItsCap() {
        for (int i = 0; i < 3; i++) {
            throttle.failure("totp", key, POLICY);
        }
        assertThat(throttle.blockedFor("totp", key)).contains(Duration.ofMinutes(1));

        List<Duration> blocks = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clock.advance(throttle.blockedFor("totp", key).orElseThrow());
            throttle.failure("totp", key, POLICY);
            blocks.add(throttle.blockedFor("totp", key).orElseThrow());
        }

        assertThat(blocks).containsExactly(Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(4));
    }

    @Test
    void failuresOutsideTheWindowStartTheCountAgain() {
        throttle.failure("sign-in-account", key, POLICY);
        throttle.failure("sign-in-account", key, POLICY);
        clock.advance(Duration.ofMinutes(16));

        throttle.failure("sign-in-account", key, POLICY);
        throttle.failure("sign-in-account", key, POLICY);

        assertThat(throttle.blockedFor("sign-in-account", key)).isEmpty();
        throttle.failure("sign-in-account", key, POLICY);
        assertThat(throttle.blockedFor("sign-in-account", key)).isPresent();
    }

    @Test
    void countingInTheCallersTransactionRefusesFromTheLimitOnWithoutCounting() {
        assertThat(inTransaction(() -> throttle.countUnlessBlocked("sign-code-sent", key, POLICY)))
                .isTrue();
        assertThat(inTransaction(() -> throttle.countUnlessBlocked("sign-code-sent", key, POLICY)))
                .isTrue();
        assertThat(throttle.blockedFor("sign-code-sent", key)).isEmpty();
        assertThat(inTransaction(() -> throttle.countUnlessBlocked("sign-code-sent", key, POLICY)))
                .as("the use that reaches the limit is allowed, and blocks the next")
                .isTrue();
        assertThat(throttle.blockedFor("sign-code-sent", key)).contains(Duration.ofMinutes(1));

        assertThat(inTransaction(() -> throttle.countUnlessBlocked("sign-code-sent", key, POLICY)))
                .isFalse();
        assertThat(failures("sign-code-sent"))
                .as("a refused use is not counted")
                .isEqualTo(3);

        clock.advance(Duration.ofMinutes(1));
        assertThat(inTransaction(() -> throttle.countUnlessBlocked("sign-code-sent", key, POLICY)))
                .isTrue();
        assertThat(throttle.blockedFor("sign-code-sent", key))
                .as("still within the window: the next block is twice as long")
                .contains(Duration.ofMinutes(2));
    }

    @Test
    void aCountInATransactionThatRollsBackIsUndone() {
        inTransaction(() -> throttle.countUnlessBlocked("sign-code-sent", key, POLICY));
        try {
            tx.execute(status -> {
                throttle.countUnlessBlocked("sign-code-sent", key, POLICY);
                throw new IllegalStateException("the step failed after counting");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }

        assertThat(failures("sign-code-sent")).isEqualTo(1);
        assertThatThrownBy(() -> proxied.countUnlessBlocked("sign-code-sent", key, POLICY))
                .as("only inside a transaction")
                .isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
    }

    @Test
    void countingTwoKeysInOneStatementCountsBothAndRefusesWhenEitherIsBlocked() {
        var invitation = new Throttle.Count("sign-code-sent", key, POLICY);
        var client = new Throttle.Count(
                "sign-code-sent-client",
                key,
                new Throttle.Policy(10, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofHours(1)));
        for (int i = 0; i < 3; i++) {
            assertThat(inTransaction(() -> throttle.countUnlessBlocked(invitation, client)))
                    .isTrue();
        }
        assertThat(failures("sign-code-sent")).isEqualTo(3);
        assertThat(failures("sign-code-sent-client")).isEqualTo(3);
        assertThat(throttle.blockedFor("sign-code-sent", key))
                .as("the first key reached its limit of 3 and is blocked")
                .isPresent();
        assertThat(throttle.blockedFor("sign-code-sent-client", key)).isEmpty();

        assertThat(inTransaction(() -> throttle.countUnlessBlocked(invitation, client)))
                .as("one key blocked refuses the pair")
                .isFalse();
        assertThat(inTransaction(() -> throttle.countUnlessBlocked(client, invitation)))
                .as("in either order")
                .isFalse();
    }

    <T> T inTransaction(java.util.function.Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    int failures(String purpose) {
        return jdbc.sql("SELECT failures FROM throttle WHERE key_hash = ?")
                .param(keys.keyedHash("throttle:" + purpose, key))
                .query(Integer.class)
                .single();
    }

    @Test
    void resetClearsTheBlockAndTheCount() {
        for (int i = 0; i < 3; i++) {
            throttle.failure("sign-in-account", key, POLICY);
        }
        assertThat(throttle.blockedFor("sign-in-account", key)).isPresent();

        throttle.reset("sign-in-account", key);

        assertThat(throttle.blockedFor("sign-in-account", key)).isEmpty();
        throttle.failure("sign-in-account", key, POLICY);
        throttle.failure("sign-in-account", key, POLICY);
        assertThat(throttle.blockedFor("sign-in-account", key))
                .as("two failures after a reset are below the limit")
                .isEmpty();
    }

    @Test
    void theSameKeyUnderAnotherPurposeIsCountedApart() {
        for (int i = 0; i < 3; i++) {
            throttle.failure("sign-in-account", key, POLICY);
        }

        assertThat(throttle.blockedFor("sign-in-account", key)).isPresent();
        assertThat(throttle.blockedFor("sign-in-client", key)).isEmpty();
        assertThat(throttle.blockedFor("totp", key)).isEmpty();
        throttle.reset("totp", key);
        assertThat(throttle.blockedFor("sign-in-account", key)).isPresent();
    }

    @Test
    void theDatabaseHoldsAKeyedHashNeverTheRawKey() {
        String address = "198.51.100." + (int) (Math.random() * 250);
        throttle.failure("sign-in-client", address, POLICY);

        byte[] raw = address.getBytes(StandardCharsets.UTF_8);
        byte[] plainSha256 = Tokens.sha256(raw);
        byte[] keyed = keys.keyedHash("throttle:sign-in-client", address);
        assertThat(count("SELECT count(*) FROM throttle WHERE key_hash = ?", keyed))
                .isOne();
        assertThat(count("SELECT count(*) FROM throttle WHERE key_hash = ?", raw))
                .isZero();
        assertThat(count("SELECT count(*) FROM throttle WHERE key_hash = ?", plainSha256))
                .as("an unkeyed hash of an IPv4 address is reversed by trying all 2^32")
                .isZero();
        assertThat(count("SELECT count(*) FROM throttle WHERE position(? IN encode(key_hash, 'escape')) > 0", address))
                .isZero();
    }

    long count(String sql, Object arg) {
        return jdbc.sql(sql).param(arg).query(Long.class).single();
    }

    /** A clock the test moves by hand; starts at the real time so rows from other tests do not interfere. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
