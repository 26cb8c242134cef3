package org.undersigned.account.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.undersigned.account.OrganisationService;

/** The organisations the signed-in person belongs to. */
@Route("organisations")
@PageTitle("Organisations — Undersigned")
@Menu(order = 2, icon = "OFFICE", title = "My organisations")
@PermitAll
public class OrganisationsView extends Main {

    public OrganisationsView(OrganisationService organisations) {
        addClassName("us-page");
        add(new H1("My organisations"));
        var memberships = organisations.myOrganisations();
        if (memberships.isEmpty()) {
            add(new Paragraph("You do not belong to any organisation yet. An owner of one can invite you."));
            return;
        }
        var list = new Div();
        list.addClassName("us-cards");
        for (var m : memberships) {
            var card = new Div();
            card.addClassName("us-card");
            var link = new Anchor("organisations/" + m.organisationId(), m.organisationName());
            link.addClassName("us-card-title");
            card.add(link);
            if (m.organisationVerified()) {
                card.add(Badges.verified());
            }
            card.add(new Paragraph(new Span("Your role: " + m.role().label())));
            list.add(card);
        }
        add(list);
    }
}
