package org.undersigned.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.undersigned.Fixtures;
import org.undersigned.IntegrationTest;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;

/**
 * Requesting publication and the four-eyes review on the real PostgreSQL, on letters signed and
 * locked through the signing feature: who may not decide, one publication from two approvals at
 * once, rejection with a note, the embargo job with two runners, and a failure half-way that
 * leaves nothing behind.
 */
@IntegrationTest
class PublicationReviewTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    PublicationReview review;

    @Autowired
    EmbargoJob embargo;

    @Autowired
    PublishedArtifacts artifacts;

    @Autowired
    SignedManifests manifests;

    @Autowired
    JdbcClient jdbc;

    @MockitoSpyBean
    PdfRenderer pdf;

    PublicationWorld world;
    String leyla;
    String nino;

    @BeforeEach
    void lockedLetter() {
        world = new PublicationWorld(context::getBean, Fixtures.unique("Azərbaycan İnsan Hüquqları Cəmiyyəti"));
        world.letter(
                Fixtures.unique("Həmrəylik məktubu"),
                "az",
                "Azərbaycanda insan hüquqları müdafiəçiləri azad edilməlidir.\n\nWe stand with them.");
        leyla = world.invite("Leyla Məmmədova", "Sədr", world.organisationName, "az");
        nino = world.invite("ნინო ბერიძე", "თავმჯდომარე", "საქართველოს ახალგაზრდა იურისტთა ასოციაცია", "ka");
        world.openAndSignAll();
        world.lock();
    }

    @AfterEach
    void nobody() {
        Fixtures.actAsNobody();
        reset(pdf);
    }

    void requestAsEditor() {
        world.actAsEditor();
        review.request(world.letterId);
        Fixtures.actAsNobody();
    }

    @Test
    void anEditorRequestsAndAnIndependentAdministratorPublishesEverythingTogether() throws Exception {
        requestAsEditor();
        assertThat(world.state()).isEqualTo("IN_REVIEW");
        assertThat(world.audits("LETTER_REVIEW_REQUESTED")).isEqualTo(1);

        UUID admin = world.administrator();
        world.actAsAdministrator(admin, true);
        assertThat(review.queue()).anyMatch(w -> w.request().letterId().equals(world.letterId));
        var r = review.review(world.letterId);
        assertThat(r.refusal()).isNull();
        assertThat(r.request().requestingOrganisationName()).isEqualTo(world.organisationName);
        assertThat(r.page()).contains("Leyla Məmmədova").contains("ნინო ბერიძე");
        String slug = review.approve(world.letterId, null).orElseThrow();

        assertThat(world.state()).isEqualTo("PUBLISHED");
        assertThat(world.publications()).isEqualTo(1);
        assertThat(slug).matches("[a-z0-9]+(-[a-z0-9]+)*").startsWith("hemreylik-mektubu");
        var published = artifacts.find(slug).orElseThrow();
        String page = new String(published.page().bytes(), StandardCharsets.UTF_8);
        assertThat(page)
                .contains("<html lang=\"az\" dir=\"ltr\">")
                .contains("Leyla Məmmədova")
                .contains("ნინო ბერიძე")
                .doesNotContain(leyla)
                .doesNotContain(nino)
                .doesNotContain(world.editorEmail);
        assertThat(new String(published.pdf().bytes(), 0, 5, StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        assertThat(new String(published.text().bytes(), StandardCharsets.UTF_8))
                .contains("1. Leyla Məmmədova, Sədr, " + world.organisationName);
        var verification = manifests.verify(new String(published.manifest().bytes(), StandardCharsets.UTF_8));
        assertThat(verification.valid()).as(verification.problem()).isTrue();
        assertThat(verification.signatures()).isEqualTo(2);

        // Mails: each signer and the editor, with the public link; the audit row of publication.
        assertThat(world.lastMail(leyla, "SIGNING_PUBLISHED")).contains("/letters/" + slug);
        assertThat(world.lastMail(nino, "SIGNING_PUBLISHED")).contains("/letters/" + slug);
        assertThat(world.lastMail(world.editorEmail, PublicationMails.PUBLISHED))
                .contains("/letters/" + slug);
        assertThat(world.audits("LETTER_PUBLISHED")).isEqualTo(1);

        // The team sees the public links; nothing more can be decided.
        world.actAsEditor();
        assertThat(review.status(world.letterId).publicUrl()).endsWith("/letters/" + slug);
        world.actAsAdministrator(world.administrator(), true);
        assertThatThrownBy(() -> review.approve(world.letterId, null))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("already published");
    }

    @Test
    void fourEyesRefuseTheRequesterTheirOrganisationAndAnyoneWithoutTheSecondFactor() {
        // The editor who asks is also a platform administrator.
        jdbc.sql("UPDATE account SET is_admin = true WHERE id = ?")
                .params(world.editor)
                .update();
        requestAsEditor();

        // 1. The requester, with the second factor.
        world.actAsAdministrator(world.editor, true);
        assertThatThrownBy(() -> review.approve(world.letterId, null))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("You asked for this publication");
        assertThat(review.review(world.letterId).refusal()).contains("You asked");

        // 2. A second account of the same organisation (an administrator too).
        UUID colleague = world.administrator();
        world.join(world.organisation, colleague);
        world.actAsAdministrator(colleague, true);
        assertThatThrownBy(() -> review.approve(world.letterId, null)).isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> review.reject(world.letterId, "Looks fine to me, but no."))
                .isInstanceOf(RefusedException.class);

        // 3. An administrator who shares another organisation with the requester.
        UUID friend = world.administrator();
        UUID elsewhere = world.otherOrganisation("Georgian Young Lawyers");
        world.join(elsewhere, friend);
        world.join(elsewhere, world.editor);
        world.actAsAdministrator(friend, true);
        assertThatThrownBy(() -> review.approve(world.letterId, null))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("organisation of the person who asked");

        // 4. An independent administrator who has not confirmed the second factor in this session.
        UUID pending = world.administrator();
        world.actAsAdministrator(pending, false);
        assertThatThrownBy(() -> review.approve(world.letterId, null)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> review.queue()).isInstanceOf(AccessDeniedException.class);

        // 5. A member of the organisation who is no administrator at all.
        UUID member = world.account("Member", Fixtures.uniqueEmail(), false);
        world.join(world.organisation, member);
        Fixtures.actAs(member, "member@example.org", false, false);
        assertThatThrownBy(() -> review.approve(world.letterId, null)).isInstanceOf(AccessDeniedException.class);

        // Nothing changed.
        assertThat(world.state()).isEqualTo("IN_REVIEW");
        assertThat(world.publications()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM publication_request WHERE letter_id = ? AND decision IS NULL")
                        .params(world.letterId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        // The independent administrator with the second factor may.
        world.actAsAdministrator(pending, true);
        assertThat(review.approve(world.letterId, null)).isPresent();
    }

    @Test
    void onlyEditorsOfALockedListAskAndStrangersSeeNothing() {
        UUID stranger = world.account("Stranger", Fixtures.uniqueEmail(), false);
        Fixtures.actAs(stranger, "s@example.org", false, false);
        assertThatThrownBy(() -> review.request(world.letterId)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> review.status(world.letterId)).isInstanceOf(NotFoundException.class);

        requestAsEditor();
        world.actAsEditor();
        assertThatThrownBy(() -> review.request(world.letterId))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("already been requested");
        assertThat(world.audits("LETTER_REVIEW_REQUESTED")).isEqualTo(1);
    }

    @Test
    void aRejectionNeedsANoteAndReturnsTheLetterToLockedWithTheNoteForTheTeam() {
        requestAsEditor();
        world.actAsAdministrator(world.administrator(), true);
        assertThatThrownBy(() -> review.reject(world.letterId, "  ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> review.reject(world.letterId, "Bad \u202E note"))
                .isInstanceOf(InvalidInputException.class);
        assertThat(world.state()).isEqualTo("IN_REVIEW");

        String note = "Please correct the date line: <b>6 April</b>, not 7. Ümid edirik.";
        review.reject(world.letterId, note);
        assertThat(world.state()).isEqualTo("LOCKED");
        assertThat(world.audits("LETTER_REVIEW_REJECTED")).isEqualTo(1);
        assertThat(world.lastMail(world.editorEmail, PublicationMails.REJECTED)).contains(note);

        world.actAsEditor();
        var status = review.status(world.letterId);
        assertThat(status.latest().rejected()).isTrue();
        assertThat(status.latest().note()).isEqualTo(note);
        assertThat(status.canRequest()).isTrue();
        review.request(world.letterId);
        assertThat(world.state()).isEqualTo("IN_REVIEW");
    }

    @Test
    void twoAdministratorsApprovingAtOncePublishOnce() throws Exception {
        requestAsEditor();
        UUID one = world.administrator();
        UUID two = world.administrator();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (UUID admin : List.of(one, two)) {
                results.add(pool.submit(() -> {
                    world.actAsAdministrator(admin, true);
                    start.await();
                    try {
                        return review.approve(world.letterId, null).orElseThrow();
                    } catch (RefusedException e) {
                        return "refused: " + e.getMessage();
                    } finally {
                        Fixtures.actAsNobody();
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (var f : results) {
                outcomes.add(f.get());
            }
            assertThat(outcomes.stream().filter(o -> o.startsWith("refused:"))).hasSize(1);
            assertThat(outcomes.stream().filter(o -> !o.startsWith("refused:"))).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(world.publications()).isEqualTo(1);
        assertThat(world.audits("LETTER_PUBLISHED")).isEqualTo(1);
        assertThat(world.mails(leyla, "SIGNING_PUBLISHED")).isEqualTo(1);
    }

    @Test
    void anEmbargoPublishesOnceAtItsTimeEvenWithTwoRunners() throws Exception {
        requestAsEditor();
        world.actAsAdministrator(world.administrator(), true);
        assertThatThrownBy(() -> review.approve(world.letterId, Instant.now().minusSeconds(60)))
                .isInstanceOf(InvalidInputException.class);
        Instant later = Instant.now().plus(2, ChronoUnit.HOURS);
        assertThat(review.approve(world.letterId, later)).isEmpty();
        Fixtures.actAsNobody();
        assertThat(world.state()).isEqualTo("IN_REVIEW");
        assertThat(world.audits("PUBLICATION_APPROVED")).isEqualTo(1);
        assertThat(embargo.publishDue()).isEmpty();
        assertThat(world.publications()).isZero();
        world.actAsEditor();
        assertThat(review.status(world.letterId).latest().embargoed()).isTrue();
        Fixtures.actAsNobody();

        // Its time comes; two runners (two app instances) start together.
        jdbc.sql("UPDATE publication_request SET publish_at = now() - interval '1 second' WHERE letter_id = ?")
                .params(world.letterId)
                .update();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> published = Collections.synchronizedList(new ArrayList<>());
        try {
            var a = pool.submit(() -> {
                start.await();
                return published.addAll(embargo.publishDue());
            });
            var b = pool.submit(() -> {
                start.await();
                return published.addAll(embargo.publishDue());
            });
            start.countDown();
            a.get();
            b.get();
        } finally {
            pool.shutdownNow();
        }
        // Other tests' embargoes may fall due in the same pass: count this letter's.
        assertThat(world.publications()).isEqualTo(1);
        assertThat(world.state()).isEqualTo("PUBLISHED");
        assertThat(world.audits("LETTER_PUBLISHED")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT actor FROM audit_event WHERE letter_id = ? AND action = 'LETTER_PUBLISHED'")
                        .params(world.letterId)
                        .query(String.class)
                        .single())
                .isEqualTo(EmbargoJob.ACTOR);
        assertThat(embargo.publishDue()).doesNotContain(published.toArray(String[]::new));
    }

    @Test
    void aFailureHalfWayLeavesNoPublicationAndTheLetterInReview() {
        requestAsEditor();
        doThrow(new IllegalStateException("the PDF renderer broke")).when(pdf).renderHtml(anyString(), anyBoolean());
        world.actAsAdministrator(world.administrator(), true);
        assertThatThrownBy(() -> review.approve(world.letterId, null))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("nothing was published");

        assertThat(world.publications()).isZero();
        assertThat(world.state()).isEqualTo("IN_REVIEW");
        assertThat(world.audits("LETTER_PUBLISHED")).isZero();
        assertThat(world.mails(leyla, "SIGNING_PUBLISHED")).isZero();
        assertThat(jdbc.sql("SELECT decision IS NULL FROM publication_request WHERE letter_id = ?")
                        .params(world.letterId)
                        .query(Boolean.class)
                        .single())
                .isTrue();

        reset(pdf);
        assertThat(review.approve(world.letterId, null)).isPresent();
        assertThat(world.publications()).isEqualTo(1);
    }
}
