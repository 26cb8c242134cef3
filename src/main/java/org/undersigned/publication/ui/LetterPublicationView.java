package org.undersigned.publication.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;
import org.undersigned.base.ui.Forms;
import org.undersigned.letter.LetterState;
import org.undersigned.publication.PublicationRequest;
import org.undersigned.publication.PublicationReview;
import org.undersigned.publication.PublicationReview.TeamStatus;

/**
 * The drafting team's way to publication of one letter: where it stands, the locked list, the
 * button to request publication, the reviewer's note after a rejection, and the public links once
 * it is published.
 */
@Route("drafts/:id/publication")
@StyleSheet("styles/publication.css")
@PermitAll
public class LetterPublicationView extends Main implements BeforeEnterObserver, HasDynamicTitle {

    static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final PublicationReview review;
    private UUID letterId = new UUID(0, 0);
    private String title = "";

    LetterPublicationView(PublicationReview review) {
        this.review = review;
        addClassNames("us-page", "us-publication");
    }

    @Override
    public String getPageTitle() {
        return "Publication — " + title + " — Undersigned";
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            letterId = UUID.fromString(event.getRouteParameters().get("id").orElse(""));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
        show(review.status(letterId));
    }

    private void show(TeamStatus status) {
        removeAll();
        title = status.letter().title();
        var back = new Anchor("drafts/" + letterId, "← Back to the letter");
        var heading = new H1("Publication");
        var lead = new Paragraph(status.letter().title());
        lead.addClassName("us-lead");
        var state = new Span(status.letter().state().label());
        state.setId("publication-state");
        state.addClassNames(
                "us-badge",
                status.letter().state() == LetterState.PUBLISHED ? "us-badge-success" : "us-badge-contrast");
        add(back, new Div(heading, state), lead);
        add(where(status));
        if (status.list() != null) {
            add(listSummary(status));
        }
    }

    private Div where(TeamStatus status) {
        var box = new Div();
        box.addClassNames("us-card", "us-publication-step");
        PublicationRequest latest = status.latest();
        switch (status.letter().state()) {
            case DRAFT, OPEN_FOR_SIGNATURES ->
                box.add(
                        new Paragraph(
                                "Lock the list of signatures first (on the signatories page). Then you can request publication."));
            case LOCKED -> {
                if (latest != null && latest.rejected()) {
                    var note = new Div(
                            new H2("The last request was sent back"),
                            new Paragraph(
                                    latest.decidedByName() + " wrote on " + WHEN.format(latest.decidedAt()) + ":"),
                            quoted(latest.note() == null ? "" : latest.note()));
                    note.addClassName("us-rejection");
                    note.setId("rejection-note");
                    box.add(note);
                }
                box.add(
                        new Paragraph(
                                "The list is locked. When the letter and the list are ready, ask for publication: a platform administrator outside your organisation reviews it."));
                if (status.canRequest()) {
                    var request = new Button("Request publication", e -> {
                        try {
                            review.request(letterId);
                            Notification.show("Publication requested. An administrator will review it.");
                        } catch (RefusedException | NotFoundException ex) {
                            Forms.show(ex);
                        }
                        show(review.status(letterId));
                    });
                    request.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                    box.add(request);
                } else if (status.list() != null && status.list().signatures().isEmpty()) {
                    box.add(new Paragraph("The locked list has no signatures, so there is nothing to publish."));
                } else {
                    box.add(muted("Only the letter's editors can request publication."));
                }
            }
            case IN_REVIEW -> {
                if (latest != null && latest.embargoed() && latest.publishAt() != null) {
                    box.add(new Paragraph("Approved by " + latest.decidedByName() + ". It will be published on "
                            + WHEN.format(latest.publishAt()) + ", not before."));
                } else if (latest != null) {
                    box.add(new Paragraph("Publication was requested by " + latest.requestedByName() + " on "
                            + WHEN.format(latest.requestedAt())
                            + ". A platform administrator outside your organisation reviews the letter and its list."));
                }
            }
            case PUBLISHED -> {
                box.add(new Paragraph(
                        "Published on " + WHEN.format(status.letter().publishedAt())
                                + ". The signers and the editors have been sent the link."));
                if (status.publicUrl() != null) {
                    var links = new Div(
                            link(status.publicUrl(), "Public page"),
                            link(status.publicUrl() + ".pdf", "PDF"),
                            link(status.publicUrl() + ".txt", "Plain text"),
                            link(status.publicUrl() + "/manifest.json", "Signed record"));
                    links.addClassName("us-public-links");
                    links.setId("public-links");
                    box.add(links);
                }
            }
            case WITHDRAWN -> box.add(new Paragraph("The letter was withdrawn; it will not be published."));
        }
        return box;
    }

    private Div listSummary(TeamStatus status) {
        var list = status.list();
        var box = new Div(new H2("The locked list"));
        box.addClassName("us-card");
        box.add(new Paragraph(list.signatures().size() + " signature(s), locked on " + WHEN.format(list.lockedAt())
                + ", ordered " + orderLabel(list.order()) + "."));
        var hash = new Paragraph("List SHA-256: " + list.listSha256());
        hash.addClassNames("us-muted", "us-hash");
        box.add(hash);
        return box;
    }

    static String orderLabel(String order) {
        return switch (order) {
            case "FAMILY_NAME" -> "alphabetically by family name";
            case "BY_HAND" -> "by hand";
            default -> "by signing time";
        };
    }

    private static Anchor link(String href, String text) {
        var a = new Anchor(href, text);
        a.setTarget(AnchorTarget.BLANK);
        a.getElement().setAttribute("rel", "noopener noreferrer");
        return a;
    }

    private static Paragraph muted(String text) {
        var p = new Paragraph(text);
        p.addClassName("us-muted");
        return p;
    }

    static Paragraph quoted(String text) {
        var p = new Paragraph(text);
        p.addClassName("us-quote");
        return p;
    }
}
