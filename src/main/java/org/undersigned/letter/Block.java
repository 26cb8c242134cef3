package org.undersigned.letter;

import java.time.Instant;
import java.util.UUID;

/**
 * One block of a letter as it is now.
 *
 * @param version bumped by every save; a save names the version it started from
 * @param updatedByName who saved it last
 */
public record Block(
        UUID id,
        UUID letterId,
        int position,
        BlockKind kind,
        String text,
        int version,
        Instant updatedAt,
        String updatedByName) {}
