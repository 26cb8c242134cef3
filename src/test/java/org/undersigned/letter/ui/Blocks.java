package org.undersigned.letter.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;

import com.github.mvysny.kaributesting.v10.ElementUtilsKt;
import com.vaadin.flow.dom.DomEvent;
import java.util.List;
import org.jsoup.Jsoup;
import tools.jackson.databind.json.JsonMapper;

/**
 * The blocks of the editor as a browser sees them, for browserless tests: a block that is not
 * being edited is one element whose inner HTML holds its text and tools, with one listener.
 */
final class Blocks {

    private Blocks() {}

    static List<BlockView> all() {
        return _find(BlockView.class);
    }

    /** The text the browser shows for the block (its inner HTML parsed as a browser does). */
    static String text(BlockView view) {
        var shown = Jsoup.parseBodyFragment(view.faceHtml()).selectFirst(".us-block-text");
        return shown == null ? "" : shown.wholeText();
    }

    /** The block showing this text (exactly) or starting with it. */
    static BlockView showing(String start) {
        return all().stream()
                .filter(v -> text(v).startsWith(start))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no block shows " + start));
    }

    /** A click in the browser whose target resolves to this action ("edit" for the text, a tool's data-act). */
    static void click(BlockView view, String action) {
        var data = JsonMapper.shared().createObjectNode();
        data.put(BlockView.ACTION, action);
        // as the browser evaluates the filter (a forged event may claim it passed)
        data.put(BlockView.HAS_ACTION, true);
        ElementUtilsKt._fireDomEvent(view.getElement(), new DomEvent(view.getElement(), "click", data));
    }

    /** A click on the block's text. */
    static void clickText(BlockView view) {
        click(view, "edit");
    }

    /** Enter pressed on the block's text. */
    static void enter(BlockView view) {
        var data = JsonMapper.shared().createObjectNode();
        data.put(BlockView.ENTER_ON_TEXT, true);
        ElementUtilsKt._fireDomEvent(view.getElement(), new DomEvent(view.getElement(), "keydown", data));
    }
}
