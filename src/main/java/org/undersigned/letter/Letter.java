package org.undersigned.letter;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A letter's metadata (its text is in its {@link Block}s).
 *
 * @param language a BCP 47 tag ("en", "az", "ka", "ru"); the published page's {@code lang}
 * @param revision the number of its latest revision (0 before the first save)
 */
public record Letter(
        UUID id,
        String title,
        String language,
        UUID publisherOrganisationId,
        String publisherName,
        LetterState state,
        int revision,
        Instant createdAt,
        Instant updatedAt,
        String updatedByName,
        @Nullable Instant openedAt,
        @Nullable Instant lockedAt,
        @Nullable Instant reviewRequestedAt,
        @Nullable Instant publishedAt,
        @Nullable Instant withdrawnAt) {}
