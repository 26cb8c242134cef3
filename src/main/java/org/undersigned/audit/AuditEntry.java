package org.undersigned.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One row of the audit log, as administrators read it. */
public record AuditEntry(
        long id,
        Instant occurredAt,
        String actor,
        String action,
        String subjectType,
        String subjectId,
        @Nullable String letterId,
        String details) {}
