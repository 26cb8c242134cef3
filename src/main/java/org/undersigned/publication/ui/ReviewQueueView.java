package org.undersigned.publication.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.undersigned.base.AppRoles;
import org.undersigned.publication.PublicationReview;
import org.undersigned.publication.PublicationReview.Waiting;

/** Administrators: the letters waiting for a four-eyes decision, and those approved for later. */
@Route("admin/reviews")
@PageTitle("Reviews — Undersigned")
@Menu(order = 9, icon = "CHECK_SQUARE_O", title = "Reviews")
@StyleSheet("styles/publication.css")
@RolesAllowed(AppRoles.ADMIN)
public class ReviewQueueView extends Main {

    public ReviewQueueView(PublicationReview review) {
        addClassNames("us-page", "us-publication");
        add(new H1("Letters waiting for review"));
        var waiting = review.queue();
        if (waiting.isEmpty()) {
            var none = new Paragraph("No letter waits for a review.");
            none.setId("review-queue-empty");
            add(none);
        } else {
            add(grid(waiting, "review-queue"));
        }
        var later = review.embargoed();
        if (!later.isEmpty()) {
            add(new H2("Approved for a later time"));
            var grid = grid(later, "review-embargoed");
            grid.addColumn(w -> w.request().publishAt() == null
                            ? ""
                            : LetterPublicationView.WHEN.format(w.request().publishAt()))
                    .setHeader("Publishes on")
                    .setAutoWidth(true);
            add(grid);
        }
    }

    private static Grid<Waiting> grid(java.util.List<Waiting> items, String id) {
        var grid = new Grid<Waiting>(Waiting.class, false);
        grid.setId(id);
        grid.addComponentColumn(w -> {
                    var a = new Anchor("admin/reviews/" + w.request().letterId(), w.title());
                    a.getElement().setAttribute("lang", w.language());
                    return a;
                })
                .setHeader("Letter")
                .setFlexGrow(3);
        grid.addColumn(w -> w.request().requestingOrganisationName())
                .setHeader("Requesting organisation")
                .setFlexGrow(2);
        grid.addColumn(w -> w.request().requestedByName()).setHeader("Asked by").setFlexGrow(1);
        grid.addColumn(w -> LetterPublicationView.WHEN.format(w.request().requestedAt()))
                .setHeader("Asked on")
                .setAutoWidth(true);
        grid.addColumn(Waiting::signatures).setHeader("Signatures").setAutoWidth(true);
        grid.setItems(items);
        grid.setAllRowsVisible(true);
        return grid;
    }
}
