package org.undersigned.letter;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Who has which letter open, on every instance, and which block each is editing. Each instance
 * announces its own open editors through NOTIFY and repeats the announcement every {@value
 * #HEARTBEAT_SECONDS} s; an editor not heard of for {@value #EXPIRY_SECONDS} s (its instance
 * died) is dropped.
 */
@Component
public class Presence {

    static final int HEARTBEAT_SECONDS = 15;
    static final int EXPIRY_SECONDS = 45;

    /** One open editor. */
    public record Here(
            UUID accountId,
            String name,
            UUID session,
            @Nullable UUID editing) {}

    private record Entry(UUID accountId, @Nullable UUID editing, Instant seen, boolean local) {}

    private final Map<UUID, Map<UUID, Entry>> letters = new ConcurrentHashMap<>();
    private final Map<UUID, String> names = new ConcurrentHashMap<>();
    private final LetterEvents events;
    private final LetterRepository repository;
    private final Clock clock;
    private volatile Instant lastBeat = Instant.EPOCH;

    Presence(LetterEvents events, LetterRepository repository, Clock clock) {
        this.events = events;
        this.repository = repository;
        this.clock = clock;
    }

    /** An editor opened; the caller has checked access. */
    public void join(UUID letterId, UUID accountId, UUID session) {
        put(letterId, accountId, session, null, true);
        events.send(new LetterEvent.PresenceChanged(letterId, accountId, session, null, true));
    }

    /** The editor started editing a block, or stopped ({@code blockId} null). */
    public void editing(UUID letterId, UUID accountId, UUID session, @Nullable UUID blockId) {
        put(letterId, accountId, session, blockId, true);
        events.send(new LetterEvent.PresenceChanged(letterId, accountId, session, blockId, true));
    }

    public void leave(UUID letterId, UUID accountId, UUID session) {
        remove(letterId, session);
        events.send(new LetterEvent.PresenceChanged(letterId, accountId, session, null, false));
    }

    /** Everyone with the letter open, one entry per open editor, by name. */
    public List<Here> here(UUID letterId) {
        return letters.getOrDefault(letterId, Map.of()).entrySet().stream()
                .map(e -> new Here(
                        e.getValue().accountId(),
                        nameOf(e.getValue().accountId()),
                        e.getKey(),
                        e.getValue().editing()))
                .sorted(Comparator.comparing(Here::name).thenComparing(Here::session))
                .toList();
    }

    /** An announcement from any instance, this one included. */
    void apply(LetterEvent.PresenceChanged p) {
        if (p.present()) {
            var existing = letters.getOrDefault(p.letterId(), Map.of()).get(p.session());
            put(p.letterId(), p.accountId(), p.session(), p.editing(), existing != null && existing.local());
        } else {
            remove(p.letterId(), p.session());
        }
    }

    /** Called about once a second by the listener thread: repeat our announcements, expire others. */
    void tick() {
        Instant now = clock.instant();
        if (now.isBefore(lastBeat.plusSeconds(HEARTBEAT_SECONDS))) {
            return;
        }
        lastBeat = now;
        Instant expiry = now.minusSeconds(EXPIRY_SECONDS);
        letters.forEach((letterId, sessions) -> sessions.forEach((session, e) -> {
            if (e.local()) {
                events.send(new LetterEvent.PresenceChanged(letterId, e.accountId(), session, e.editing(), true));
            } else if (e.seen().isBefore(expiry)) {
                remove(letterId, session);
            }
        }));
    }

    private void put(UUID letterId, UUID accountId, UUID session, @Nullable UUID editing, boolean local) {
        letters.computeIfAbsent(letterId, k -> new ConcurrentHashMap<>())
                .put(session, new Entry(accountId, editing, clock.instant(), local));
    }

    private void remove(UUID letterId, UUID session) {
        letters.computeIfPresent(letterId, (k, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    private String nameOf(UUID accountId) {
        return names.computeIfAbsent(
                accountId, id -> repository.displayNameOf(id).orElse("Someone"));
    }
}
