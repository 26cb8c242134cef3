package org.undersigned.letter.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.dom.Element;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;
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
 *
 * <p>An open editor holds one of these per block for every tab, so a block that is not being
 * edited is two elements on the server (bench/README.md): this one, with the single listener of
 * the block, and {@link #face}, whose inner HTML is the text (escaped: always inert text) and the
 * tools (plain buttons). The listener finds out by event delegation what was clicked ({@link
 * #ACTION}). The text box, the "Done" button and the status line exist only while the block is
 * edited; the "X editing" badge only while someone else edits it.
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
    /** The move/add/remove tools: plain buttons, each with its action in {@code data-act}. */
    static final String TOOLS_HTML = "<div class=\"us-block-tools\">"
            + tool("up", "arrow-up", "Move up")
            + tool("down", "arrow-down", "Move down")
            + tool("add", "plus", "Add a paragraph below")
            + tool("remove", "trash", "Remove this block")
            + "</div>";
    /**
     * The event data of the block's listener: the action of the tool clicked, {@code edit} for the
     * text, or empty (the browser then sends nothing). Only elements inside this block count.
     */
    static final String ACTION = "(t => { const b = t.closest('[data-act]');"
            + " if (b && element.contains(b)) return b.dataset.act;"
            + " const x = t.closest('.us-block-text'); return x && element.contains(x) ? 'edit' : ''; })(event.target)";
    /** The browser sends a click only when it has an action. */
    static final String HAS_ACTION = ACTION + " !== ''";
    /** Enter on the text (the tools are buttons: Enter clicks them). */
    static final String ENTER_ON_TEXT = "event.key === 'Enter' && event.target.classList.contains('us-block-text')";

    /** The text and the tools, as inner HTML of one element. */
    private final Element face = new Element("div");

    private @Nullable String shownHtml;
    /** Who else edits this block, and this block's save status: made when first needed. */
    private @Nullable Span others;

    private @Nullable Span status;
    private Block block;
    private @Nullable TextArea editor;
    private @Nullable Button done;
    private @Nullable Element editingTools;
    private boolean stale;
    /** A merge dialog is open: saving waits for the person's choice there. */
    private boolean merging;

    BlockView(LetterService letters, Block block, boolean canEdit, Host host) {
        this.letters = letters;
        this.block = block;
        this.canEdit = canEdit;
        this.host = host;
        addClassName("us-block");
        getElement().setAttribute("data-block", block.id().toString());
        getElement().appendChild(face);
        show();
        getElement()
                .addEventListener(
                        "click", e -> act(e.getEventData().path(ACTION).asString("")))
                .addEventData(ACTION)
                .setFilter(HAS_ACTION);
        getElement().addEventListener("keydown", e -> activate()).setFilter(ENTER_ON_TEXT);
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

    /** The inner HTML shown for the block when it is not being edited (for tests). */
    String faceHtml() {
        return face.getProperty("innerHTML", "");
    }

    /** The element that holds the text and the tools (for tests). */
    Element face() {
        return face;
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
        boolean changed = !fresh.equals(block);
        this.block = fresh;
        if (changed) {
            show();
        }
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

    /** What the block's listener reported: a tool's action or the text. Anything else is ignored. */
    private void act(String action) {
        if (!canEdit && !action.equals("edit")) {
            return; // a reader has no tools: a forged action is ignored (the service would refuse it too)
        }
        switch (action) {
            case "edit" -> activate();
            case "up" -> host.move(this, -1);
            case "down" -> host.move(this, 1);
            case "add" -> host.addAfter(this);
            case "remove" -> host.remove(this);
            default -> {
                // not ours (a forged or empty action)
            }
        }
    }

    private void activate() {
        host.select(this);
        if (canEdit && editor == null) {
            edit();
        }
    }

    private void show() {
        for (var kind : org.undersigned.letter.BlockKind.values()) {
            setClassName("us-block-kind-" + kind.name().toLowerCase().replace('_', '-'), kind == block.kind());
        }
        setFace(editor != null ? "" : faceHtml(block, canEdit));
    }

    /** Sends the face's HTML to the browser when it changed (Vaadin sends inner HTML every time). */
    private void setFace(String html) {
        if (!html.equals(shownHtml)) {
            shownHtml = html;
            face.setProperty("innerHTML", html);
        }
    }

    /**
     * The block as it is shown: its text, escaped, in the element that takes clicks and Enter, and
     * for an editor the tools.
     */
    static String faceHtml(Block block, boolean canEdit) {
        boolean empty = block.text().isBlank();
        String label = block.kind().label().toLowerCase();
        String shown = empty ? (canEdit ? "Write the " + label + "…" : "") : block.text();
        String aria = (canEdit ? "Edit the " : "") + label + (empty ? " (empty)" : "");
        return "<div class=\"us-block-text" + (empty ? " us-placeholder" : "")
                + "\" tabindex=\"0\" role=\"button\" aria-label=\"" + escape(aria) + "\">" + escape(shown) + "</div>"
                + (canEdit ? TOOLS_HTML : "");
    }

    /** Text as inert HTML: {@code & < > " '} escaped, every other character kept as it is. */
    static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
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
        var doneButton = new Button("Done", e -> save(true));
        doneButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        doneButton.addClassName("us-block-done");
        doneButton.addClickShortcut(Key.ENTER, KeyModifier.CONTROL).listenOn(area);
        editor = area;
        done = doneButton;
        setFace("");
        // the text box and "Done" where the text was, then the status, then the tools
        int at = getElement().indexOfChild(face) + 1;
        addComponentAtIndex(at, area);
        addComponentAtIndex(at + 1, doneButton);
        statusRegion();
        var tools = new Element("div");
        tools.setProperty("innerHTML", TOOLS_HTML);
        getElement().appendChild(tools);
        editingTools = tools;
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
            if (done != null) {
                remove(done);
            }
            if (editingTools != null) {
                getElement().removeChild(editingTools);
            }
            editor = null;
            done = null;
            editingTools = null;
        }
        removeClassName("us-block-editing");
        removeClassName("us-block-stale");
        if (stale) {
            stale = false;
            reload();
        }
        // after a save (the block is the saved one) or when nothing came in meanwhile
        show();
        host.editing(null);
    }

    /** This block's save status, read out by screen readers. */
    private void status(String message) {
        statusRegion().setText(message);
    }

    /**
     * The live region for the save status, made empty when editing starts so that screen readers
     * announce what is later written into it; it stays after editing, with the last status.
     */
    private Span statusRegion() {
        Span region = status;
        if (region == null) {
            region = new Span();
            region.addClassName("us-block-status");
            region.getElement().setAttribute("aria-live", "polite");
            add(region);
            status = region;
        }
        return region;
    }

    private static String tool(String action, String icon, String label) {
        return "<button type=\"button\" class=\"us-tool\" data-act=\"" + action + "\" aria-label=\"" + label
                + "\" title=\"" + label + "\"><vaadin-icon icon=\"vaadin:" + icon
                + "\" aria-hidden=\"true\"></vaadin-icon></button>";
    }
}
