package org.undersigned.letter;

import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Something changed on a letter; open editors reload what it names. Events travel between app
 * instances as PostgreSQL NOTIFY payloads, which any database session can read: so they carry
 * ids and versions only, never text.
 */
public sealed interface LetterEvent {

    UUID letterId();

    /** A block's text was saved. */
    record BlockChanged(UUID letterId, UUID blockId, int version) implements LetterEvent {}

    /** Blocks were added, removed, reordered or restored, or the letter's details changed. */
    record LetterChanged(UUID letterId) implements LetterEvent {}

    /** Comments or suggestions changed. */
    record DiscussionChanged(UUID letterId) implements LetterEvent {}

    /**
     * Someone opened, left, or started or stopped editing a block.
     *
     * @param session one open editor (a person may have several)
     * @param editing the block being edited, or null
     * @param present false when the editor was closed
     */
    record PresenceChanged(
            UUID letterId,
            UUID accountId,
            UUID session,
            @Nullable UUID editing,
            boolean present) implements LetterEvent {}

    /** The NOTIFY payload: fields separated by '|'. */
    static String encode(LetterEvent event) {
        return switch (event) {
            case BlockChanged b -> "B|" + b.letterId() + "|" + b.blockId() + "|" + b.version();
            case LetterChanged l -> "L|" + l.letterId();
            case DiscussionChanged d -> "D|" + d.letterId();
            case PresenceChanged p ->
                "P|" + p.letterId() + "|" + p.accountId() + "|" + p.session() + "|"
                        + (p.editing() == null ? "-" : p.editing()) + "|" + (p.present() ? "1" : "0");
        };
    }

    /** Reads a payload; anything malformed is ignored (empty), never trusted. */
    static Optional<LetterEvent> decode(@Nullable String payload) {
        if (payload == null || payload.length() > 300) {
            return Optional.empty();
        }
        String[] f = payload.split("\\|", -1);
        try {
            return Optional.ofNullable(
                    switch (f[0]) {
                        case "B" ->
                            f.length == 4
                                    ? new BlockChanged(
                                            UUID.fromString(f[1]), UUID.fromString(f[2]), Integer.parseInt(f[3]))
                                    : null;
                        case "L" -> f.length == 2 ? new LetterChanged(UUID.fromString(f[1])) : null;
                        case "D" -> f.length == 2 ? new DiscussionChanged(UUID.fromString(f[1])) : null;
                        case "P" ->
                            f.length == 6
                                    ? new PresenceChanged(
                                            UUID.fromString(f[1]),
                                            UUID.fromString(f[2]),
                                            UUID.fromString(f[3]),
                                            f[4].equals("-") ? null : UUID.fromString(f[4]),
                                            f[5].equals("1"))
                                    : null;
                        default -> null;
                    });
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
