package org.undersigned.letter.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.avatar.AvatarGroup;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.undersigned.account.OrganisationService;
import org.undersigned.base.CurrentUser;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.ui.Forms;
import org.undersigned.letter.Block;
import org.undersigned.letter.BlockKind;
import org.undersigned.letter.Letter;
import org.undersigned.letter.LetterAccess;
import org.undersigned.letter.LetterBroadcaster;
import org.undersigned.letter.LetterDiscussion;
import org.undersigned.letter.LetterEvent;
import org.undersigned.letter.LetterHistory;
import org.undersigned.letter.LetterPreview;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.LetterState;
import org.undersigned.letter.Presence;

/**
 * The letter editor: the letter in the middle laid out as it will be published, who else is
 * here, and a side panel with comments, suggestions and history. Changes by others arrive
 * through the {@link LetterBroadcaster} (fed by PostgreSQL NOTIFY, so from every app instance)
 * and are pushed to the browser.
 */
@Route("drafts/:id")
@PermitAll
@StyleSheet("styles/editor.css")
public class LetterEditorView extends Main implements BeforeEnterObserver, HasDynamicTitle, BlockView.Host {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LetterEditorView.class);

    private final LetterService letters;
    private final LetterHistory history;
    private final LetterDiscussion discussion;
    private final LetterPreview preview;
    private final LetterBroadcaster broadcaster;
    private final Presence presence;
    private final OrganisationService organisations;
    private final UUID session = UUID.randomUUID();
    private final Div paper = new Div();
    private final Map<UUID, BlockView> views = new LinkedHashMap<>();
    private final AvatarGroup here = new AvatarGroup();
    private final H1 title = new H1();
    private final Span state = new Span();
    private final Div nextStep = new Div();
    private UUID letterId = new UUID(0, 0);
    private LetterAccess access = LetterAccess.READ;
    /** Who has this editor open, from attach to detach (presence is announced under this id). */
    private @Nullable UUID me;
    /** Whether this person may change the text now: an editor, and the letter's state allows it. */
    private boolean editable;

    private LetterState shownState = LetterState.DRAFT;
    private @Nullable DiscussionPanels panels;
    private @Nullable HistoryPanel historyPanel;
    private @Nullable BlockView selected;
    private LetterBroadcaster.@Nullable Subscription subscription;
    private String pageTitle = "Letter — Undersigned";
    private @Nullable Div reconsentBanner;

    public LetterEditorView(
            LetterService letters,
            LetterHistory history,
            LetterDiscussion discussion,
            LetterPreview preview,
            LetterBroadcaster broadcaster,
            Presence presence,
            OrganisationService organisations) {
        this.letters = letters;
        this.history = history;
        this.discussion = discussion;
        this.preview = preview;
        this.broadcaster = broadcaster;
        this.presence = presence;
        this.organisations = organisations;
        addClassName("us-editor");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            letterId = UUID.fromString(event.getRouteParameters().get("id").orElse(""));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
        access = letters.access(letterId);
        layout(letters.get(letterId));
    }

    /** Lays the page out for the letter as it is now and what this person may do with it. */
    private void layout(Letter letter) {
        editable = access.canEdit() && letter.state().editable();
        shownState = letter.state();
        removeAll();
        views.clear();

        title.addClassName("us-editor-title");
        state.addClassName("us-badge");
        here.addClassName("us-here");
        here.setMaxItemsVisible(6);
        var previewButton = new Button("Preview", VaadinIcon.EYE.create(), e -> openPreview());
        var people = new Button(
                "Co-drafters", VaadinIcon.USERS.create(), e -> new CoDraftersDialog(letters, letterId, access).open());
        var actions = new Div(here, people, previewButton);
        if (editable) {
            var details = new Button(
                    "Details",
                    VaadinIcon.EDIT.create(),
                    e -> new LetterDetailsDialog(letters, organisations, letters.get(letterId)).open());
            actions.addComponentAtIndex(1, details);
        }
        actions.addClassName("us-editor-actions");
        nextStep.addClassName("us-next-step");
        var stateRow = new Div(state, nextStep);
        stateRow.addClassName("us-editor-state");
        var head = new Div(new Div(title, stateRow), actions);
        head.addClassName("us-editor-head");
        showLetter(letter);

        paper.addClassName("us-paper");
        var letterColumn = new Div(paper);
        letterColumn.addClassName("us-letter-column");
        if (editable) {
            letterColumn.add(addBlockRow());
            var banner = new Div(new Span(
                    "This letter is open for signatures. If you change its text, everyone who has already signed"
                            + " will be sent the changes and asked to confirm their signature again."));
            banner.addClassNames("us-banner", "us-reconsent-warning");
            banner.getElement().setAttribute("role", "note");
            banner.setVisible(letter.state() == LetterState.OPEN_FOR_SIGNATURES);
            reconsentBanner = banner;
            letterColumn.addComponentAsFirst(banner);
        } else {
            reconsentBanner = null;
            var note = new Span(
                    access.canEdit()
                            ? finalText(letter.state())
                            : access.canComment()
                                    ? "You can comment and suggest changes; editors change the text."
                                    : "You are reading this draft as an administrator.");
            note.addClassName("us-muted");
            letterColumn.addComponentAsFirst(note);
        }

        var panelsNow = new DiscussionPanels(discussion, letterId, access);
        panels = panelsNow;
        historyPanel = new HistoryPanel(history, letterId, access);
        var tabs = new TabSheet();
        tabs.add("Comments", panelsNow.comments);
        var suggestionsTab = tabs.add("Suggestions", panelsNow.suggestions);
        var historyTab = tabs.add("History", historyPanel);
        var historyNow = historyPanel;
        // The suggestions and the history are built when their tab is first opened.
        tabs.addSelectedChangeListener(e -> {
            if (e.getSelectedTab() == historyTab) {
                historyNow.show();
            } else if (e.getSelectedTab() == suggestionsTab) {
                panelsNow.showSuggestions();
            }
        });
        tabs.addClassName("us-side");
        var body = new Div(letterColumn, tabs);
        body.addClassName("us-editor-body");
        add(head, body);
        rebuild();
    }

    private void showLetter(Letter letter) {
        title.setText(letter.title());
        state.setText(letter.state().label());
        state.getClassNames().removeIf(c -> c.startsWith("us-badge-"));
        state.addClassName(badge(letter.state()));
        nextStep.removeAll();
        if (access.canEdit()) {
            var step = nextStep(letter.id(), letter.state());
            if (step != null) {
                nextStep.add(step);
            }
        }
        paper.getElement().setAttribute("lang", letter.language());
        paper.getElement()
                .setAttribute("dir", org.undersigned.letter.Languages.rightToLeft(letter.language()) ? "rtl" : "ltr");
        pageTitle = letter.title() + " — Undersigned";
    }

    static String finalText(LetterState s) {
        String why = switch (s) {
            case LOCKED -> "The list is locked";
            case IN_REVIEW -> "The letter is waiting for approval";
            case PUBLISHED -> "The letter is published";
            case WITHDRAWN -> "The letter was withdrawn";
            case DRAFT, OPEN_FOR_SIGNATURES -> "The letter is " + s.label().toLowerCase();
        };
        return why + ": its text can no longer be changed.";
    }

    /** The colour of a state's badge, the same on the dashboard. */
    static String badge(LetterState s) {
        return switch (s) {
            case DRAFT -> "us-badge-warning";
            case OPEN_FOR_SIGNATURES, LOCKED, IN_REVIEW -> "us-badge-contrast";
            case PUBLISHED -> "us-badge-success";
            case WITHDRAWN -> "us-badge-error";
        };
    }

    /**
     * What an editor does next with a letter in this state, as a link to the view that does it
     * (by route, so that views of later features need not exist for this one to compile).
     */
    static @Nullable Anchor nextStep(UUID letterId, LetterState s) {
        String base = "drafts/" + letterId;
        Anchor link = switch (s) {
            case DRAFT -> new Anchor(base + "/signatories", "Open for signatures");
            case OPEN_FOR_SIGNATURES -> new Anchor(base + "/signatories", "Lock the list");
            case LOCKED -> new Anchor(base + "/publication", "Request publication");
            case IN_REVIEW -> new Anchor(base + "/publication", "Waiting for approval");
            case PUBLISHED, WITHDRAWN -> null;
        };
        if (link != null) {
            link.addClassName("us-link-button");
        }
        return link;
    }

    @Override
    public String getPageTitle() {
        return pageTitle;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        subscription = broadcaster.subscribe(letterId, e -> ui.access(() -> onEvent(e)));
        me = CurrentUser.requireId();
        presence.join(letterId, me, session);
        ui.access(this::showPresence);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (subscription != null) {
            subscription.cancel();
            subscription = null;
        }
        // A UI is also detached when its session ends, on a thread that may have no signed-in
        // user: leave as the person who joined, or the presence would announce them for good.
        UUID who = me;
        if (who != null) {
            me = null;
            try {
                presence.leave(letterId, who, session);
            } catch (org.springframework.dao.DataAccessException e) {
                // The database is gone (the application is stopping): the other instances drop
                // this presence when it expires; nothing to show anyone.
                log.debug("leave of letter {} not announced: {}", letterId, e.getMessage());
            }
        }
    }

    private void onEvent(LetterEvent event) {
        try {
            switch (event) {
                case LetterEvent.BlockChanged b -> {
                    BlockView view = views.get(b.blockId());
                    if (refreshLetterHead()) {
                        return;
                    }
                    if (view == null) {
                        rebuild();
                    } else {
                        view.changedElsewhere(b.version());
                    }
                    refreshSide(false);
                }
                case LetterEvent.LetterChanged l -> {
                    if (refreshLetterHead()) {
                        return;
                    }
                    rebuild();
                    refreshSide(false);
                }
                case LetterEvent.DiscussionChanged d -> refreshSide(true);
                case LetterEvent.PresenceChanged p -> showPresence();
            }
        } catch (NotFoundException e) {
            // access was taken away: leave the letter
            UI.getCurrent().navigate("");
        }
    }

    /**
     * Shows the letter's state and next step as they are now. When what this person may do changed
     * (the letter was opened for signatures, locked, sent for review; their role changed), lays the
     * page out again: a letter whose text can no longer change becomes read-only here too, and any
     * text not yet saved is shown to copy.
     *
     * @return whether the page was laid out again (it then shows everything afresh)
     */
    private boolean refreshLetterHead() {
        Letter letter = letters.get(letterId);
        LetterAccess now = letters.access(letterId);
        boolean nowEditable = now.canEdit() && letter.state().editable();
        if (now == access && nowEditable == editable) {
            shownState = letter.state();
            showLetter(letter);
            if (reconsentBanner != null) {
                reconsentBanner.setVisible(letter.state() == LetterState.OPEN_FOR_SIGNATURES);
            }
            return false;
        }
        List<String> unsaved = views.values().stream()
                .map(BlockView::unsavedText)
                .filter(Objects::nonNull)
                .toList();
        access = now;
        selected = null;
        layout(letter);
        if (!editable && !unsaved.isEmpty()) {
            showUnsaved(letter.state(), unsaved);
        }
        return true;
    }

    private void showUnsaved(LetterState state, List<String> texts) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Your changes were not saved");
        dialog.add(new Span((access.canEdit() ? finalText(state) : "You can no longer change this letter's text.")
                + " Here is what you had not saved yet; copy it if you need it."));
        for (String t : texts) {
            var area = new com.vaadin.flow.component.textfield.TextArea();
            area.setValue(t);
            area.setReadOnly(true);
            area.setWidthFull();
            area.setAriaLabel("Text not saved");
            dialog.add(area);
        }
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.setWidth("min(40rem, 96vw)");
        dialog.open();
    }

    private void refreshSide(boolean discussionOnly) {
        if (panels != null) {
            selectPanels();
        }
        if (!discussionOnly && historyPanel != null) {
            historyPanel.refresh();
        }
    }

    /** Brings the page in line with the letter's blocks, keeping any block being edited as it is. */
    private void rebuild() {
        List<Block> blocks = letters.blocks(letterId);
        var keep = new HashMap<UUID, BlockView>(views);
        views.clear();
        paper.removeAll();
        for (Block b : blocks) {
            BlockView view = keep.remove(b.id());
            if (view == null) {
                view = new BlockView(letters, b, editable, this);
            } else {
                view.update(b);
            }
            views.put(b.id(), view);
            paper.add(view);
        }
        for (BlockView gone : keep.values()) {
            if (gone.isEditing()) {
                Forms.error("Someone removed the block you were editing. Restore it from the history if it is needed.");
            }
        }
        if (selected != null && !views.containsKey(selected.id())) {
            selected = null;
        }
        showPresence();
        selectPanels();
    }

    private void showPresence() {
        var all = presence.here(letterId);
        here.setItems(all.stream()
                .collect(Collectors.toMap(h -> h.accountId(), h -> h.name(), (a, b) -> a, LinkedHashMap::new))
                .values()
                .stream()
                .map(AvatarGroup.AvatarGroupItem::new)
                .toList());
        UUID me = Objects.requireNonNullElseGet(this.me, CurrentUser::requireId);
        for (BlockView v : views.values()) {
            v.editedBy(all.stream()
                    .filter(h -> v.id().equals(h.editing())
                            && !h.session().equals(session)
                            && !h.accountId().equals(me))
                    .map(h -> h.name())
                    .distinct()
                    .toList());
        }
    }

    private Map<UUID, String> labels() {
        var counts = new HashMap<BlockKind, Integer>();
        var out = new HashMap<UUID, String>();
        for (BlockView v : views.values()) {
            int n = counts.merge(v.block().kind(), 1, Integer::sum);
            String label = v.block().kind().label().toLowerCase();
            out.put(v.id(), v.block().kind() == BlockKind.PARAGRAPH ? "paragraph " + n : "the " + label);
        }
        return out;
    }

    private void selectPanels() {
        if (panels == null) {
            return;
        }
        var labels = labels();
        var current = views.values().stream().map(BlockView::block).collect(Collectors.toMap(Block::id, b -> b));
        panels.select(
                selected == null ? null : selected.block(),
                id -> Objects.requireNonNullElse(labels.get(id), "a removed block"),
                current);
    }

    // --- BlockView.Host -------------------------------------------------------------------------

    @Override
    public void editing(@Nullable UUID blockId) {
        presence.editing(letterId, Objects.requireNonNullElseGet(me, CurrentUser::requireId), session, blockId);
    }

    @Override
    public void select(BlockView view) {
        if (selected != null) {
            selected.removeClassName("us-block-selected");
        }
        selected = view;
        view.addClassName("us-block-selected");
        selectPanels();
    }

    @Override
    public void move(BlockView view, int direction) {
        try {
            letters.moveBlock(letterId, view.id(), direction);
        } catch (RuntimeException e) {
            Forms.show(e);
        }
    }

    @Override
    public void addAfter(BlockView view) {
        try {
            letters.addBlock(letterId, view.id(), BlockKind.PARAGRAPH);
        } catch (RuntimeException e) {
            Forms.show(e);
        }
    }

    @Override
    public void remove(BlockView view) {
        new ConfirmDialog(
                        "Remove this " + view.block().kind().label().toLowerCase() + "?",
                        "You can bring it back from the history.",
                        "Remove",
                        e -> {
                            try {
                                letters.removeBlock(letterId, view.id());
                            } catch (RuntimeException ex) {
                                Forms.show(ex);
                            }
                        },
                        "Cancel",
                        e -> {})
                .open();
    }

    /**
     * The kinds of block to add, as the options of a plain {@code <select>}: one element on the
     * server instead of a Vaadin select with an item per kind (fourteen state nodes, held by every
     * open editor tab; see bench/README.md).
     */
    static final String KIND_OPTIONS = java.util.Arrays.stream(BlockKind.values())
            .map(k -> "<option value=\"" + k.name() + "\"" + (k == BlockKind.PARAGRAPH ? " selected" : "") + ">"
                    + k.label() + "</option>")
            .collect(Collectors.joining());
    /** The event data of "Add at the end": the kind chosen in the select next to it. */
    static final String CHOSEN_KIND = "element.parentElement.querySelector('select').value";

    private Div addBlockRow() {
        var kind = new com.vaadin.flow.dom.Element("select");
        kind.setAttribute("class", "us-kind-select");
        kind.setAttribute("aria-label", "Kind of block to add");
        kind.setProperty("innerHTML", KIND_OPTIONS);
        var add = new Button("Add at the end", VaadinIcon.PLUS.create());
        add.getElement()
                .addEventListener(
                        "click",
                        e -> addAtTheEnd(e.getEventData().path(CHOSEN_KIND).asString("")))
                .addEventData(CHOSEN_KIND);
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        var row = new Div(add);
        row.getElement().insertChild(0, kind);
        row.addClassName("us-add-block");
        return row;
    }

    /** "Add at the end" with the kind the browser reported (anything else is ignored). */
    void addAtTheEnd(String kindName) {
        BlockKind kind = java.util.Arrays.stream(BlockKind.values())
                .filter(k -> k.name().equals(kindName))
                .findFirst()
                .orElse(null);
        if (kind == null) {
            return;
        }
        try {
            letters.addBlock(letterId, null, kind);
        } catch (RuntimeException ex) {
            Forms.show(ex);
        }
    }

    private void openPreview() {
        var frame = new IFrame();
        frame.setSrcdoc(preview.draft(letterId));
        frame.setSandbox(IFrame.SandboxType.RESTRICT_ALL);
        frame.setTitle("Preview of the letter as it will be published");
        frame.addClassName("us-preview-frame");
        var dialog = new Dialog(frame);
        dialog.setHeaderTitle("Preview");
        dialog.addClassName("us-preview");
        dialog.setWidth("min(60rem, 98vw)");
        dialog.setHeight("90vh");
        var close = new Button("Close", e -> dialog.close());
        dialog.getFooter().add(close);
        dialog.open();
    }

    /** For tests: the block views in order. */
    List<BlockView> blockViews() {
        return new ArrayList<>(views.values());
    }
}
