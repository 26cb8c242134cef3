package org.undersigned.letter.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.Map;
import org.undersigned.account.Membership;
import org.undersigned.account.OrganisationService;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.ui.Forms;
import org.undersigned.letter.Languages;
import org.undersigned.letter.Letter;
import org.undersigned.letter.LetterDetails;
import org.undersigned.letter.LetterService;

/** Changes a letter's title, language and publishing organisation, checked like a new letter. */
class LetterDetailsDialog extends Dialog {

    LetterDetailsDialog(LetterService letters, OrganisationService organisations, Letter letter) {
        setHeaderTitle("Letter details");
        setWidth("min(36rem, 96vw)");
        var title = new TextField("Title");
        title.setWidthFull();
        title.setValue(letter.title());
        var language = LetterFields.language();
        if (!Languages.COMMON.contains(letter.language())) {
            var items = new ArrayList<>(Languages.COMMON);
            items.add(letter.language());
            language.setItems(items);
        }
        language.setValue(letter.language());
        var publisher = LetterFields.publisher(organisations);
        publisher
                .getListDataView()
                .getItems()
                .filter(m -> m.organisationId().equals(letter.publisherOrganisationId()))
                .findFirst()
                .ifPresent(publisher::setValue);
        var hint = new Paragraph("The date, the place and the footer are lines of the letter: change them in place.");
        hint.addClassName("us-muted");
        var form = new Div(title, language, publisher, hint);
        form.addClassName("us-form");
        add(form);
        var fields = Map.of("title", title, "language", language, "publisher", publisher);
        var save = new Button("Save details", e -> {
            try {
                Membership chosen = publisher.getValue();
                letters.changeDetails(
                        letter.id(),
                        new LetterDetails(
                                title.getValue(),
                                language.getValue(),
                                chosen == null ? null : chosen.organisationId()));
                close();
            } catch (InvalidInputException ex) {
                Forms.show(ex, fields);
            } catch (RuntimeException ex) {
                Forms.show(ex);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }
}
