package org.undersigned.publication.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._findAll;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.getCurrentView;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.undersigned.Fixtures;
import org.undersigned.ViewTest;
import org.undersigned.base.SignedInUser;
import org.undersigned.letter.ui.DashboardView;
import org.undersigned.publication.PublicationReview;
import org.undersigned.publication.PublicationWorld;

/** The team's publication screen, the review queue and the dashboard count, browserless. */
class PublicationViewsTest extends ViewTest {

    PublicationWorld world;

    @BeforeEach
    void lockedLetter() {
        world = new PublicationWorld(context::getBean, Fixtures.unique("Human Rights House"));
        world.letter(Fixtures.unique("Solidarity"), "en", "We stand with the defenders.");
        world.invite("Leyla Məmmədova", "Sədr", world.organisationName, "az");
        world.openAndSignAll();
        world.lock();
        Fixtures.actAsNobody();
    }

    SignedInUser editor() {
        return new SignedInUser(world.editor, world.editorEmail, "Editor", false);
    }

    @Test
    void theEditorRequestsPublicationAndReadsARejectionNote() {
        signIn(editor());
        open("drafts/" + world.letterId + "/publication");
        assertThat(getCurrentView()).isEqualTo(LetterPublicationView.class);
        assertThat(_get(Span.class, s -> s.withId("publication-state")).getText())
                .isEqualTo("List locked");
        _get(Button.class, s -> s.withText("Request publication")).click();
        assertThat(_get(Span.class, s -> s.withId("publication-state")).getText())
                .isEqualTo("In review");
        assertThat(world.state()).isEqualTo("IN_REVIEW");

        // An administrator sends it back with a note.
        var admin = world.administrator();
        signInAsAdministrator(new SignedInUser(admin, "admin@example.org", "Admin", true), true);
        open("admin/reviews/" + world.letterId);
        _get(TextArea.class, s -> s.withId("reject-note")).setValue("Please fix the date line.");
        _get(Button.class, s -> s.withText("Reject and send back")).click();
        assertThat(getCurrentView()).isEqualTo(ReviewQueueView.class);
        assertThat(world.state()).isEqualTo("LOCKED");

        signIn(editor());
        open("drafts/" + world.letterId + "/publication");
        assertThat(_get(com.vaadin.flow.component.html.Div.class, s -> s.withId("rejection-note"))
                        .getElement()
                        .getTextRecursively())
                .contains("Please fix the date line.");
        _get(Button.class, s -> s.withText("Request publication"));
    }

    @Test
    void anIndependentAdministratorApprovesFromTheQueueAndTheTeamSeesTheLinks() {
        world.actAsEditor();
        context.getBean(org.undersigned.publication.PublicationReview.class).request(world.letterId);
        Fixtures.actAsNobody();
        var admin = world.administrator();
        signInAsAdministrator(new SignedInUser(admin, "admin@example.org", "Admin", true), true);

        open("");
        assertThat(getCurrentView()).isEqualTo(DashboardView.class);
        assertThat(_get(Anchor.class, s -> s.withId("review-queue-count")).getHref())
                .isEqualTo("admin/reviews");

        open("admin/reviews");
        assertThat(getCurrentView()).isEqualTo(ReviewQueueView.class);
        @SuppressWarnings("unchecked")
        Grid<PublicationReview.Waiting> queue = _get(Grid.class, s -> s.withId("review-queue"));
        assertThat(_findAll(queue))
                .anyMatch(w -> w.request().letterId().equals(world.letterId)
                        && w.title().equals(title())
                        && w.request().requestingOrganisationName().equals(world.organisationName));
        open("admin/reviews/" + world.letterId);
        assertThat(getCurrentView()).isEqualTo(ReviewView.class);
        _get(Button.class, s -> s.withText("Approve and publish now")).click();
        assertThat(world.publications()).isEqualTo(1);
        assertThat(world.state()).isEqualTo("PUBLISHED");

        signIn(editor());
        open("drafts/" + world.letterId + "/publication");
        assertThat(_get(com.vaadin.flow.component.html.Div.class, s -> s.withId("public-links"))
                        .getElement()
                        .getTextRecursively())
                .contains("Public page", "PDF", "Signed record");
    }

    @Test
    void theRequesterAsAdministratorSeesWhyTheyMayNotDecideAndNoButtons() {
        world.jdbc
                .sql("UPDATE account SET is_admin = true WHERE id = ?")
                .params(world.editor)
                .update();
        world.actAsEditor();
        context.getBean(org.undersigned.publication.PublicationReview.class).request(world.letterId);
        Fixtures.actAsNobody();
        signInAsAdministrator(new SignedInUser(world.editor, world.editorEmail, "Editor", true), true);
        open("admin/reviews/" + world.letterId);
        assertThat(_get(Paragraph.class, s -> s.withId("four-eyes-refusal")).getText())
                .contains("You asked for this publication");
        assertThat(_find(Button.class, s -> s.withText("Approve and publish now")))
                .isEmpty();
    }

    @Test
    void theQueueIsClosedWithoutTheSecondFactor() {
        var admin = world.administrator();
        signInAsAdministrator(new SignedInUser(admin, "admin@example.org", "Admin", true), false);
        open("admin/reviews");
        assertThat(getCurrentView()).isNotEqualTo(ReviewQueueView.class);
        open("");
        assertThat(_find(Anchor.class, s -> s.withId("review-queue-count"))).isEmpty();
    }

    private String title() {
        return world.jdbc
                .sql("SELECT title FROM letter WHERE id = ?")
                .params(world.letterId)
                .query(String.class)
                .single();
    }
}
