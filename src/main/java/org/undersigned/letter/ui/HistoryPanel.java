package org.undersigned.letter.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.ui.Forms;
import org.undersigned.letter.LetterAccess;
import org.undersigned.letter.LetterHistory;
import org.undersigned.letter.RevisionInfo;

/**
 * The history tab: versions, their names, a diff between any two, and restore. Built when the tab
 * is first opened and kept up to date from then on: an editor that never looks at the history
 * holds none of it (every open editor tab costs server memory; see bench/README.md).
 */
final class HistoryPanel extends Div {

    private final LetterHistory history;
    private final UUID letterId;
    private final LetterAccess access;
    /** Made when the tab is first opened, as everything else here. */
    private @Nullable Select<Integer> from;

    private @Nullable Select<Integer> to;
    private final Div diff = new Div();
    private final Div list = new Div();
    private boolean shown;

    HistoryPanel(LetterHistory history, UUID letterId, LetterAccess access) {
        this.history = history;
        this.letterId = letterId;
        this.access = access;
        addClassName("us-panel");
    }

    /** The tab was opened: build the panel the first time. */
    void show() {
        if (shown) {
            return;
        }
        shown = true;
        var from = new Select<Integer>();
        var to = new Select<Integer>();
        this.from = from;
        this.to = to;
        from.setLabel("From version");
        to.setLabel("To version");
        var compare = new Button("Compare", e -> compare());
        compare.addThemeVariants(ButtonVariant.LUMO_SMALL);
        var controls = new Div(from, to, compare);
        controls.addClassName("us-history-compare");
        diff.addClassName("us-history-diff");
        add(controls, diff, list);
        refresh();
    }

    void refresh() {
        Select<Integer> from = this.from;
        Select<Integer> to = this.to;
        if (!shown || from == null || to == null) {
            return;
        }
        List<RevisionInfo> revisions = history.revisions(letterId);
        List<Integer> numbers = revisions.stream().map(RevisionInfo::number).toList();
        Integer f = from.getValue();
        Integer t = to.getValue();
        from.setItems(numbers);
        to.setItems(numbers);
        if (!numbers.isEmpty()) {
            from.setValue(
                    f != null && numbers.contains(f) ? f : numbers.size() > 1 ? numbers.get(1) : numbers.getFirst());
            to.setValue(t != null && numbers.contains(t) ? t : numbers.getFirst());
        }
        list.removeAll();
        for (RevisionInfo r : revisions.stream().limit(100).toList()) {
            var row = new Div();
            row.addClassName("us-revision");
            String names = r.names().isEmpty() ? "" : " — “" + String.join("”, “", r.names()) + "”";
            row.add(DiscussionPanels.meta("Version " + r.number() + names));
            row.add(DiscussionPanels.body(
                    r.summary() + " · " + r.authorName() + " · " + DiscussionPanels.WHEN.format(r.createdAt())));
            var actions = new Div();
            actions.addClassName("us-revision-actions");
            if (access.canComment()) {
                var name = new TextField();
                name.setAriaLabel("Name version " + r.number());
                name.setPlaceholder("Name this version");
                var save = new Button("Name", e -> {
                    try {
                        history.name(letterId, r.number(), name.getValue());
                    } catch (InvalidInputException ex) {
                        name.setErrorMessage(String.join(" ", ex.fieldErrors().values()));
                        name.setInvalid(true);
                    } catch (RuntimeException ex) {
                        Forms.show(ex);
                    }
                });
                save.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                actions.add(name, save);
            }
            if (access.canEdit() && r.number() != numbers.getFirst()) {
                var restore = new Button(
                        "Restore",
                        e -> new ConfirmDialog(
                                        "Restore version " + r.number() + "?",
                                        "The letter will read as it did in version " + r.number()
                                                + ". This makes a new version; nothing in the history is lost.",
                                        "Restore",
                                        ok -> {
                                            try {
                                                history.restore(letterId, r.number());
                                                Forms.success("Version " + r.number() + " restored.");
                                            } catch (RuntimeException ex) {
                                                Forms.show(ex);
                                            }
                                        },
                                        "Cancel",
                                        cancel -> {})
                                .open());
                restore.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                actions.add(restore);
            }
            row.add(actions);
            list.add(row);
        }
    }

    private void compare() {
        diff.removeAll();
        Select<Integer> from = this.from;
        Select<Integer> to = this.to;
        if (from == null || to == null || from.getValue() == null || to.getValue() == null) {
            return;
        }
        try {
            diff.add(new DiffView(history.diff(letterId, from.getValue(), to.getValue())));
        } catch (RuntimeException ex) {
            Forms.show(ex);
        }
    }
}
