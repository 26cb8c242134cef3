package org.undersigned.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.base.CurrentUser;
import org.undersigned.base.Tokens;

/**
 * Appends to the audit log. {@link #append} runs in the caller's transaction (so the row exists
 * exactly when the change does) and takes a transaction-scoped advisory lock, so that rows are
 * chained in commit order across all instances.
 */
@Service
public class AuditLog {

    /**
     * The advisory lock that serialises appends; any constant works, it only has to be shared. The
     * function {@code audit_append} (db/migration/V0059) is given it as its first argument.
     */
    static final long CHAIN_LOCK = 7_413_001L;

    static final byte[] GENESIS = new byte[32];

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records a change made by whoever is signed in (or "anonymous").
     *
     * @param action what happened, e.g. {@code ORGANISATION_REGISTERED}
     * @param subjectType the kind of thing changed, e.g. {@code organisation}
     * @param subjectId its id
     * @param letterId the letter it belongs to, for filtering, or null
     * @param details small facts (ids, states, roles) — never names or emails
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(
            String action, String subjectType, Object subjectId, @Nullable UUID letterId, Map<String, ?> details) {
        String actor = CurrentUser.get().map(u -> "account:" + u.accountId()).orElse("anonymous");
        appendAs(actor, action, subjectType, subjectId, letterId, details);
    }

    /** Records a change made by a named actor (a signer's invitation, the system scheduler). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAs(
            String actor,
            String action,
            String subjectType,
            Object subjectId,
            @Nullable UUID letterId,
            Map<String, ?> details) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String detailText = canonicalDetails(details);
        String subject = String.valueOf(subjectId);
        String content = canonical(
                at, actor, action, subjectType, subject, letterId == null ? null : letterId.toString(), detailText);
        // One round trip: the function takes the chain's lock (CHAIN_LOCK), reads the last hash and
        // inserts the row hashed as rowHash does (db/migration/V0059, decision 0068).
        jdbc.sql(
                        "SELECT audit_append(:lock, :at, :actor, :action, :subjectType, :subjectId, :letterId, :details, :content)")
                .param("lock", CHAIN_LOCK)
                .param("at", Timestamp.from(at))
                .param("actor", actor)
                .param("action", action)
                .param("subjectType", subjectType)
                .param("subjectId", subject)
                .param("letterId", letterId, java.sql.Types.OTHER)
                .param("details", detailText)
                .param("content", content.getBytes(StandardCharsets.UTF_8))
                .query((rs, n) -> 1)
                .list();
    }

    /** The canonical content of a row: fields joined by line feeds, times as epoch microseconds. */
    static String canonical(
            Instant at,
            String actor,
            String action,
            String subjectType,
            String subjectId,
            @Nullable String letterId,
            String details) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        return String.join(
                "\n",
                "v1",
                Long.toString(micros),
                actor,
                action,
                subjectType,
                subjectId,
                letterId == null ? "-" : letterId,
                details);
    }

    static byte[] rowHash(byte[] prev, String content) {
        byte[] c = content.getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(prev, prev.length + c.length);
        System.arraycopy(c, 0, all, prev.length, c.length);
        return Tokens.sha256(all);
    }

    /** Details as "key=value" lines sorted by key; values have line breaks escaped. */
    static String canonicalDetails(Map<String, ?> details) {
        var sorted = new TreeMap<String, Object>(details);
        var b = new StringBuilder();
        sorted.forEach((k, v) -> {
            if (!b.isEmpty()) {
                b.append(';');
            }
            b.append(escape(k)).append('=').append(escape(String.valueOf(v)));
        });
        return b.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace(";", "\\;").replace("=", "\\=");
    }
}
