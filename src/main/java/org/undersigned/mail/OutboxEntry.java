package org.undersigned.mail;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One outbox row as administrators see it. */
public record OutboxEntry(
        long id,
        String kind,
        String recipient,
        String subject,
        String textBody,
        String status,
        int attempts,
        @Nullable String lastError,
        Instant createdAt,
        Instant nextAttemptAt,
        @Nullable Instant sentAt) {}
