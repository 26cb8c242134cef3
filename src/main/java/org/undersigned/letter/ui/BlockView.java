package org.undersigned.letter.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.RefusedException;
import org.undersigned.base.ui.Forms;
import org.undersigned.letter.Block;
import org.undersigned.letter.BlockSave;
import org.undersigned.letter.LetterService;

/**
 * One block of the letter on the page: shown as it will be published; for an editor, a click
 * (or Enter) turns it into a text box that saves itself a moment after typing stops, and on
 * "Done". A save against an older version opens the {@link MergeDialog}.
 */
class BlockView extends Div {

    interface Host {
        void editing(@Nullable UUID blockId);

        void select(BlockView view);

        void move(BlockView view, int direction);

        void addAfter(BlockView view);

        void remove(BlockView view);
    }

    private final LetterService letters;
    private final Host host;
    private final boolean canEdit;
    private final Div text = new Div();
    private final Span others = new Span();
    private final Span status = new Span();
    private final Div tools = new Div();
    private Block block;
    private @Nullable TextArea editor;
    private boolean stale;
    /** A merge dialog is open: saving waits for the person's choice there. */
    private boolean merging;

    BlockView(LetterService letters, Block block, boolean canEdit, Host host) {
        this.letters = letters;
        this.block = block;
        this.canEdit = canEdit;
        this.host = host;
        addClassName("us-block");
        text.addClassName("us-block-text");
        others.addClassName("us-block-others");
        status.addClassName("us-block-status");
        status.getElement().setAttribute("aria-live", "polite");
        tools.addClassName("us-block-tools");
        getElement().setAttribute("data-block", block.id().toString());
        show();
        add(others, text, status, tools);
        text.getElement().setAttribute("tabindex", "0");
        text.getElement().setAttribute("role", "button");
        text.addClickListener(e -> activate());
        text.getElement().addEventListener("keydown", e -> activate()).setFilter("event.key === 'Enter'");
        buildTools();
    }

    Block block() {
        return block;
    }

    UUID id() {
        return block.id();
    }

    boolean isEditing() {
        return editor != null;
    }

    /** What the person typed into this block and did not save yet, if anything. */
    @Nullable
    String unsavedText() {
        TextArea area = editor;
        return area == null || area.getValue().equals(block.text()) ? null : area.getValue();
    }

    /** Another person saved this block: reload it, unless this person is editing it. */
    void changedElsewhere(int version) {
        if (version <= block.version()) {
            return;
        }
        if (editor != null) {
            stale = true;
            status.setText("Someone else just saved this block. When you save, you will see both texts to merge.");
            addClassName("us-block-stale");
            return;
        }
        reload();
    }

    void reload() {
        try {
            update(letters.block(block.letterId(), block.id()));
        } catch (RuntimeException e) {
            // removed meanwhile: the letter view rebuilds the list
        }
    }

    void update(Block fresh) {
        if (editor != null) {
            if (fresh.version() > block.version()) {
                stale = true;
                status.setText("Someone else just saved this block. When you save, you will see both texts to merge.");
            }
            return;
        }
        this.block = fresh;
        show();
    }

    /** Names of the others who are editing this block right now. */
    void editedBy(List<String> names) {
        if (names.isEmpty()) {
            others.setText("");
            removeClassName("us-block-busy");
        } else {
            others.setText(String.join(", ", names) + " editing");
            addClassName("us-block-busy");
        }
    }

    private void activate() {
        host.select(this);
        if (canEdit && editor == null) {
            edit();
        }
    }

    private void show() {
        setClassName("us-block-kind-" + block.kind().name().toLowerCase().replace('_', '-'), true);
        for (var kind : org.undersigned.letter.BlockKind.values()) {
            setClassName("us-block-kind-" + kind.name().toLowerCase().replace('_', '-'), kind == block.kind());
        }
        boolean empty = block.text().isBlank();
        text.setText(empty ? (canEdit ? "Write the " + block.kind().label().toLowerCase() + "…" : "") : block.text());
        text.setClassName("us-placeholder", empty);
        text.getElement()
                .setAttribute(
                        "aria-label",
                        (canEdit ? "Edit the " : "") + block.kind().label().toLowerCase() + (empty ? " (empty)" : ""));
    }

    private void edit() {
        var area = new TextArea();
        area.setLabel(block.kind().label());
        area.setValue(block.text());
        area.setWidthFull();
        area.setValueChangeMode(ValueChangeMode.LAZY);
        area.setValueChangeTimeout(1200);
        area.addClassName("us-block-editor");
        area.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                save(false);
            }
        });
        var done = new Button("Done", e -> save(true));
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        done.addClassName("us-block-done");
        done.addClickShortcut(Key.ENTER, KeyModifier.CONTROL).listenOn(area);
        editor = area;
        text.setVisible(false);
        addComponentAtIndex(1, area);
        addComponentAtIndex(2, done);
        addClassName("us-block-editing");
        area.focus();
        host.editing(block.id());
    }

    /** Saves what is in the editor; {@code close} ends editing when the save went through. */
    void save(boolean close) {
        TextArea area = editor;
        if (area == null || merging) {
            return;
        }
        area.setInvalid(false);
        BlockSave result;
        try {
            result = letters.saveBlock(block.letterId(), block.id(), block.version(), area.getValue());
        } catch (InvalidInputException e) {
            area.setErrorMessage(String.join(" ", e.fieldErrors().values()));
            area.setInvalid(true);
            status.setText("Not saved.");
            return;
        } catch (RefusedException e) {
            status.setText("Not saved: " + e.getMessage());
            Forms.error(e.getMessage());
            return;
        }
        switch (result) {
            case BlockSave.Saved saved -> {
                block = saved.block();
                stale = false;
                removeClassName("us-block-stale");
                status.setText("Saved at " + MergeDialog.TIME.format(block.updatedAt()));
                if (close) {
                    close();
                }
            }
            case BlockSave.Conflict conflict -> {
                status.setText("Not saved: someone else changed this block. Merge the two texts.");
                merging = true;
                new MergeDialog(
                                conflict.theirs(),
                                conflict.yours(),
                                merged -> {
                                    merging = false;
                                    block = conflict.theirs();
                                    area.setValue(merged);
                                    save(true);
                                },
                                () -> {
                                    merging = false;
                                    block = conflict.theirs();
                                    stale = false;
                                    close();
                                })
                        .open();
            }
        }
    }

    private void close() {
        if (editor != null) {
            remove(editor);
            getChildren().filter(c -> c.hasClassName("us-block-done")).toList().forEach(this::remove);
            editor = null;
        }
        removeClassName("us-block-editing");
        removeClassName("us-block-stale");
        text.setVisible(true);
        if (stale) {
            stale = false;
            reload();
        } else {
            show();
        }
        host.editing(null);
    }

    private void buildTools() {
        if (!canEdit) {
            return;
        }
        tools.add(
                tool(VaadinIcon.ARROW_UP, "Move up", () -> host.move(this, -1)),
                tool(VaadinIcon.ARROW_DOWN, "Move down", () -> host.move(this, 1)),
                tool(VaadinIcon.PLUS, "Add a paragraph below", () -> host.addAfter(this)),
                tool(VaadinIcon.TRASH, "Remove this block", () -> host.remove(this)));
    }

    private static Button tool(VaadinIcon icon, String label, Runnable action) {
        var b = new Button(icon.create(), e -> action.run());
        b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ICON, ButtonVariant.LUMO_SMALL);
        b.setAriaLabel(label);
        b.setTooltipText(label);
        return b;
    }
}
