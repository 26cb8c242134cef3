package org.undersigned.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.undersigned.IntegrationTest;

/**
 * Statements sent in one round trip run as if sent one by one (decision 0074). The one that
 * matters: a read after a lock that had to wait sees what the lock's holder committed, as a
 * separate statement would, and not the snapshot from before the wait.
 */
@IntegrationTest
class OneRoundTripTest {

    static final OneRoundTrip LOCK_THEN_READ = OneRoundTrip.of(
            "SELECT failures FROM throttle WHERE key_hash = :locked FOR UPDATE",
            (rs, n) -> rs.getInt(1),
            "SELECT failures FROM throttle WHERE key_hash = :other",
            (rs, n) -> rs.getInt(1));

    @Autowired
    JdbcOperations operations;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Test
    void aReadAfterALockThatWaitedSeesWhatTheHolderCommitted() throws Exception {
        byte[] locked = key();
        byte[] other = key();
        insert(locked, 1);
        insert(other, 1);
        var holding = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var holder = CompletableFuture.runAsync(() -> tx.executeWithoutResult(status -> {
            jdbc.sql("SELECT 1 FROM throttle WHERE key_hash = ? FOR UPDATE")
                    .param(locked)
                    .query()
                    .listOfRows();
            jdbc.sql("UPDATE throttle SET failures = 7 WHERE key_hash = ?")
                    .param(other)
                    .update();
            holding.countDown();
            await(release);
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        var reader = CompletableFuture.supplyAsync(() -> tx.execute(status ->
                LOCK_THEN_READ.run(operations, new MapSqlParameterSource("locked", locked).addValue("other", other))));
        Thread.sleep(300); // the reader waits for the lock meanwhile
        assertThat(reader).isNotDone();
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);

        List<List<?>> rows = reader.get(10, TimeUnit.SECONDS);
        assertThat(rows).containsExactly(List.of(1), List.of(7));
    }

    @Test
    void aStatementWithoutRowsGivesAnEmptyListAndAnErrorStopsTheRest() {
        byte[] absent = key();
        byte[] present = key();
        insert(present, 3);
        List<List<?>> rows = tx.execute(status ->
                LOCK_THEN_READ.run(operations, new MapSqlParameterSource("locked", absent).addValue("other", present)));
        assertThat(rows).containsExactly(List.of(), List.of(3));

        var failing = OneRoundTrip.of(
                "SELECT 1 / 0 AS boom", (rs, n) -> rs.getInt(1),
                "UPDATE throttle SET failures = 99 WHERE key_hash = :present RETURNING failures",
                        (rs, n) -> rs.getInt(1));
        assertThatThrownBy(() ->
                        tx.execute(status -> failing.run(operations, new MapSqlParameterSource("present", present))))
                .isInstanceOf(DataAccessException.class);
        assertThat(jdbc.sql("SELECT failures FROM throttle WHERE key_hash = ?")
                        .param(present)
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }

    void insert(byte[] key, int failures) {
        jdbc.sql("INSERT INTO throttle (key_hash, failures, first_failure) VALUES (?, ?, now())")
                .params(key, failures)
                .update();
    }

    static byte[] key() {
        return ("one-round-trip-test:" + UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
