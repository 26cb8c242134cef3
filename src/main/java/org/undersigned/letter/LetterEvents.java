package org.undersigned.letter;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends letter events with PostgreSQL NOTIFY on channel {@value #CHANNEL}. Sent inside the
 * transaction of the change, the notice is delivered exactly when (and only if) it commits.
 * Every instance, this one included, receives it through {@link LetterEventListener}.
 */
@Component
class LetterEvents {

    static final String CHANNEL = "letter_events";

    private final JdbcClient jdbc;

    LetterEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void publish(LetterEvent event) {
        send(event);
    }

    /** Sends now, in a transaction of its own if there is none (presence needs no change to commit). */
    void send(LetterEvent event) {
        jdbc.sql("SELECT pg_notify('" + CHANNEL + "', :payload)")
                .param("payload", LetterEvent.encode(event))
                .query()
                .listOfRows();
    }
}
