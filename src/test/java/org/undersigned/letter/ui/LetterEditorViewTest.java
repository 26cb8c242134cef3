package org.undersigned.letter.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.TestAccounts;
import org.undersigned.ViewTest;
import org.undersigned.account.AccountService;
import org.undersigned.account.AccountSignIn;
import org.undersigned.letter.BlockKind;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.NewLetter;

/** The editor, browserless: what a drafter sees, a block edited and saved, a conflict to merge. */
class LetterEditorViewTest extends ViewTest {

    @Autowired
    AccountService accountService;

    @Autowired
    AccountSignIn accountSignIn;

    @Autowired
    LetterService letters;

    @Autowired
    JdbcClient jdbc;

    UUID letterFor(TestAccounts.Registered owner) {
        signIn(accountSignIn.loadUserByUsername(owner.email()).user());
        UUID id = letters.create(
                new NewLetter("Açıq məktub — ღია წერილი", "az", owner.organisationId(), "6 aprel 2024", "Bakı", null));
        if (letters.blocks(id).stream().noneMatch(b -> b.kind() == BlockKind.PARAGRAPH)) {
            letters.addBlock(id, null, BlockKind.PARAGRAPH);
        }
        return id;
    }

    BlockView emptyParagraph() {
        return Blocks.showing("Write the paragraph");
    }

    @Test
    void aDrafterEditsABlockInPlaceAndItIsSavedExactly() {
        var owner = new TestAccounts(accountService, jdbc).register(true);
        UUID id = letterFor(owner);

        open("drafts/" + id);

        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(LetterEditorView.class);
        assertThat(_get(H1.class).getText()).isEqualTo("Açıq məktub — ღია წერილი");
        Blocks.clickText(emptyParagraph());
        String text = "Əziz dostlar, <script>alert(1)</script> — Мы, нижеподписавшиеся — نحن الموقعون";
        _setValue(_get(TextArea.class, s -> s.withClasses("us-block-editor")), text);
        _click(_get(Button.class, s -> s.withText("Done")));

        assertThat(letters.blocks(id)).anyMatch(b -> b.text().equals(text));
        assertThat(Blocks.all()).anyMatch(v -> Blocks.text(v).equals(text));
    }

    @Test
    void aBlockShownAsInnerHtmlIsInertTextExactlyAsSaved() {
        var owner = new TestAccounts(accountService, jdbc).register(true);
        UUID id = letterFor(owner);
        var block = letters.blocks(id).stream()
                .filter(b -> b.kind() == BlockKind.PARAGRAPH)
                .findFirst()
                .orElseThrow();
        String text =
                "<script>alert(1)</script><img src=x onerror=alert(2)> \"quoted\" & 'single' </div><div data-act=\"remove\">\n"
                        + "Hörmətli dostlar — ძვირფასო მეგობრებო — Дорогие друзья — أصدقائي\u200Dالأعزاء &amp; &lt;b&gt;";
        letters.saveBlock(id, block.id(), block.version(), text);

        open("drafts/" + id);

        BlockView view = Blocks.all().stream()
                .filter(v -> v.id().equals(block.id()))
                .findFirst()
                .orElseThrow();
        var parsed = org.jsoup.Jsoup.parseBodyFragment(view.faceHtml());
        // What the browser shows is the text as saved, character for character, and nothing runs.
        assertThat(Blocks.text(view)).isEqualTo(letters.block(id, block.id()).text());
        assertThat(parsed.select("script, img, [onerror]")).isEmpty();
        assertThat(parsed.selectFirst(".us-block-text").children()).isEmpty();
        // The text cannot forge a tool: the only actions are the four tool buttons.
        assertThat(parsed.select("[data-act]").eachAttr("data-act")).containsExactly("up", "down", "add", "remove");
        // Enter on the text opens it for editing with the same text.
        Blocks.enter(view);
        assertThat(_get(TextArea.class, s -> s.withClasses("us-block-editor")).getValue())
                .isEqualTo(letters.block(id, block.id()).text());
    }

    @Test
    void aSaveAgainstAnOlderVersionOpensTheMergeDialogAndSavesNothingSilently() {
        var owner = new TestAccounts(accountService, jdbc).register(true);
        UUID id = letterFor(owner);
        open("drafts/" + id);
        Blocks.clickText(emptyParagraph());
        var block = letters.blocks(id).stream()
                .filter(b -> b.kind() == BlockKind.PARAGRAPH && b.text().isBlank())
                .findFirst()
                .orElseThrow();

        // Someone else saves the same block first.
        letters.saveBlock(id, block.id(), block.version(), "Their text");
        _setValue(_get(TextArea.class, s -> s.withClasses("us-block-editor")), "My text");
        _click(_get(Button.class, s -> s.withText("Done")));

        _get(MergeDialog.class);
        assertThat(letters.block(id, block.id()).text()).isEqualTo("Their text");
    }

