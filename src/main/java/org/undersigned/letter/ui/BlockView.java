package org.undersigned.letter.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
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
    /**
     * The move/add/remove tools: plain buttons in one element with one listener, not four Vaadin
     * buttons with icons and tooltips per block (each of those is several state nodes on the
     * server, and an editor holds one per block for every open tab: see bench/README.md).
     */
    static final String TOOLS_HTML = tool("up", "arrow-up", "Move up")
            + tool("down", "arrow-down", "Move down")
            + tool("add", "plus", "Add a paragraph below")
            + tool("remove", "trash", "Remove this block");
    /** The event data the tools' listener asks for: the action of the button clicked, if any. */
    static final String TOOL_ACTION =
            "event.target.closest('button') ? event.target.closest('button').dataset.act : ''";

    private final Div text = new Div();
    /** Who else edits this block, and this block's save status: made when first needed. */
    private @Nullable Span others;

    private @Nullable Span status;
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
        getElement().setAttribute("data-block", block.id().toString());
        show();
        add(text);
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
            status("Someone else just saved this block. When you save, you will see both texts to merge.");
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
                status("Someone else just saved this block. When you save, you will see both texts to merge.");
            }
            return;
        }
        this.block = fresh;
        show();
    }

    /** Names of the others who are editing this block right now. */
    void editedBy(List<String> names) {
        if (names.isEmpty()) {
            if (others != null) {
                others.setText("");
            }
            removeClassName("us-block-busy");
        } else {
            if (others == null) {
                others = new Span();
                others.addClassName("us-block-others");
                addComponentAsFirst(others);
            }
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
        int at = indexOf(text) + 1;
        addComponentAtIndex(at, area);
        addComponentAtIndex(at + 1, done);
        statusRegion();
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
            status("Not saved.");
            return;
        } catch (RefusedException e) {
            status("Not saved: " + e.getMessage());
            Forms.error(e.getMessage());
            return;
        }
        switch (result) {
            case BlockSave.Saved saved -> {
                block = saved.block();
                stale = false;
                removeClassName("us-block-stale");
                status("Saved at " + MergeDialog.TIME.format(block.updatedAt()));
                if (close) {
                    close();
                }
            }
            case BlockSave.Conflict conflict -> {
                status("Not saved: someone else changed this block. Merge the two texts.");
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

    /** This block's save status, read out by screen readers. */
    private void status(String message) {
        statusRegion().setText(message);
    }

    /**
     * The live region for the save status, made empty when editing starts so that screen readers
     * announce what is later written into it.
     */
    private Span statusRegion() {
        Span region = status;
        if (region == null) {
            region = new Span();
            region.addClassName("us-block-status");
            region.getElement().setAttribute("aria-live", "polite");
            var tools =
                    getChildren().filter(c -> c.hasClassName("us-block-tools")).findFirst();
            if (tools.isPresent()) {
                addComponentAtIndex(indexOf(tools.get()), region);
            } else {
                add(region);
            }
            status = region;
        }
        return region;
    }

    private void buildTools() {
        if (!canEdit) {
            return;
        }
        var tools = new Div();
        tools.addClassName("us-block-tools");
        tools.getElement().setProperty("innerHTML", TOOLS_HTML);
        tools.getElement()
                .addEventListener("click", e -> {
                    switch (e.getEventData().path(TOOL_ACTION).asString("")) {
                        case "up" -> host.move(this, -1);
                        case "down" -> host.move(this, 1);
                        case "add" -> host.addAfter(this);
                        case "remove" -> host.remove(this);
                        default -> {
                            // a click between the buttons
                        }
                    }
                })
                .addEventData(TOOL_ACTION);
        add(tools);
    }

    private static String tool(String action, String icon, String label) {
        return "<button type=\"button\" class=\"us-tool\" data-act=\"" + action + "\" aria-label=\"" + label
                + "\" title=\"" + label + "\"><vaadin-icon icon=\"vaadin:" + icon
                + "\" aria-hidden=\"true\"></vaadin-icon></button>";
    }
}
