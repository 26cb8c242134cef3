package org.undersigned.letter.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.ui.Forms;
import org.undersigned.letter.Block;
import org.undersigned.letter.BlockSave;
import org.undersigned.letter.Comment;
import org.undersigned.letter.LetterAccess;
import org.undersigned.letter.LetterDiscussion;
import org.undersigned.letter.Suggestion;
import org.undersigned.letter.WordDiff;

/** The comments and suggestions tabs of the editor's side panel. */
final class DiscussionPanels {

    static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMM, HH:mm").withZone(ZoneId.systemDefault());

    private final LetterDiscussion discussion;
    private final UUID letterId;
    private final LetterAccess access;
    final Div comments = new Div();
    final Div suggestions = new Div();
    private @Nullable Block selected;
    private Function<UUID, String> labels = id -> "a block";
    private Map<UUID, Block> current = Map.of();
    /** The suggestions tab was opened: from then on it is kept up to date. */
    private boolean suggestionsShown;

    DiscussionPanels(LetterDiscussion discussion, UUID letterId, LetterAccess access) {
        this.discussion = discussion;
        this.letterId = letterId;
        this.access = access;
        comments.addClassName("us-panel");
        suggestions.addClassName("us-panel");
    }

    void select(@Nullable Block block, Function<UUID, String> labels, Map<UUID, Block> current) {
        this.selected = block;
        this.labels = labels;
        this.current = current;
        refresh();
    }

    void refresh() {
        renderComments();
        if (suggestionsShown) {
            renderSuggestions();
        }
    }

    /** The suggestions tab was opened: build it the first time. */
    void showSuggestions() {
        if (!suggestionsShown) {
            suggestionsShown = true;
            renderSuggestions();
        }
    }

    private void renderComments() {
        comments.removeAll();
        if (access.canComment()) {
            if (selected == null) {
                comments.add(
                        hint(
                                "Choose a block of the letter to comment on it. Mention a co-drafter with @ and their name to email them."));
            } else {
                Block block = selected;
                var body = new TextArea("Comment on " + labels.apply(block.id()));
                body.setWidthFull();
                body.setHelperText("Mention a co-drafter as @Their Name to send them an email.");
                var send = new Button("Comment", e -> {
                    try {
                        discussion.comment(letterId, block.id(), body.getValue());
                        body.clear();
                        body.setInvalid(false);
                    } catch (InvalidInputException ex) {
                        body.setErrorMessage(String.join(" ", ex.fieldErrors().values()));
                        body.setInvalid(true);
                    } catch (RuntimeException ex) {
                        Forms.show(ex);
                    }
                });
                send.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
                var form = new Div(body, send);
                form.addClassName("us-panel-form");
                comments.add(form);
            }
        }
        var threads = discussion.comments(letterId);
        if (threads.isEmpty()) {
            comments.add(hint("No comments yet."));
        }
        for (Comment c : threads) {
            var thread = thread(c);
            if (c.resolved()) {
                var d = new Details("Resolved: " + c.authorName() + " on " + labels.apply(c.blockId()), thread);
                d.addClassName("us-thread-resolved");
                comments.add(d);
            } else {
                comments.add(thread);
            }
        }
    }