    @Test
    void aMemberOfAnotherOrganisationDoesNotGetTheEditor() {
        var owner = new TestAccounts(accountService, jdbc).register(true);
        UUID id = letterFor(owner);
        var stranger = new TestAccounts(accountService, jdbc).register(true);
        signIn(accountSignIn.loadUserByUsername(stranger.email()).user());

        open("drafts/" + id);

        assertThat(UI.getCurrent().getCurrentView()).isNotInstanceOf(LetterEditorView.class);
        assertThat(_find(H1.class)).allMatch(h -> !h.getText().contains("Açıq məktub"));
    }

    @Test
    void theHeadShowsTheStateAndTheNextStepForEachState() {
        var owner = new TestAccounts(accountService, jdbc).register(true);
        UUID id = letterFor(owner);

        open("drafts/" + id);
        assertThat(_get(Span.class, s -> s.withClasses("us-badge")).getText()).isEqualTo("Draft");
        assertThat(_get(Anchor.class, s -> s.withText("Open for signatures")).getHref())
                .isEqualTo("drafts/" + id + "/signatories");
        assertThat(_find(Div.class, s -> s.withClasses("us-reconsent-warning"))).isEmpty();

        // Open for signatures: still editable, with a warning that signers will be asked again.
        state(id, "OPEN_FOR_SIGNATURES");
        open("drafts/" + id);
        assertThat(_get(Span.class, s -> s.withClasses("us-badge")).getText()).isEqualTo("Open for signatures");
        assertThat(_get(Anchor.class, s -> s.withText("Lock the list")).getHref())
                .isEqualTo("drafts/" + id + "/signatories");
        assertThat(_get(Div.class, s -> s.withClasses("us-reconsent-warning"))
                        .getElement()
                        .getTextRecursively())
                .contains("asked to confirm their signature again");
        Blocks.clickText(emptyParagraph());
        _get(TextArea.class, s -> s.withClasses("us-block-editor"));

        // Locked: the text is final; the next step is the publication request.
        state(id, "LOCKED");
        open("drafts/" + id);
        assertThat(_get(Anchor.class, s -> s.withText("Request publication")).getHref())
                .isEqualTo("drafts/" + id + "/publication");
        assertThat(_find(Span.class, s -> s.withText("The list is locked: its text can no longer be changed.")))
                .hasSize(1);
        Blocks.all().forEach(Blocks::clickText);
        Blocks.all().forEach(Blocks::enter);
        assertThat(_find(TextArea.class, s -> s.withClasses("us-block-editor"))).isEmpty();
        assertThat(_find(Button.class, s -> s.withText("Add at the end"))).isEmpty();
    }

    /** A letter of another organisation's, opened in its editor by a member of a commenting organisation. */
    UUID letterOpenedByACommenter() {
        var owner = new TestAccounts(accountService, jdbc).register(true);
        UUID id = letterFor(owner);
        var commenter = new TestAccounts(accountService, jdbc).register(true);
        letters.inviteOrganisation(id, commenter.organisationId(), org.undersigned.letter.DraftingRole.COMMENTER);
        signIn(accountSignIn.loadUserByUsername(commenter.email()).user());
        open("drafts/" + id);
        return id;
    }

    @Test
    void aCommenterSeesTheStateButNoNextStep() {
        letterOpenedByACommenter();

        assertThat(_get(Span.class, s -> s.withClasses("us-badge")).getText()).isEqualTo("Draft");
        assertThat(_find(Anchor.class, s -> s.withText("Open for signatures"))).isEmpty();
    }

    @Test
    void aCommentersForgedToolActionsChangeNothing() {
        UUID id = letterOpenedByACommenter();
        var before = letters.blocks(id);
        var second = _find(BlockView.class).get(1);
        assertThat(second.faceHtml()).doesNotContain("us-block-tools");

        for (String forged : List.of("up", "down", "add", "remove")) {
            Blocks.click(second, forged);
        }

        assertThat(letters.blocks(id)).isEqualTo(before);
        assertThat(_find(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class))
                .isEmpty();
        // the text still selects the block for a comment, without an editor
        Blocks.click(second, "edit");
        assertThat(second.isEditing()).isFalse();
    }

