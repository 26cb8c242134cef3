package org.undersigned.publication.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.undersigned.audit.AuditEntry;
import org.undersigned.audit.AuditReader;
import org.undersigned.base.AppRoles;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;
import org.undersigned.base.ui.Forms;
import org.undersigned.publication.PublicationReview;
import org.undersigned.publication.PublicationReview.Review;
import org.undersigned.signing.LockedList;

/**
 * One letter under review: who asks, the letter as it will be published, the ordered signatures
 * with their verification, the letter's audit timeline, and the decision. The buttons are there
 * only for an administrator who may decide; the service checks four eyes again in any case.
 */
@Route("admin/reviews/:id")
@StyleSheet("styles/publication.css")
@RolesAllowed(AppRoles.ADMIN)
public class ReviewView extends Main implements BeforeEnterObserver, HasDynamicTitle {

    private final PublicationReview review;
    private final AuditReader audit;
    private UUID letterId = new UUID(0, 0);
    private String title = "";
    private Map<String, ? extends HasValidation> fields = Map.of();

    ReviewView(PublicationReview review, AuditReader audit) {
        this.review = review;
        this.audit = audit;
        addClassNames("us-page", "us-publication", "us-review");
    }

    @Override
    public String getPageTitle() {
        return "Review — " + title + " — Undersigned";
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            letterId = UUID.fromString(event.getRouteParameters().get("id").orElse(""));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
        show(review.review(letterId));
    }

    private void show(Review r) {
        removeAll();
        title = r.letter().title();
        var heading = new H1(r.letter().title());
        heading.getElement().setAttribute("lang", r.letter().language());
        add(new Anchor("admin/reviews", "← All letters waiting for review"), heading);
        var facts = new Div(
                fact("Requesting organisation", r.request().requestingOrganisationName()),
                fact("Asked by", r.request().requestedByName()),
                fact("Asked on", LetterPublicationView.WHEN.format(r.request().requestedAt())),
                fact("Language", r.letter().language()),
                fact(
                        "List",
                        r.list().signatures().size() + " signature(s), locked on "
                                + LetterPublicationView.WHEN.format(r.list().lockedAt()) + ", ordered "
                                + LetterPublicationView.orderLabel(r.list().order())),
                fact(
                        "List SHA-256",
                        r.list().listSha256()
                                + (r.list().hashMatches()
                                        ? " (matches the list)"
                                        : " — DOES NOT MATCH the stored list: do not approve")),
                fact("Text SHA-256", r.list().textSha256()));
        facts.addClassNames("us-card", "us-facts");
        add(facts);
        add(decision(r));

        add(new H2("The letter as it will be published"));
        var frame = new IFrame();
        frame.setSrcdoc(r.page());
        frame.setSandbox(IFrame.SandboxType.RESTRICT_ALL);
        frame.setTitle("The letter and its signatures as they will be published");
        frame.addClassName("us-review-frame");
        add(frame);

        add(new H2("Signatures and their verification"));
        var signatures = new Grid<LockedList.Line>(LockedList.Line.class, false);
        signatures.setId("review-signatures");
        signatures.addColumn(LockedList.Line::position).setHeader("#").setAutoWidth(true);
        signatures
                .addColumn(LockedList.Line::displayLine)
                .setHeader("As published")
                .setFlexGrow(3);
        signatures
                .addColumn(l -> l.level().description())
                .setHeader("Verification")
                .setFlexGrow(2);
        signatures
                .addColumn(l -> LetterPublicationView.WHEN.format(l.signedAt()))
                .setHeader("Signed")
                .setAutoWidth(true);
        signatures.setItems(r.list().signatures());
        signatures.setAllRowsVisible(true);
        add(signatures);

        add(new H2("Audit timeline of the letter"));
        var timeline = new Grid<AuditEntry>(AuditEntry.class, false);
        timeline.setId("review-audit");
        timeline.addColumn(e -> LetterPublicationView.WHEN.format(e.occurredAt()))
                .setHeader("When")
                .setAutoWidth(true);
        timeline.addColumn(AuditEntry::action).setHeader("What").setAutoWidth(true);
        timeline.addColumn(AuditEntry::actor).setHeader("Who").setFlexGrow(1);
        timeline.addColumn(AuditEntry::details).setHeader("Details").setFlexGrow(2);
        timeline.setItems(audit.recent(letterId, null, 500));
        timeline.setAllRowsVisible(true);
        add(timeline);
    }

    private Div decision(Review r) {
        var box = new Div(new H2("Decision"));
        box.addClassNames("us-card", "us-decision");
        box.setId("review-decision");
        if (r.request().embargoed()) {
            box.add(new Paragraph("Approved by " + r.request().decidedByName() + "; it will be published on "
                    + LetterPublicationView.WHEN.format(r.request().publishAt()) + "."));
            return box;
        }
        if (r.refusal() != null) {
            var refusal = new Paragraph(r.refusal());
            refusal.setId("four-eyes-refusal");
            refusal.addClassName("us-refusal");
            box.add(refusal);
            return box;
        }
        var approve = new Button(
                "Approve and publish now",
                e -> decide(() -> {
                    var slug = review.approve(letterId, null);
                    Notification.show("Published at /letters/" + slug.orElse(""));
                }));
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);

        var when = new DateTimePicker("Publish at (UTC)");
        when.setId("embargo-time");
        var later = new Button(
                "Approve for that time",
                e -> decide(() -> {
                    if (when.getValue() == null) {
                        throw new InvalidInputException("publishAt", "Choose the date and time of publication.");
                    }
                    review.approve(letterId, when.getValue().toInstant(ZoneOffset.UTC));
                    Notification.show("Approved: it will be published at the chosen time.");
                }));
        var embargo = new Div(when, later);
        embargo.addClassName("us-embargo");

        var note = new TextArea("Note to the team (required to reject)");
        note.setId("reject-note");
        note.setWidthFull();
        note.setMaxLength(4000);
        var reject = new Button(
                "Reject and send back",
                e -> decide(() -> {
                    review.reject(letterId, note.getValue());
                    Notification.show("Sent back to the team with your note.");
                }));
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
        var fields = Map.of("publishAt", when, "note", note);
        box.add(
                new Paragraph(
                        "Check the text, each signature's verification and the timeline. Publishing renders the page, the PDF and the signed record once; they never change afterwards."),
                approve,
                embargo,
                note,
                reject);
        this.fields = fields;
        return box;
    }

    private void decide(Runnable action) {
        try {
            Forms.clear(fields);
            action.run();
            getUI().ifPresent(ui -> ui.navigate(ReviewQueueView.class));
        } catch (InvalidInputException e) {
            Forms.show(e, fields);
        } catch (RefusedException | NotFoundException e) {
            Forms.show(e);
            try {
                show(review.review(letterId));
            } catch (NotFoundException gone) {
                getUI().ifPresent(ui -> ui.navigate(ReviewQueueView.class));
            }
        }
    }

    private static Div fact(String label, String value) {
        var l = new Span(label);
        l.addClassName("us-fact-label");
        var v = new Span(value);
        v.addClassName("us-fact-value");
        return new Div(l, v);
    }
}
