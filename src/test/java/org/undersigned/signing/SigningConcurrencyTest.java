package org.undersigned.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Fixtures;
import org.undersigned.IntegrationTest;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.TextChanges;
import org.undersigned.signing.SigningFlow.Outcome;

/** Many signers at once, while the team changes the text: nothing lost, nothing twice, nothing unseen signed. */
@IntegrationTest
class SigningConcurrencyTest {

    @Autowired
    InvitationService invitations;

    @Autowired
    SigningFlow flow;

    @Autowired
    LetterService letters;

    @Autowired
    TextChanges textChanges;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void nobody() {
        Fixtures.actAsNobody();
    }

    @Test
    void fiftyThreadsSignWhileTheTextChanges() throws Exception {
        var world = new SigningWorld(jdbc);
        UUID letterId = world.letter(letters, "Version one.");
        int n = 50;
        List<String> emails = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String email = world.email("s" + i);
            emails.add(email);
            ids.add(invitations.add(letterId, new NewInvitee("Signer " + i, null, null, email, null)));
        }
        invitations.openForSignatures(letterId);
        Fixtures.actAsNobody();
        // Every signer has a session and a code for version one.
        List<SigningSession> sessions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SigningSession s = flow.begin(world.token(emails.get(i), SigningMails.INVITATION), "203.0.113." + i);
            flow.requestCode(s, ids.get(i), "Signer " + i, null, null, false, true, "203.0.113." + i);
            sessions.add(s);
        }
        Map<UUID, Outcome> outcomes = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(n + 1);
        var barrier = new CyclicBarrier(n + 1);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            String code = world.code(emails.get(k));
            futures.add(pool.submit(() -> {
                barrier.await();
                Thread.sleep(k * 4L);
                // Each signer double-clicks: two submissions of the same form.
                for (int twice = 0; twice < 2; twice++) {
                    try {
                        var r = flow.sign(sessions.get(k), ids.get(k), code, "203.0.113." + k);
                        outcomes.merge(ids.get(k), r.outcome(), (a, b) -> a == Outcome.SIGNED ? a : b);
                    } catch (SigningRefused e) {
                        assertThat(e.reason())
                                .isIn(SigningRefused.Reason.ALREADY_SIGNED, SigningRefused.Reason.NO_CODE);
                    }
                }
                return null;
            }));
        }
        futures.add(pool.submit(() -> {
            barrier.await();
            Thread.sleep(80);
            textChanges.changeFirstParagraph(letterId, world.editor, "Version two.");
            world.actAsEditor();
            try {
                invitations.textChanged(letterId);
            } finally {
                Fixtures.actAsNobody();
            }
            return null;
        }));
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        int current = jdbc.sql("SELECT current_revision FROM letter_signing WHERE letter_id = ?")
                .params(letterId)
                .query(Integer.class)
                .single();
        for (int i = 0; i < n; i++) {
            UUID id = ids.get(i);
            int count = world.signatures(id);
            Outcome outcome = outcomes.get(id);
            assertThat(count).as("signatures of signer " + i).isLessThanOrEqualTo(1);
            if (outcome == Outcome.SIGNED) {
                assertThat(count).isEqualTo(1);
                // Signed version one before the change: they were asked to re-confirm.
                int revision = jdbc.sql("SELECT revision FROM signature WHERE invitation_id = ?")
                        .params(id)
                        .query(Integer.class)
                        .single();
                if (revision < current) {
                    assertThat(world.mails(emails.get(i), SigningMails.RECONSENT))
                            .as("re-consent mail to signer " + i)
                            .isEqualTo(1);
                }
            } else {
                assertThat(outcome).isEqualTo(Outcome.TEXT_CHANGED);
                assertThat(count).isZero();
            }
        }
        // Every signature binds to a frozen text whose hash matches.
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM signature s JOIN signing_text t ON t.letter_id = s.letter_id AND t.revision = s.revision
                         WHERE s.letter_id = ? AND s.text_sha256 <> t.sha256""").params(letterId).query(Integer.class).single()).isZero();
        System.out.println("50 signers during a text change: "
                + outcomes.values().stream().filter(o -> o == Outcome.SIGNED).count()
                + " signed the first text, "
                + outcomes.values().stream()
                        .filter(o -> o == Outcome.TEXT_CHANGED)
                        .count()
                + " were sent back to read the new one");
    }
}
