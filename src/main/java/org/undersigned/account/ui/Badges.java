package org.undersigned.account.ui;

import com.vaadin.flow.component.html.Span;

/** Small coloured labels. */
final class Badges {

    private Badges() {}

    static Span verified() {
        var s = new Span("✓ Verified");
        s.addClassNames("us-badge", "us-badge-verified");
        s.getElement().setAttribute("title", "Verified by the platform's administrators");
        return s;
    }

    static Span of(String text, String tone) {
        var s = new Span(text);
        s.addClassNames("us-badge", "us-badge-" + tone);
        return s;
    }
}
