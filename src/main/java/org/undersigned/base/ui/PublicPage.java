package org.undersigned.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;

/**
 * The calm, centred card used by the pages a person reaches before signing in: sign-in, sign-up,
 * links from mails, the setup link.
 */
public class PublicPage extends Main {

    private final Div card = new Div();

    public PublicPage(String heading, String... intro) {
        addClassName("us-public");
        var brand = new Anchor("", "Undersigned");
        brand.addClassName("us-public-brand");
        card.addClassName("us-card");
        var h1 = new H1(heading);
        card.add(h1);
        for (String p : intro) {
            var para = new Paragraph(p);
            para.addClassName("us-lead");
            card.add(para);
        }
        add(brand, card);
    }

    /** Adds components to the card. */
    public void addToCard(Component... components) {
        card.add(components);
    }

    /** Replaces everything below the heading with a message (e.g. after a form succeeded). */
    public void replaceWith(Component... components) {
        var heading = card.getComponentAt(0);
        card.removeAll();
        card.add(heading);
        card.add(components);
    }
}
