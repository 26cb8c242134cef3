package org.undersigned.letter;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.undersigned.base.CurrentUser;
import org.undersigned.base.SignedInUser;

/**
 * Who has which letter open, on every instance, and which block each is editing. Each instance
 * announces its own open editors through NOTIFY and repeats the announcement every {@value
 * #HEARTBEAT_SECONDS} s; an editor not heard of for {@value #EXPIRY_SECONDS} s (its instance
 * died) is dropped.
 *
 * <p>Who has a draft open is part of the draft: every public method checks that the caller is
 * signed in and can see the letter ({@link LetterGuard}: "not found" otherwise, as for the
 * letter itself), and announces only the caller, never someone else. The one exception is
 * {@link #leave} on a thread with nobody signed in, which happens when a session ends: it may
 * only take away an editor this instance holds, by its unguessable session id.
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
    private final LetterGuard guard;
    private final Clock clock;
    private volatile Instant lastBeat = Instant.EPOCH;

    Presence(LetterEvents events, LetterRepository repository, LetterGuard guard, Clock clock) {
        this.events = events;
        this.repository = repository;
        this.guard = guard;
        this.clock = clock;
    }

    /** The caller opened an editor on the letter. */
    public void join(UUID letterId, UUID accountId, UUID session) {
        requireSelfWithAccess(letterId, accountId);
        put(letterId, accountId, session, null, true);
        events.send(new LetterEvent.PresenceChanged(letterId, accountId, session, null, true));
    }

    /** The editor started editing a block, or stopped ({@code blockId} null). */
    public void editing(UUID letterId, UUID accountId, UUID session, @Nullable UUID blockId) {
        requireSelfWithAccess(letterId, accountId);
        put(letterId, accountId, session, blockId, true);
        events.send(new LetterEvent.PresenceChanged(letterId, accountId, session, blockId, true));
    }

    /**
     * The editor closed. Signed in, a person can take away only their own editors; with nobody
     * signed in (a session ending), only an editor this instance holds for that person.
     */
    public void leave(UUID letterId, UUID accountId, UUID session) {
        var me = CurrentUser.get();
        if (me.isPresent()) {
            if (!me.get().accountId().equals(accountId)) {
                throw new AccessDeniedException("Only the person who opened an editor closes it.");
            }
        } else {
            Entry held = letters.getOrDefault(letterId, Map.of()).get(session);
            if (held == null || !held.local() || !held.accountId().equals(accountId)) {
                throw new AccessDeniedException("Sign in first.");
            }
        }
        remove(letterId, session);
        events.send(new LetterEvent.PresenceChanged(letterId, accountId, session, null, false));
    }

    /** Everyone with the letter open, one entry per open editor, by name. */
    public List<Here> here(UUID letterId) {
        CurrentUser.require();
        guard.read(letterId);
        return letters.getOrDefault(letterId, Map.of()).entrySet().stream()
                .map(e -> new Here(
                        e.getValue().accountId(),
                        nameOf(e.getValue().accountId()),
                        e.getKey(),
                        e.getValue().editing()))
                .sorted(Comparator.comparing(Here::name).thenComparing(Here::session))
                .toList();
    }

    private void requireSelfWithAccess(UUID letterId, UUID accountId) {
        SignedInUser me = CurrentUser.require();
        guard.read(letterId);
        if (!me.accountId().equals(accountId)) {
            throw new AccessDeniedException("A person can only announce themselves.");
        }
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
