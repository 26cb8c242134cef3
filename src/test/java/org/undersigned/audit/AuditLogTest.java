package org.undersigned.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;
import org.undersigned.Fixtures;
import org.undersigned.IntegrationTest;

@IntegrationTest
class AuditLogTest {

    @Autowired
    AuditLog log;

    @Autowired
    AuditReader reader;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @AfterEach
    void nobody() {
        Fixtures.actAsNobody();
    }

    @Test
    void appendsOnlyInsideTheTransactionOfTheChange() {
        assertThatThrownBy(() -> log.append("X", "thing", "1", null, Map.of()))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void concurrentAppendsFormOneUnbrokenChain() throws Exception {
        UUID letter = UUID.randomUUID();
        var pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            int thread = t;
            pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    int n = i;
                    tx.executeWithoutResult(s -> log.appendAs(
                            "system", "TEST_EVENT", "letter", letter, letter, Map.of("thread", thread, "n", n)));
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        actAsAdmin();
        assertThat(reader.recent(letter, null, 1000)).hasSize(200);
        ChainVerification v = reader.verifyChain();
        assertThat(v.intact()).as(String.valueOf(v.problem())).isTrue();
        assertThat(v.rowsChecked()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void theDatabaseHashesTheRowAsTheVerifierDoes() {
        // The row hash is computed by audit_append in PostgreSQL since V0059: over the UTF-8 bytes
        // of the canonical content, also where it is not ASCII, and with a missing letter.
        UUID letter = UUID.randomUUID();
        tx.executeWithoutResult(s -> {
            log.appendAs("system", "TEST_EVENT", "letter", letter, letter, Map.of("word", "Məmmədova ✓ ქართ"));
            log.appendAs("system", "TEST_EVENT", "thing", "x;y=z\nw", null, Map.of());
        });
        var last = jdbc.sql(
                        "SELECT prev_hash, row_hash, occurred_at, details FROM audit_event ORDER BY id DESC LIMIT 2")
                .query((rs, n) -> new Object[] {
                    rs.getBytes(1), rs.getBytes(2), rs.getTimestamp(3).toInstant(), rs.getString(4)
                })
                .list();
        byte[] expected = AuditLog.rowHash(
                (byte[]) last.get(1)[0],
                AuditLog.canonical(
                        (java.time.Instant) last.get(1)[2],
                        "system",
                        "TEST_EVENT",
                        "letter",
                        letter.toString(),
                        letter.toString(),
                        (String) last.get(1)[3]));
        assertThat(last.get(1)[1]).isEqualTo(expected);
        assertThat(last.get(0)[0]).as("the second row chains to the first").isEqualTo(last.get(1)[1]);

        actAsAdmin();
        ChainVerification v = reader.verifyChain();
        assertThat(v.intact()).as(String.valueOf(v.problem())).isTrue();
    }

    @Test
    void aRowChangedDirectlyInTheDatabaseIsNamedAsTheFirstBrokenRow() {
        UUID letter = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            int n = i;
            tx.executeWithoutResult(
                    s -> log.appendAs("system", "TEST_EVENT", "letter", letter, letter, Map.of("n", n)));
        }
        actAsAdmin();
        long middle = reader.recent(letter, null, 10).get(1).id();
        String original = jdbc.sql("SELECT details FROM audit_event WHERE id = ?")
                .param(middle)
                .query(String.class)
                .single();
        try {
            jdbc.sql("UPDATE audit_event SET details = 'n=42' WHERE id = ?")
                    .param(middle)
                    .update();
            ChainVerification v = reader.verifyChain();
            assertThat(v.intact()).isFalse();
            assertThat(v.firstBrokenRow()).isEqualTo(middle);
            assertThat(v.problem()).contains("does not match its hash");
        } finally {
            jdbc.sql("UPDATE audit_event SET details = ? WHERE id = ?")
                    .params(original, middle)
                    .update();
        }
        assertThat(reader.verifyChain().intact()).isTrue();
    }

    @Test
    void aRowRemovedFromTheDatabaseBreaksTheLinkOfTheRowAfterIt() {
        UUID letter = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            int n = i;
            tx.executeWithoutResult(
                    s -> log.appendAs("system", "TEST_EVENT", "letter", letter, letter, Map.of("n", n)));
        }
        actAsAdmin();
        var rows = reader.recent(letter, null, 10);
        long newest = rows.get(0).id();
        long middle = rows.get(1).id();
        var saved = jdbc.sql("SELECT * FROM audit_event WHERE id = ?")
                .param(middle)
                .query()
                .singleRow();
        try {
            jdbc.sql("DELETE FROM audit_event WHERE id = ?").param(middle).update();
            ChainVerification v = reader.verifyChain();
            assertThat(v.firstBrokenRow()).isEqualTo(newest);
            assertThat(v.problem()).contains("link to the previous row");
        } finally {
            jdbc.sql("""
                            INSERT INTO audit_event (id, occurred_at, actor, action, subject_type, subject_id, letter_id, details, prev_hash, row_hash)
                            OVERRIDING SYSTEM VALUE VALUES (:id, :occurred_at, :actor, :action, :subject_type, :subject_id, :letter_id, :details, :prev_hash, :row_hash)""").params(saved).update();
        }
        assertThat(reader.verifyChain().intact()).isTrue();
    }

    @Test
    void onlyAdministratorsWithTheirSecondFactorReadTheLog() {
        Fixtures.actAs(UUID.randomUUID(), "someone@example.org", false, false);
        assertThatThrownBy(() -> reader.verifyChain()).isInstanceOf(AccessDeniedException.class);
        Fixtures.actAs(UUID.randomUUID(), "admin@example.org", true, false);
        assertThatThrownBy(() -> reader.recent(null, null, 10)).isInstanceOf(AccessDeniedException.class);
    }

    private static void actAsAdmin() {
        Fixtures.actAs(UUID.randomUUID(), "admin@example.org", true, true);
    }
}
