package org.undersigned.letter;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands letter events to the open editors of this instance. Views subscribe per letter and
 * must not block (a Vaadin view passes the event to {@code UI.access}).
 */
@Component
public class LetterBroadcaster {

    private static final Logger log = LoggerFactory.getLogger(LetterBroadcaster.class);

    /** A subscription; remove it when the view detaches. */
    public interface Subscription {
        void cancel();
    }

    private final Map<UUID, List<Consumer<LetterEvent>>> listeners = new ConcurrentHashMap<>();

    /**
     * Listens to one letter's events. The caller must have checked that the person may see the
     * letter: events carry only ids, but a view reloads what they name.
     */
    public Subscription subscribe(UUID letterId, Consumer<LetterEvent> listener) {
        listeners.computeIfAbsent(letterId, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.computeIfPresent(letterId, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    void deliver(LetterEvent event) {
        for (Consumer<LetterEvent> listener : listeners.getOrDefault(event.letterId(), List.of())) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("A letter event listener failed", e);
            }
        }
    }

    /** After a lost connection events may have been missed: every open editor reloads. */
    void resynchronise() {
        for (UUID letterId : listeners.keySet()) {
            deliver(new LetterEvent.LetterChanged(letterId));
            deliver(new LetterEvent.DiscussionChanged(letterId));
        }
    }

    int subscriptions() {
        return listeners.values().stream().mapToInt(List::size).sum();
    }
}
