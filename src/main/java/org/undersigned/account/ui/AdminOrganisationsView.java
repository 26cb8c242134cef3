package org.undersigned.account.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.undersigned.account.Administration;
import org.undersigned.account.OrganisationSummary;
import org.undersigned.base.AppRoles;
import org.undersigned.base.ui.Forms;

/** Administrators: every organisation, and marking one as verified. */
@Route("admin/organisations")
@PageTitle("All organisations — Undersigned")
@Menu(order = 10, icon = "INSTITUTION", title = "All organisations")
@RolesAllowed(AppRoles.ADMIN)
public class AdminOrganisationsView extends Main {

    private final Administration administration;
    private final Grid<OrganisationSummary> grid = new Grid<>(OrganisationSummary.class, false);

    public AdminOrganisationsView(Administration administration) {
        this.administration = administration;
        addClassName("us-page");
        add(new H1("All organisations"));
        grid.addComponentColumn(o -> {
                    var name = new Span(o.name());
                    if (o.verified()) {
                        var wrap = new Span(name, new Span(" "), Badges.verified());
                        return wrap;
                    }
                    return name;
                })
                .setHeader("Organisation")
                .setFlexGrow(3);
        grid.addColumn(OrganisationSummary::country).setHeader("Country").setAutoWidth(true);
        grid.addColumn(OrganisationSummary::domains).setHeader("Email domains").setFlexGrow(2);
        grid.addColumn(OrganisationSummary::members).setHeader("Members").setAutoWidth(true);
        grid.addComponentColumn(o -> {
                    var b = new Button(o.verified() ? "Remove verification" : "Mark verified", e -> {
                        try {
                            administration.setVerified(o.id(), !o.verified());
                        } catch (RuntimeException ex) {
                            Forms.show(ex);
                        }
                        refresh();
                    });
                    b.addThemeVariants(
                            o.verified() ? ButtonVariant.LUMO_TERTIARY : ButtonVariant.LUMO_PRIMARY,
                            ButtonVariant.LUMO_SMALL);
                    return b;
                })
                .setAutoWidth(true);
        grid.setEmptyStateText("No organisation has registered yet.");
        add(grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(administration.organisations());
    }
}
