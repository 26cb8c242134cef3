package org.undersigned.letter;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A thread: a comment anchored to a block, and its replies (oldest first). */
public record Comment(
        UUID id,
        UUID blockId,
        String authorName,
        String body,
        Instant createdAt,
        @Nullable Instant resolvedAt,
        List<Reply> replies) {

    public Comment {
        replies = List.copyOf(replies);
    }

    public boolean resolved() {
        return resolvedAt != null;
    }

    public record Reply(UUID id, String authorName, String body, Instant createdAt) {}
}
