package org.undersigned.letter.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.undersigned.account.Membership;
import org.undersigned.account.OrganisationService;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.ui.Forms;
import org.undersigned.letter.BlockKind;
import org.undersigned.letter.ImportDraft;
import org.undersigned.letter.LetterImport;
import org.undersigned.letter.LetterService;

/**
 * Paste an existing letter; review how it was split into blocks and signatories, correct it,
 * then create the letter. Nothing is saved before "Create the letter".
 */
@Route("import")
@PageTitle("Import a letter — Undersigned")
@PermitAll
public class ImportView extends Main {

    private final LetterService letters;
    private final OrganisationService organisations;
    private final TextArea pasted = new TextArea("Full text of the letter");
    private final Div review = new Div();
    private final List<BlockRow> blockRows = new ArrayList<>();
    private final List<SignatoryRow> signatoryRows = new ArrayList<>();

    private record BlockRow(Div row, Select<BlockKind> kind, TextArea text) {}

    private record SignatoryRow(Div row, TextField name, TextField role, TextField organisation) {}

    public ImportView(LetterService letters, OrganisationService organisations) {
        this.letters = letters;
        this.organisations = organisations;
        addClassNames("us-page", "us-import");
        pasted.setWidthFull();
        pasted.setMinHeight("14rem");
        pasted.setHelperText(
                "Title, date and place, salutation, paragraphs, closing and the list of signatures, as published.");
        var split = new Button("Split into blocks", VaadinIcon.SPLIT.create(), e -> split());
        split.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H1("Import a letter"), pasted, split, review);
    }

    private void split() {
        LetterImport.Result result;
        try {
            result = LetterImport.parse(pasted.getValue());
            pasted.setInvalid(false);
        } catch (InvalidInputException e) {
            Forms.show(e, Map.of("text", pasted));
            return;
        }
        review.removeAll();
        blockRows.clear();
        signatoryRows.clear();
        review.add(new H2("Check the split"));
        result.notes().forEach(n -> review.add(DiscussionPanels.hint(n)));

        var title = new TextField("Title");
        title.setWidthFull();
        String heading = result.first(BlockKind.HEADING);
        title.setValue(heading == null ? "" : heading);
        var language = LetterFields.language();
        var publisher = LetterFields.publisher(organisations);
        var meta = new Div(title, language, publisher);
        meta.addClassName("us-form");
        review.add(meta);

        var blocks = new Div();
        blocks.addClassName("us-import-blocks");
        result.blocks().forEach(b -> blocks.add(blockRow(b.kind(), b.text())));
        review.add(new H2("Blocks"), blocks);

        var people = new Div();
        people.addClassName("us-import-signatories");
        result.signatories().forEach(s -> people.add(signatoryRow(s.name(), s.role(), s.organisation())));
        var addPerson =
                new Button("Add a signatory", VaadinIcon.PLUS.create(), e -> people.add(signatoryRow("", null, null)));
        addPerson.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        review.add(
                new H2("Signatories (" + result.signatories().size() + ")"),
                new Paragraph("They are kept for the invitations; nobody is contacted now."),
                people,
                addPerson);

        var create = new Button("Create the letter", e -> create(title, language, publisher));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        review.add(create);
    }

    private Div blockRow(BlockKind kindValue, String textValue) {
        var kind = new Select<BlockKind>();
        kind.setLabel("Kind");
        kind.setItems(BlockKind.values());
        kind.setItemLabelGenerator(BlockKind::label);
        kind.setValue(kindValue);
        var text = new TextArea("Text");
        text.setValue(textValue);
        text.setWidthFull();
        var row = new Div();
        var record = new BlockRow(row, kind, text);
        var remove = new Button(VaadinIcon.TRASH.create(), e -> {
            blockRows.remove(record);
            row.removeFromParent();
        });
        remove.setAriaLabel("Remove this block");
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        row.add(kind, text, remove);
        row.addClassName("us-import-row");
        blockRows.add(record);
        return row;
    }

    private Div signatoryRow(String nameValue, String roleValue, String orgValue) {
        var name = new TextField("Name");
        name.setValue(nameValue);
        var role = new TextField("Role");
        role.setValue(roleValue == null ? "" : roleValue);
        var org = new TextField("Organisation");
        org.setValue(orgValue == null ? "" : orgValue);
        var row = new Div();
        var record = new SignatoryRow(row, name, role, org);
        var remove = new Button(VaadinIcon.TRASH.create(), e -> {
            signatoryRows.remove(record);
            row.removeFromParent();
        });
        remove.setAriaLabel("Remove this signatory");
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        row.add(name, role, org, remove);
        row.addClassName("us-import-row");
        signatoryRows.add(record);
        return row;
    }

    private void create(TextField title, Select<String> language, Select<Membership> publisher) {
        var draft = new ImportDraft(
                title.getValue(),
                language.getValue(),
                publisher.getValue() == null ? null : publisher.getValue().organisationId(),
                blockRows.stream()
                        .map(r -> new LetterImport.ImportedBlock(
                                r.kind().getValue(), r.text().getValue()))
                        .toList(),
                signatoryRows.stream()
                        .map(r -> new LetterImport.ImportedSignatory(
                                r.name().getValue(),
                                r.role().getValue(),
                                r.organisation().getValue()))
                        .toList());
        var fields = new HashMap<String, com.vaadin.flow.component.HasValidation>();
        fields.put("title", title);
        fields.put("language", language);
        fields.put("publisher", publisher);
        for (int i = 0; i < blockRows.size(); i++) {
            fields.put("block-" + (i + 1), blockRows.get(i).text());
        }
        for (int i = 0; i < signatoryRows.size(); i++) {
            fields.put("signatory-" + (i + 1), signatoryRows.get(i).name());
        }
        try {
            UUID id = letters.createFromImport(draft);
            getUI().ifPresent(ui -> ui.navigate("drafts/" + id));
        } catch (InvalidInputException e) {
            Forms.show(e, fields);
        }
    }
}
