package org.undersigned.letter.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import org.undersigned.letter.WordDiff;

/** A word-level diff as text: insertions underlined in green, deletions struck through in red. */
class DiffView extends Div {

    DiffView(List<WordDiff.Segment> segments) {
        addClassName("us-diff");
        getElement().setAttribute("aria-label", "Changes: insertions are marked “added”, deletions “removed”");
        if (segments.isEmpty()) {
            add(new Span("(empty)"));
        }
        for (WordDiff.Segment s : segments) {
            Span span = new Span(s.text());
            switch (s.kind()) {
                case INSERT -> {
                    span.addClassName("us-ins");
                    span.getElement().setAttribute("title", "added");
                }
                case DELETE -> {
                    span.addClassName("us-del");
                    span.getElement().setAttribute("title", "removed");
                }
                case EQUAL -> {}
            }
            add(span);
        }
    }
}