    @Test
    void theBlockToolsMoveAddAndRemoveThroughOneListenerPerBlock() {
        var owner = new TestAccounts(accountService, jdbc).register(true);
        UUID id = letterFor(owner);
        open("drafts/" + id);
        var before = letters.blocks(id);
        var views = _find(BlockView.class);
        assertThat(views).hasSize(before.size());
        // No Vaadin buttons per block: the tools are plain buttons in one element.
        assertThat(_find(Button.class, s -> s.withClasses("us-tool"))).isEmpty();
        var second = views.get(1);
        // An idle block is one element (its text and tools as inner HTML) with no child components.
        assertThat(second.getChildren()).isEmpty();
        assertThat(second.getElement().getChildCount()).isEqualTo(1);
        var tools = org.jsoup.Jsoup.parseBodyFragment(second.faceHtml()).select(".us-block-tools button.us-tool");
        assertThat(tools.eachAttr("data-act")).containsExactly("up", "down", "add", "remove");
        assertThat(tools.eachAttr("aria-label"))
                .containsExactly("Move up", "Move down", "Add a paragraph below", "Remove this block");
        assertThat(tools.eachAttr("type")).containsOnly("button");

        Blocks.click(second, "down");
        var moved = letters.blocks(id);
        assertThat(moved.get(2).id()).isEqualTo(before.get(1).id());
        assertThat(moved.get(1).id()).isEqualTo(before.get(2).id());

        Blocks.click(second, "add");
        assertThat(letters.blocks(id)).hasSize(before.size() + 1);

        // A click between the buttons, or a forged action, does nothing.
        Blocks.click(second, "");
        Blocks.click(second, "<script>");
        assertThat(letters.blocks(id)).hasSize(before.size() + 1);
    }

    @Test
    void addAtTheEndAddsTheKindChosenInThePlainSelect() {
        var owner = new TestAccounts(accountService, jdbc).register(true);
        UUID id = letterFor(owner);
        open("drafts/" + id);
        int before = letters.blocks(id).size();
        var add = _get(Button.class, s -> s.withText("Add at the end"));
        var select = add.getElement().getParent().getChild(0);
        assertThat(select.getTag()).isEqualTo("select");
        assertThat(select.getAttribute("aria-label")).isEqualTo("Kind of block to add");
        var options = org.jsoup.Jsoup.parseBodyFragment("<select>" + select.getProperty("innerHTML") + "</select>")
                .select("option");
        assertThat(options.eachAttr("value"))
                .containsExactly("HEADING", "DATE_PLACE", "SALUTATION", "PARAGRAPH", "CLOSING", "FOOTER");
        assertThat(options.select("[selected]").eachAttr("value")).containsExactly("PARAGRAPH");

        addAtTheEnd(add, "CLOSING");
        assertThat(letters.blocks(id)).hasSize(before + 1);
        assertThat(letters.blocks(id).getLast().kind()).isEqualTo(BlockKind.CLOSING);
        // A forged kind adds nothing.
        addAtTheEnd(add, "<script>");
        addAtTheEnd(add, "");
        assertThat(letters.blocks(id)).hasSize(before + 1);
    }

    private static void addAtTheEnd(Button add, String kind) {
        var data = tools.jackson.databind.json.JsonMapper.shared().createObjectNode();
        data.put(LetterEditorView.CHOSEN_KIND, kind);
        com.github.mvysny.kaributesting.v10.ElementUtilsKt._fireDomEvent(
                add.getElement(), new com.vaadin.flow.dom.DomEvent(add.getElement(), "click", data));
    }

    @Test
    void theHistoryIsBuiltOnlyWhenItsTabIsOpened() {
        var owner = new TestAccounts(accountService, jdbc).register(true);
        UUID id = letterFor(owner);
        var block = letters.blocks(id).getLast();
        letters.saveBlock(id, block.id(), block.version(), "Version two");
        open("drafts/" + id);
        assertThat(_find(Div.class, s -> s.withClasses("us-revision"))).isEmpty();

        var tabs = _get(com.vaadin.flow.component.tabs.TabSheet.class);
        tabs.setSelectedIndex(2);

        assertThat(_find(Div.class, s -> s.withClasses("us-revision"))).isNotEmpty();
        assertThat(_find(Button.class, s -> s.withText("Compare"))).hasSize(1);
    }

    private void state(UUID id, String state) {
        jdbc.sql("UPDATE letter SET state = ? WHERE id = ?").params(state, id).update();
    }
}
