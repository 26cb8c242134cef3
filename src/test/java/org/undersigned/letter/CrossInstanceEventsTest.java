package org.undersigned.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.undersigned.Application;
import org.undersigned.IntegrationTest;
import org.undersigned.TestDatabase;

/**
 * A second application (its own web server on a random port) on the same database stands for a
 * second app instance: an event one sends
 * (NOTIFY, in its transaction) reaches the other's listener, also after a lost connection.
 */
@IntegrationTest
class CrossInstanceEventsTest {

    static ConfigurableApplicationContext other;

    @Autowired
    LetterBroadcaster broadcaster;

    @Autowired
    LetterEventListener listener;

    @Autowired
    LetterEvents events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Presence presence;

    @Autowired
    LetterService letters;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startSecondInstance() {
        other = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.SERVLET)
                .profiles("test")
                .properties(
                        "spring.datasource.url=" + TestDatabase.url(),
                        "spring.datasource.username=postgres",
                        "spring.datasource.password=",
                        "undersigned.key-directory=" + TestDatabase.keyDirectory(),
                        "spring.main.banner-mode=off")
                .run("--server.port=0");
    }

    @AfterAll
    static void stopSecondInstance() {
        if (other != null) {
            other.close();
        }
    }

    @Test
    void aSaveAnnouncedOnOneInstanceReachesTheOther() throws Exception {
        assertThat(listener.awaitListening(Duration.ofSeconds(10))).isTrue();
        assertThat(other.getBean(LetterEventListener.class).awaitListening(Duration.ofSeconds(10)))
                .isTrue();
        UUID letter = UUID.randomUUID();
        UUID block = UUID.randomUUID();

        // other instance → this one
        var here = new LinkedBlockingQueue<LetterEvent>();
        var sub = broadcaster.subscribe(letter, here::add);
        var otherTx = other.getBean(TransactionTemplate.class);
        var otherEvents = other.getBean(LetterEvents.class);
        otherTx.executeWithoutResult(s -> otherEvents.publish(new LetterEvent.BlockChanged(letter, block, 7)));
        assertThat(arrives(here, new LetterEvent.BlockChanged(letter, block, 7)))
                .isTrue();

        // this instance → the other one
        var there = new LinkedBlockingQueue<LetterEvent>();
        var otherSub = other.getBean(LetterBroadcaster.class).subscribe(letter, there::add);
        transactions.executeWithoutResult(s -> events.publish(new LetterEvent.LetterChanged(letter)));
        // The other instance may still be handed its own earlier event first: wait for this one.
        assertThat(arrives(there, new LetterEvent.LetterChanged(letter))).isTrue();

        // a rolled-back change announces nothing
        here.clear();
        transactions.executeWithoutResult(s -> {
            events.publish(new LetterEvent.BlockChanged(letter, block, 8));
            s.setRollbackOnly();
        });
        // Earlier events may still be arriving; the rolled-back one must never come.
        assertThat(arrives(here, new LetterEvent.BlockChanged(letter, block, 8), 1500))
                .isFalse();
        sub.cancel();
        otherSub.cancel();
    }

    @Test
    void theListenerReconnectsAndAsksEditorsToReload() throws Exception {
        var otherListener = other.getBean(LetterEventListener.class);
        assertThat(otherListener.awaitListening(Duration.ofSeconds(10))).isTrue();
        UUID letter = UUID.randomUUID();
        var there = new LinkedBlockingQueue<LetterEvent>();
        var sub = other.getBean(LetterBroadcaster.class).subscribe(letter, there::add);

        otherListener.dropConnection();

        // on reconnecting it tells every open editor to reload (events may have been missed)
        assertThat(there.poll(15, TimeUnit.SECONDS)).isEqualTo(new LetterEvent.LetterChanged(letter));
        assertThat(otherListener.awaitListening(Duration.ofSeconds(10))).isTrue();
        there.clear();
        transactions.executeWithoutResult(s -> events.publish(new LetterEvent.DiscussionChanged(letter)));
        assertThat(there.poll(5, TimeUnit.SECONDS)).isEqualTo(new LetterEvent.DiscussionChanged(letter));
        sub.cancel();
    }

    @Test
    void someoneOpeningAndEditingOnOneInstanceIsShownOnTheOtherAndLeaves() throws Exception {
        assertThat(listener.awaitListening(Duration.ofSeconds(10))).isTrue();
        assertThat(other.getBean(LetterEventListener.class).awaitListening(Duration.ofSeconds(10)))
                .isTrue();
        // Presence is guarded: only people who see the letter read it, each announces only themselves.
        var people = new People(jdbc);
        UUID organisation = people.organisation("Drafting");
        var nino = people.member(organisation, "Nino Beridze ნინო");
        var outsider = people.member(people.organisation("Elsewhere"), "Outsider Person");
        nino.actAs();
        UUID letter = letters.create(new NewLetter("Presence", "ka", organisation, null, null, null));
        UUID block = UUID.randomUUID();
        UUID person = nino.id();
        UUID tab = UUID.randomUUID();
        // An editor of the letter is open on the other instance: it redraws on presence events.
        var otherPresence = other.getBean(Presence.class);
        var there = new LinkedBlockingQueue<LetterEvent>();
        var otherSub = other.getBean(LetterBroadcaster.class).subscribe(letter, there::add);

        // The person opens the letter on this instance…
        presence.join(letter, person, tab);
        assertThat(arrives(there, new LetterEvent.PresenceChanged(letter, person, tab, null, true)))
                .isTrue();
        assertThat(otherPresence.here(letter))
                .containsExactly(new Presence.Here(person, "Nino Beridze ნინო", tab, null));

        // …starts editing a block…
        presence.editing(letter, person, tab, block);
        assertThat(arrives(there, new LetterEvent.PresenceChanged(letter, person, tab, block, true)))
                .isTrue();
        assertThat(otherPresence.here(letter))
                .containsExactly(new Presence.Here(person, "Nino Beridze ნინო", tab, block));

        // …stops, and closes the letter: gone on the other instance too.
        presence.editing(letter, person, tab, null);
        assertThat(arrives(there, new LetterEvent.PresenceChanged(letter, person, tab, null, true)))
                .isTrue();
        assertThat(otherPresence.here(letter).getFirst().editing()).isNull();
        presence.leave(letter, person, tab);
        assertThat(arrives(there, new LetterEvent.PresenceChanged(letter, person, tab, null, false)))
                .isTrue();
        assertThat(otherPresence.here(letter)).isEmpty();
        assertThat(presence.here(letter)).isEmpty();

        // Nobody announces someone else, and an outsider neither reads nor announces.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> presence.join(letter, outsider.id(), tab))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        outsider.actAs();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> otherPresence.here(letter))
                .isInstanceOf(org.undersigned.base.NotFoundException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> presence.join(letter, outsider.id(), tab))
                .isInstanceOf(org.undersigned.base.NotFoundException.class);
        org.undersigned.Fixtures.actAsNobody();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> presence.here(letter))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        otherSub.cancel();
    }

    /** Whether {@code expected} arrives within 5 s; other events before it are skipped. */
    private static boolean arrives(LinkedBlockingQueue<LetterEvent> queue, LetterEvent expected)
            throws InterruptedException {
        return arrives(queue, expected, 5000);
    }

    private static boolean arrives(LinkedBlockingQueue<LetterEvent> queue, LetterEvent expected, long millis)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            LetterEvent e = queue.poll(100, TimeUnit.MILLISECONDS);
            if (expected.equals(e)) {
                return true;
            }
        }
        return false;
    }
}
