package org.undersigned.letter.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import org.undersigned.letter.Block;
import org.undersigned.letter.WordDiff;

/**
 * Someone saved a block while this person was editing it: both texts side by side, the
 * differences marked, and a merged text to save. Nothing was saved; nothing is lost by closing
 * it wrongly, because it cannot be closed without a choice.
 */
class MergeDialog extends Dialog {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    MergeDialog(Block theirs, String yours, Consumer<String> saveMerged, Runnable discardMine) {
        addClassName("us-merge");
        setHeaderTitle("Someone else changed this " + theirs.kind().label().toLowerCase() + " meanwhile");
        setCloseOnEsc(false);
        setCloseOnOutsideClick(false);
        setWidth("min(64rem, 96vw)");

        var intro = new Paragraph(theirs.updatedByName() + " saved it at " + TIME.format(theirs.updatedAt())
                + ". Your text was not saved. Compare both, write the text you want below, and save it.");
        intro.addClassName("us-muted");

        var theirsCol = column("Their version (saved)", theirs.text(), "us-merge-theirs");
        var yoursCol = column("Your version (not saved)", yours, "us-merge-yours");
        var sides = new Div(theirsCol, yoursCol);
        sides.addClassName("us-merge-sides");

        var changes = new Div(
                new H3("What you changed compared with theirs"), new DiffView(WordDiff.between(theirs.text(), yours)));
        changes.addClassName("us-merge-diff");

        var merged = new TextArea("Merged text");
        merged.setValue(yours);
        merged.setWidthFull();
        merged.setMinHeight("8rem");
        merged.addClassName("us-merge-text");

        var save = new Button("Save merged text", e -> {
            close();
            saveMerged.accept(merged.getValue());
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var discard = new Button("Discard my text, keep theirs", e -> {
            close();
            discardMine.run();
        });
        discard.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        add(intro, sides, changes, merged);
        getFooter().add(discard, save);
    }

    private static Div column(String title, String text, String className) {
        var body = new Div();
        body.setText(text);
        body.addClassName("us-merge-body");
        var col = new Div(new H3(title), body);
        col.addClassName(className);
        return col;
    }
}