    private Div thread(Comment c) {
        var t = new Div();
        t.addClassName("us-thread");
        t.add(meta(c.authorName() + " · " + WHEN.format(c.createdAt()) + " · on " + labels.apply(c.blockId())));
        t.add(body(c.body()));
        for (Comment.Reply r : c.replies()) {
            var reply = new Div(meta(r.authorName() + " · " + WHEN.format(r.createdAt())), body(r.body()));
            reply.addClassName("us-reply");
            t.add(reply);
        }
        if (access.canComment()) {
            var field = new TextField();
            field.setAriaLabel("Reply to " + c.authorName());
            field.setPlaceholder("Reply…");
            field.setWidthFull();
            var send = new Button("Reply", e -> {
                try {
                    discussion.reply(letterId, c.id(), field.getValue());
                } catch (InvalidInputException ex) {
                    field.setErrorMessage(String.join(" ", ex.fieldErrors().values()));
                    field.setInvalid(true);
                } catch (RuntimeException ex) {
                    Forms.show(ex);
                }
            });
            send.addThemeVariants(ButtonVariant.LUMO_SMALL);
            var resolve = new Button(c.resolved() ? "Reopen" : "Resolve", e -> {
                try {
                    if (c.resolved()) {
                        discussion.reopen(letterId, c.id());
                    } else {
                        discussion.resolve(letterId, c.id());
                    }
                } catch (RuntimeException ex) {
                    Forms.show(ex);
                }
            });
            resolve.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            var row = new Div(field, send, resolve);
            row.addClassName("us-thread-actions");
            t.add(row);
        }
        return t;
    }

    private void renderSuggestions() {
        suggestions.removeAll();
        if (access.canComment()) {
            if (selected == null) {
                suggestions.add(hint("Choose a block of the letter to suggest a new text for it."));
            } else {
                Block block = selected;
                var text = new TextArea("Suggest a new text for " + labels.apply(block.id()));
                text.setValue(block.text());
                text.setWidthFull();
                var send = new Button("Propose", e -> {
                    try {
                        discussion.suggest(letterId, block.id(), text.getValue());
                        text.setInvalid(false);
                        Forms.success("Suggestion proposed.");
                    } catch (InvalidInputException ex) {
                        text.setErrorMessage(String.join(" ", ex.fieldErrors().values()));
                        text.setInvalid(true);
                    } catch (RuntimeException ex) {
                        Forms.show(ex);
                    }
                });
                send.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
                var form = new Div(text, send);
                form.addClassName("us-panel-form");
                suggestions.add(form);
            }
        }
        var all = discussion.suggestions(letterId);
        if (all.isEmpty()) {
            suggestions.add(hint("No suggestions yet."));
        }
        for (Suggestion s : all) {
            var card = new Div();
            card.addClassName("us-suggestion");
            card.addClassName("us-suggestion-" + s.state().name().toLowerCase());
            String state = switch (s.state()) {
                case OPEN -> "open";
                case ACCEPTED -> "accepted by " + s.decidedByName();
                case REJECTED -> "rejected by " + s.decidedByName();
            };
            card.add(meta(s.authorName() + " · " + WHEN.format(s.createdAt()) + " · " + labels.apply(s.blockId())
                    + " · " + state));
            Block now = current.get(s.blockId());
            String base = s.state() == Suggestion.State.OPEN && now != null ? now.text() : s.baseText();
            card.add(new DiffView(WordDiff.between(base, s.proposedText())));
            if (s.state() == Suggestion.State.OPEN && access.canEdit() && now != null) {
                var accept = new Button("Accept", e -> {
                    try {
                        var result = discussion.accept(letterId, s.id(), now.version());
                        if (result instanceof BlockSave.Conflict) {
                            Forms.error(
                                    "The block changed a moment ago. Look at the suggestion again before accepting it.");
                        }
                    } catch (RuntimeException ex) {
                        Forms.show(ex);
                    }
                });
                accept.addThemeVariants(ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_SMALL);
                var reject = new Button("Reject", e -> {
                    try {
                        discussion.reject(letterId, s.id());
                    } catch (RuntimeException ex) {
                        Forms.show(ex);
                    }
                });
                reject.addThemeVariants(
                        ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                card.add(new Div(accept, reject));
            }
            suggestions.add(card);
        }
    }

    static Span meta(String text) {
        var s = new Span(text);
        s.addClassName("us-meta");
        return s;
    }

    static Div body(String text) {
        var d = new Div();
        d.setText(text);
        d.addClassName("us-comment-body");
        return d;
    }

    static Paragraph hint(String text) {
        var p = new Paragraph(text);
        p.addClassName("us-muted");
        return p;
    }
}
