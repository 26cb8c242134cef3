package org.undersigned.letter.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.undersigned.account.OrganisationService;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.ui.Forms;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.LetterState;
import org.undersigned.letter.LetterSummary;
import org.undersigned.letter.NewLetter;
import org.undersigned.letter.ReviewQueue;
import org.undersigned.letter.SignatureCounts;

/** The start page after sign-in: the letters the person drafts, and how to start one. */
@Route("")
@PageTitle("Letters — Undersigned")
@Menu(order = 1, icon = "FILE_TEXT_O", title = "Letters")
@PermitAll
public class DashboardView extends Main {

    static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm").withZone(ZoneId.systemDefault());

    private final LetterService letters;
    private final OrganisationService organisations;

    public DashboardView(LetterService letters, OrganisationService organisations, ReviewQueue reviews) {
        this.letters = letters;
        this.organisations = organisations;
        addClassName("us-page");
        var newLetter = new Button("New letter", VaadinIcon.PLUS.create(), e -> openNewLetter());
        newLetter.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var importLetter = new Anchor("import", "Import a letter");
        importLetter.addClassName("us-link-button");
        var head = new Div(new H1("Letters"), new Div(newLetter, importLetter));
        head.addClassName("us-dashboard-head");
        add(head);
        int waiting = reviews.waiting();
        if (waiting > 0) {
            var link = new Anchor(
                    reviews.route(), waiting == 1 ? "1 letter waits for review" : waiting + " letters wait for review");
            link.setId("review-queue-count");
            var notice = new Div(link);
            notice.addClassNames("us-card", "us-review-notice");
            add(notice);
        }
        var mine = letters.myLetters();
        if (mine.isEmpty()) {
            var empty = new Div(new Paragraph(
                    organisations.myOrganisations().isEmpty()
                            ? "You do not belong to an organisation yet. Once you do, you can start a letter for it."
                            : "No letters yet. Start one, or import the text of an existing letter."));
            empty.addClassNames("us-card", "us-empty");
            add(empty);
            return;
        }
        var cards = new Div();
        cards.addClassName("us-cards");
        var counts = letters.signatureCounts(mine);
        mine.forEach(l -> cards.add(card(l, counts.get(l.id()))));
        add(cards);
    }

    private Div card(LetterSummary l, SignatureCounts.@Nullable Count count) {
        var title = new Anchor("drafts/" + l.id(), l.title());
        title.addClassName("us-card-title");
        var state = new Span(l.state().label());
        state.addClassNames("us-badge", LetterEditorView.badge(l.state()));
        var card = new Div(title, state, new Paragraph(l.publisherName()));
        if (count != null && count.invited() > 0) {
            card.add(signatures(count));
        }
        card.add(DiscussionPanels.meta("Changed " + WHEN.format(l.updatedAt()) + " by " + l.updatedByName()));
        card.addClassNames("us-card", "us-letter-card");
        if (l.state() == LetterState.LOCKED
                || l.state() == LetterState.IN_REVIEW
                || l.state() == LetterState.PUBLISHED) {
            card.add(new Anchor("drafts/" + l.id() + "/publication", "Publication"));
        }
        return card;
    }

    /** Signatures so far out of the invitations sent, as words and as a bar. */
    static Div signatures(SignatureCounts.Count count) {
        String words = count.signed() + " of " + count.invited() + " invited " + (count.signed() == 1 ? "has" : "have")
                + " signed";
        var bar = new ProgressBar(0, count.invited(), Math.min(count.signed(), count.invited()));
        bar.getElement().setAttribute("aria-label", words);
        var box = new Div(new Span(words), bar);
        box.addClassName("us-signature-progress");
        return box;
    }

    private void openNewLetter() {
        var dialog = new Dialog();
        dialog.setHeaderTitle("New letter");
        dialog.setWidth("min(36rem, 96vw)");
        var title = new TextField("Title");
        title.setWidthFull();
        var language = LetterFields.language();
        var publisher = LetterFields.publisher(organisations);
        var date = new TextField("Date");
        date.setPlaceholder("6 April, 2024");
        var place = new TextField("Place");
        place.setPlaceholder("Baku, Azerbaijan");
        var footer = new TextArea("Footer or letterhead line (optional)");
        footer.setWidthFull();
        var fields = Map.of(
                "title",
                title,
                "language",
                language,
                "publisher",
                publisher,
                "dateLine",
                date,
                "place",
                place,
                "footer",
                footer);
        var form = new Div(title, language, publisher, date, place, footer);
        form.addClassName("us-form");
        dialog.add(form);
        var create = new Button("Create the letter", e -> {
            try {
                UUID id = letters.create(new NewLetter(
                        title.getValue(),
                        language.getValue(),
                        publisher.getValue() == null
                                ? null
                                : publisher.getValue().organisationId(),
                        date.getValue(),
                        place.getValue(),
                        footer.getValue()));
                dialog.close();
                getUI().ifPresent(ui -> ui.navigate("drafts/" + id));
            } catch (InvalidInputException ex) {
                Forms.show(ex, fields);
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), create);
        dialog.open();
        title.focus();
    }
}
