package org.undersigned.letter;

import java.time.Instant;
import java.util.UUID;

/** A letter on the dashboard: what it is, where it stands, who touched it last. */
public record LetterSummary(
        UUID id,
        String title,
        LetterState state,
        String publisherName,
        Instant updatedAt,
        String updatedByName,
        LetterAccess access) {}
