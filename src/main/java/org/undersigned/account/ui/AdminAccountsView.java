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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.undersigned.account.Account;
import org.undersigned.account.Administration;
import org.undersigned.base.AppRoles;
import org.undersigned.base.ui.Forms;

/** Administrators: every account; disabling one ends its sessions. */
@Route("admin/accounts")
@PageTitle("Accounts — Undersigned")
@Menu(order = 11, icon = "USERS", title = "Accounts")
@RolesAllowed(AppRoles.ADMIN)
public class AdminAccountsView extends Main {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMM yyyy").withZone(ZoneOffset.UTC);
    private final Administration administration;
    private final Grid<Account> grid = new Grid<>(Account.class, false);

    public AdminAccountsView(Administration administration) {
        this.administration = administration;
        addClassName("us-page");
        add(new H1("Accounts"));
        grid.addColumn(Account::displayName).setHeader("Name").setFlexGrow(2);
        grid.addColumn(Account::email).setHeader("Email").setFlexGrow(2);
        grid.addComponentColumn(a -> {
                    if (a.disabled()) {
                        return Badges.of("Disabled", "error");
                    }
                    if (!a.verified()) {
                        return Badges.of("Email not confirmed", "warning");
                    }
                    return a.admin() ? Badges.of("Administrator", "contrast") : new Span("Active");
                })
                .setHeader("State")
                .setAutoWidth(true);
        grid.addColumn(a -> DATE.format(a.createdAt())).setHeader("Since").setAutoWidth(true);
        grid.addComponentColumn(a -> {
                    var b = new Button(a.disabled() ? "Enable" : "Disable", e -> {
                        try {
                            administration.setDisabled(a.id(), !a.disabled());
                        } catch (RuntimeException ex) {
                            Forms.show(ex);
                        }
                        refresh();
                    });
                    b.addThemeVariants(
                            ButtonVariant.LUMO_SMALL,
                            a.disabled() ? ButtonVariant.LUMO_PRIMARY : ButtonVariant.LUMO_ERROR);
                    return b;
                })
                .setAutoWidth(true);
        add(grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(administration.accounts());
    }
}
