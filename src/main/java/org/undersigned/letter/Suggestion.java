package org.undersigned.letter;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A proposed replacement of a block's text. */
public record Suggestion(
        UUID id,
        UUID blockId,
        int baseVersion,
        String baseText,
        String proposedText,
        String authorName,
        Instant createdAt,
        State state,
        @Nullable String decidedByName,
        @Nullable Instant decidedAt) {

    public enum State {
        OPEN,
        ACCEPTED,
        REJECTED
    }
}
