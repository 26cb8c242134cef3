package org.undersigned.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Fixtures;
import org.undersigned.IntegrationTest;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.RefusedException;
import org.undersigned.letter.LetterService;
import org.undersigned.signing.SigningFlow.Outcome;
import org.undersigned.signing.SigningRefused.Reason;

/** Locking races signing, closes what is open, locks at a deadline once, and keeps the chosen order. */
@IntegrationTest
class ListLockingTest {

    @Autowired
    InvitationService invitations;

    @Autowired
    SignatureListService lists;

    @Autowired
    SigningFlow flow;

    @Autowired
    LetterService letters;

    @Autowired
    ListJobs jobs;

    @Autowired
    JdbcClient jdbc;

    SigningWorld world;
    UUID letterId;

    @BeforeEach
    void letter() {
        world = new SigningWorld(jdbc);
        letterId = world.letter(letters, "We stand with the defenders of human rights.");
    }

    @AfterEach
    void nobody() {
        Fixtures.actAsNobody();
    }

    record Invited(UUID id, String email, String client) {}

    List<Invited> invite(int n, String prefix) {
        world.actAsEditor();
        List<Invited> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String email = world.email(prefix + i);
            UUID id = invitations.add(letterId, new NewInvitee(prefix + " Signer " + i, null, null, email, "en"));
            all.add(new Invited(id, email, "198.51." + (i / 250) + "." + (i % 250)));
        }
        return all;
    }

    void open() {
        world.actAsEditor();
        invitations.openForSignatures(letterId);
        Fixtures.actAsNobody();
    }

    SigningSession withCode(Invited who, String name) {
        SigningSession s = flow.begin(world.token(who.email(), SigningMails.INVITATION), who.client());
        flow.requestCode(s, who.id(), name, null, null, false, true, who.client());
        return s;
    }

    void sign(Invited who, String name) {
        SigningSession s = withCode(who, name);
        assertThat(flow.sign(s, who.id(), world.code(who.email()), who.client()).outcome())
                .isEqualTo(Outcome.SIGNED);
    }

    int audits(String action) {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE letter_id = ? AND action = ?")
                .params(letterId, action)
                .query(Integer.class)
                .single();
    }

    Set<UUID> signatureIds() {
        return new HashSet<>(jdbc.sql("SELECT id FROM signature WHERE letter_id = ?")
                .params(letterId)
                .query(UUID.class)
                .list());
    }

    @Test
    void aHundredSignersRacingTheLockAreOnTheListOrRefusedWithNoRow() throws Exception {
        int n = 100;
        List<Invited> all = invite(n, "race");
        open();
        List<SigningSession> sessions = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (Invited who : all) {
            sessions.add(withCode(who, "Signer " + who.id()));
            codes.add(world.code(who.email()));
        }
        Map<UUID, Object> outcomes = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(n + 1);
        // The first half races the lock (released with it, in any order); the second half submits
        // its code only after the lock committed, so both paths are taken on every run.
        var race = new CyclicBarrier(n / 2 + 1);
        var afterLock = new java.util.concurrent.CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            futures.add(pool.submit(() -> {
                if (k < n / 2) {
                    race.await();
                    Thread.sleep(k % 10);
                } else {
                    afterLock.await();
                }
                Invited who = all.get(k);
                try {
                    outcomes.put(
                            who.id(),
                            flow.sign(sessions.get(k), who.id(), codes.get(k), who.client())
                                    .outcome());
                } catch (SigningRefused e) {
                    outcomes.put(who.id(), e);
                }
                return null;
            }));
        }
        LockedList[] locked = new LockedList[1];
        futures.add(pool.submit(() -> {
            race.await();
            Thread.sleep(5);
            world.actAsEditor();
            try {
                locked[0] = lists.lock(letterId);
            } finally {
                Fixtures.actAsNobody();
                afterLock.countDown();
            }
            return null;
        }));
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        LockedList list = locked[0];
        Set<UUID> listed = new HashSet<>();
        list.signatures().forEach(l -> listed.add(l.signatureId()));
        // Exactly the signatures committed before the lock: every row in the database is listed.
        assertThat(listed).isEqualTo(signatureIds());
        assertThat(list.hashMatches()).isTrue();
        int signed = 0;
        int refused = 0;
        for (Invited who : all) {
            Object outcome = outcomes.get(who.id());
            if (outcome == Outcome.SIGNED) {
                signed++;
                assertThat(world.signatures(who.id())).isEqualTo(1);
                assertThat(world.state(who.id())).isEqualTo("SIGNED");
            } else {
                refused++;
                assertThat(outcome).isInstanceOf(SigningRefused.class);
                SigningRefused e = (SigningRefused) outcome;
                assertThat(e.reason()).isEqualTo(Reason.LOCKED);
                assertThat(e.explanation())
                        .startsWith("The list of signatures was locked on ")
                        .endsWith("; your signature was not recorded.");
                assertThat(world.signatures(who.id())).isZero();
                assertThat(world.state(who.id())).isEqualTo("CLOSED");
            }
        }
        assertThat(signed).isEqualTo(list.signatures().size());
        assertThat(signed + refused).isEqualTo(n);
        assertThat(refused).as("the half that came after the lock").isGreaterThanOrEqualTo(n / 2);
        // The list as stored is the list returned; publication reads the same.
        world.actAsEditor();
        assertThat(lists.locked(letterId)).contains(list);
        System.out.println(
                "100 signers racing the lock: " + signed + " on the list, " + refused + " refused with the lock page");
    }

    @Test
    void openInvitationsAreClosedAndToldOnceAndSignersCannotWithdraw() {
        List<Invited> all = invite(5, "close");
        world.actAsEditor();
        String unsentEmail = world.email("unsent");
        UUID unsent = invitations.add(letterId, new NewInvitee("Not Sent", null, null, unsentEmail, "en"));
        // Sent on opening; add "unsent" after opening so it stays CREATED.
        jdbc.sql("DELETE FROM invitation WHERE id = ?").params(unsent).update();
        open();
        world.actAsEditor();
        unsent = invitations.add(letterId, new NewInvitee("Not Sent", null, null, unsentEmail, "en"));
        Fixtures.actAsNobody();
        Invited signer = all.get(0);
        sign(signer, "Leyla Məmmədova");
        SigningSession signerSession = flow.begin(world.token(signer.email(), SigningMails.CONFIRMATION), "192.0.2.9");
        Invited decliner = all.get(1);
        SigningSession d = flow.begin(world.token(decliner.email(), SigningMails.INVITATION), decliner.client());
        flow.decline(d, decliner.id(), null);
        Invited opened = all.get(2);
        SigningSession openedSession = withCode(opened, "Opened Only");
        Invited revoked = all.get(3);
        world.actAsEditor();
        invitations.revoke(letterId, revoked.id());
        Invited silent = all.get(4);

        var preview = lists.lockPreview(letterId);
        assertThat(preview.signatures()).isEqualTo(1);
        assertThat(preview.openInvitations()).isEqualTo(3); // opened, silent, unsent
        lists.lock(letterId);

        assertThat(world.state(signer.id())).isEqualTo("SIGNED");
        assertThat(world.state(decliner.id())).isEqualTo("DECLINED");
        assertThat(world.state(revoked.id())).isEqualTo("REVOKED");
        assertThat(world.state(opened.id())).isEqualTo("CLOSED");
        assertThat(world.state(silent.id())).isEqualTo("CLOSED");
        assertThat(world.state(unsent)).isEqualTo("CLOSED");
        assertThat(world.mails(opened.email(), SigningMails.CLOSED)).isEqualTo(1);
        assertThat(world.mails(silent.email(), SigningMails.CLOSED)).isEqualTo(1);
        assertThat(world.lastMail(silent.email(), SigningMails.CLOSED))
                .contains("The list of signatures is now closed")
                .contains("Nothing was recorded in your name");
        assertThat(world.mails(unsentEmail, SigningMails.CLOSED)).isZero(); // never invited, never told
        assertThat(world.mails(decliner.email(), SigningMails.CLOSED)).isZero();
        assertThat(world.mails(signer.email(), SigningMails.CLOSED)).isZero();
        assertThat(audits("INVITATION_CLOSED")).isEqualTo(3);

        Fixtures.actAsNobody();
        // The opened invitee's code no longer signs, and the page says when the list was locked.
        assertThatThrownBy(() -> flow.sign(openedSession, opened.id(), world.code(opened.email()), opened.client()))
                .isInstanceOfSatisfying(SigningRefused.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.LOCKED);
                    assertThat(e.explanation()).contains("your signature was not recorded");
                });
        // The silent invitee's link is closed with the same page.
        assertThatThrownBy(() -> flow.landing(world.token(silent.email(), SigningMails.INVITATION), silent.client()))
                .extracting("reason")
                .isEqualTo(Reason.LOCKED);
        // The signer cannot withdraw: told they are on the list.
        assertThatThrownBy(() -> flow.withdraw(signerSession, signer.id()))
                .isInstanceOfSatisfying(SigningRefused.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.LOCKED);
                    assertThat(e.explanation()).contains("is on the list");
                });
        assertThat(flow.done(signerSession).canWithdraw()).isFalse();
        assertThat(world.state(signer.id())).isEqualTo("SIGNED");
    }

    @Test
    void theDeadlineLocksOnceEvenWithTwoInstancesRunningTheJob() throws Exception {
        List<Invited> all = invite(3, "deadline");
        world.actAsEditor();
        Instant deadline = Instant.now().plus(Duration.ofHours(1));
        lists.setDeadline(letterId, deadline);
        assertThat(lists.deadline(letterId)).isPresent();
        assertThatThrownBy(() -> lists.setDeadline(letterId, Instant.now().minusSeconds(5)))
                .isInstanceOf(InvalidInputException.class);
        open();
        sign(all.get(0), "Nino Beridze");

        // Before the deadline the job does nothing.
        assertThat(jobs.lockDue(Instant.now())).isZero();
        assertThat(world.state(all.get(1).id())).isEqualTo("SENT");

        Instant later = deadline.plusSeconds(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        var barrier = new CyclicBarrier(2);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(pool.submit(() -> {
                barrier.await();
                return jobs.lockDue(later);
            }));
        }
        int locks = 0;
        for (Future<Integer> r : runs) {
            locks += r.get();
        }
        pool.shutdown();
        assertThat(locks).isEqualTo(1);
        assertThat(audits("LETTER_LOCKED")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT actor FROM audit_event WHERE letter_id = ? AND action = 'LETTER_LOCKED'")
                        .params(letterId)
                        .query(String.class)
                        .single())
                .isEqualTo("system:signing");
        assertThat(jdbc.sql("SELECT state FROM letter WHERE id = ?")
                        .params(letterId)
                        .query(String.class)
                        .single())
                .isEqualTo("LOCKED");
        assertThat(world.mails(all.get(1).email(), SigningMails.CLOSED)).isEqualTo(1);
        assertThat(world.mails(all.get(2).email(), SigningMails.CLOSED)).isEqualTo(1);
        assertThat(audits("INVITATION_CLOSED")).isEqualTo(2);
        // A later run finds nothing more to do; the deadline can no longer change.
        assertThat(jobs.lockDue(later.plusSeconds(60))).isZero();
        world.actAsEditor();
        assertThat(lists.locked(letterId).orElseThrow().signatures()).hasSize(1);
        assertThatThrownBy(() -> lists.setDeadline(letterId, Instant.now().plus(Duration.ofDays(1))))
                .isInstanceOf(RefusedException.class);
        assertThat(audits("LOCK_DEADLINE_SET")).isEqualTo(1);
    }

    @Test
    void theOrderIsChosenBeforeAndAfterTheLockAndRecordedWithItsHash() {
        List<Invited> all = invite(4, "order");
        open();
        // Signing order: Zəfər, Nino, Иван, Ahmad.
        sign(all.get(0), "Zəfər Şükürov");
        sign(all.get(1), "ნინო ბერიძე");
        sign(all.get(2), "Иван Петров");
        sign(all.get(3), "Ahmad van der Berg");
        world.actAsEditor();
        assertThat(lists.ordered(letterId))
                .extracting(LockedList.Line::displayName)
                .containsExactly("Zəfər Şükürov", "ნინო ბერიძე", "Иван Петров", "Ahmad van der Berg");

        lists.setOrder(letterId, ListOrder.FAMILY_NAME);
        // Last words: Berg, Şükürov, ბერიძე, Петров — Latin before Cyrillic before Georgian in the root collation.
        List<String> alphabetical = lists.ordered(letterId).stream()
                .map(LockedList.Line::displayName)
                .toList();
        assertThat(alphabetical.getFirst()).isEqualTo("Ahmad van der Berg");
        assertThat(alphabetical.get(1)).isEqualTo("Zəfər Şükürov");
        // The team corrects a family name: "van der Berg" sorts under V.
        UUID ahmad = lists.ordered(letterId).getFirst().signatureId();
        lists.setFamilyName(letterId, ahmad, "Van der Berg");
        assertThat(lists.familyNames(letterId)).containsEntry(ahmad, "Van der Berg");
        assertThat(lists.ordered(letterId).get(1).displayName()).isEqualTo("Ahmad van der Berg");
        assertThatThrownBy(() -> lists.setFamilyName(letterId, ahmad, "Berg\u202E"))
                .isInstanceOf(InvalidInputException.class);

        LockedList locked = lists.lock(letterId);
        assertThat(locked.order()).isEqualTo("FAMILY_NAME");
        assertThat(locked.signatures().get(1).displayName()).isEqualTo("Ahmad van der Berg");

        // After the lock, moving a line re-records the list and its hash, with an audit row.
        UUID first = locked.signatures().getFirst().signatureId();
        lists.move(letterId, first, 1);
        LockedList moved = lists.locked(letterId).orElseThrow();
        assertThat(moved.order()).isEqualTo("BY_HAND");
        assertThat(moved.signatures().get(1).signatureId()).isEqualTo(first);
        assertThat(moved.listSha256()).isNotEqualTo(locked.listSha256());
        assertThat(moved.lockedAt()).isEqualTo(locked.lockedAt());
        assertThat(moved.hashMatches()).isTrue();
        assertThat(audits("SIGNATURE_LIST_REORDERED")).isEqualTo(1);
        // Moving the first line up changes nothing.
        lists.move(letterId, moved.signatures().getFirst().signatureId(), -1);
        assertThat(lists.locked(letterId).orElseThrow().listSha256()).isEqualTo(moved.listSha256());
        assertThat(audits("SIGNATURE_LIST_REORDERED")).isEqualTo(1);
        lists.setOrder(letterId, ListOrder.SIGNING_TIME);
        assertThat(lists.locked(letterId).orElseThrow().signatures())
                .extracting(LockedList.Line::displayName)
                .containsExactly("Zəfər Şükürov", "ნინო ბერიძე", "Иван Петров", "Ahmad van der Berg");
        assertThat(audits("SIGNATURE_LIST_REORDERED")).isEqualTo(2);

        // Once review is requested the order is fixed.
        jdbc.sql("UPDATE letter SET state = 'IN_REVIEW' WHERE id = ?")
                .params(letterId)
                .update();
        assertThatThrownBy(() -> lists.setOrder(letterId, ListOrder.FAMILY_NAME))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("Publication has been requested");
        assertThat(lists.locked(letterId).orElseThrow().order()).isEqualTo("SIGNING_TIME");
    }

    @Test
    void familyNamesAreTheLastWordOfANameInAnyScript() {
        assertThat(ListOrdering.familyNameOf("Leyla Məmmədova")).isEqualTo("Məmmədova");
        assertThat(ListOrdering.familyNameOf("ნინო ბერიძე")).isEqualTo("ბერიძე");
        assertThat(ListOrdering.familyNameOf("سارة إدريس")).isEqualTo("إدريس");
        assertThat(ListOrdering.familyNameOf("Madonna")).isEqualTo("Madonna");
        assertThat(ListOrdering.familyNameOf("Ана\u00A0Иванова")).isEqualTo("Иванова");
    }
}
