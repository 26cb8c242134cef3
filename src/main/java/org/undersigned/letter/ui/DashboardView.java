package org.undersigned.letter.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.undersigned.account.OrganisationService;
import org.undersigned.base.CurrentUser;

/**
 * The start page after sign-in. Letters arrive with co-drafting (issue 3); until then it greets
 * the person and points to their organisations.
 */
@Route("")
@PageTitle("Dashboard — Undersigned")
@Menu(order = 1, icon = "FILE_TEXT_O", title = "Dashboard")
@PermitAll
public class DashboardView extends Main {

    public DashboardView(OrganisationService organisations) {
        addClassName("us-page");
        String name = CurrentUser.get().map(u -> u.displayName()).orElse("");
        add(new H1("Welcome, " + name));
        var letters = new Div();
        letters.addClassNames("us-card", "us-empty");
        letters.add(
                new H2("Your letters"),
                new Paragraph("No letters yet. Drafting letters together arrives in the next release of Undersigned."));
        add(letters);
        var orgs = organisations.myOrganisations();
        var orgCard = new Div();
        orgCard.addClassName("us-card");
        orgCard.add(new H2("Your organisations"));
        if (orgs.isEmpty()) {
            orgCard.add(new Paragraph("You do not belong to an organisation yet."));
        } else {
            for (var m : orgs) {
                orgCard.add(new Paragraph(new Anchor("organisations/" + m.organisationId(), m.organisationName())));
            }
        }
        add(orgCard);
    }
}
