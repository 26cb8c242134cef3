package org.undersigned.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.base.AppRoles;

/** Administrators read the audit log, filtered by letter or person, and verify its chain. */
@Service
@PreAuthorize(AppRoles.HAS_ADMIN)
public class AuditReader {

    private final JdbcClient jdbc;

    AuditReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The newest rows first, optionally only those of one letter and/or one account (as actor or
     * as subject).
     */
    @Transactional(readOnly = true)
    public List<AuditEntry> recent(@Nullable UUID letterId, @Nullable UUID accountId, int limit) {
        return jdbc.sql("""
                        SELECT id, occurred_at, actor, action, subject_type, subject_id, letter_id::text AS letter_id, details
                          FROM audit_event
                         WHERE (CAST(:letter AS uuid) IS NULL OR letter_id = CAST(:letter AS uuid))
                           AND (CAST(:account AS text) IS NULL OR actor = 'account:' || CAST(:account AS text) OR subject_id = CAST(:account AS text))
                         ORDER BY id DESC
                         LIMIT :limit""")
                .param("letter", letterId)
                .param("account", accountId == null ? null : accountId.toString())
                .param("limit", Math.max(1, Math.min(limit, 5000)))
                .query(AuditEntry.class)
                .list();
    }

    /** Walks the whole chain in order and reports the first row that does not hold. */
    @Transactional(readOnly = true)
    public ChainVerification verifyChain() {
        record Row(
                long id,
                Instant occurredAt,
                String actor,
                String action,
                String subjectType,
                String subjectId,
                @Nullable String letterId,
                String details,
                byte[] prevHash,
                byte[] rowHash) {}
        var state = new Object() {
            byte[] expectedPrev = AuditLog.GENESIS;
            long checked = 0;

            @Nullable
            Long broken = null;

            @Nullable
            String problem = null;
        };
        try (var rows = jdbc.sql("""
                        SELECT id, occurred_at, actor, action, subject_type, subject_id, letter_id::text AS letter_id, details, prev_hash, row_hash
                          FROM audit_event ORDER BY id""").query(Row.class).stream()) {
            rows.takeWhile(r -> state.broken == null).forEach(r -> {
                state.checked++;
                if (!Arrays.equals(r.prevHash(), state.expectedPrev)) {
                    state.broken = r.id();
                    state.problem =
                            "its link to the previous row is broken (a row before it was changed, removed or inserted)";
                    return;
                }
                String content = AuditLog.canonical(
                        r.occurredAt().truncatedTo(ChronoUnit.MICROS),
                        r.actor(),
                        r.action(),
                        r.subjectType(),
                        r.subjectId(),
                        r.letterId(),
                        r.details());
                byte[] expected = AuditLog.rowHash(r.prevHash(), content);
                if (!Arrays.equals(expected, r.rowHash())) {
                    state.broken = r.id();
                    state.problem = "its content does not match its hash (the row was changed); stored "
                            + HexFormat.of().formatHex(r.rowHash()).substring(0, 12) + "…, computed "
                            + HexFormat.of().formatHex(expected).substring(0, 12) + "…";
                    return;
                }
                state.expectedPrev = r.rowHash();
            });
        }
        return new ChainVerification(state.checked, state.broken, state.problem);
    }
}
