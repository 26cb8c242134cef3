package org.undersigned.mail.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.undersigned.base.AppRoles;
import org.undersigned.base.ui.Forms;
import org.undersigned.mail.MailAdmin;
import org.undersigned.mail.OutboxEntry;

/** Mail that is waiting or failed, with its last error and a retry. */
@Route("admin/mail")
@PageTitle("Mail outbox — Undersigned")
@Menu(order = 13, icon = "PAPERPLANE_O", title = "Mail outbox")
@RolesAllowed(AppRoles.ADMIN)
public class OutboxView extends Main {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("d MMM HH:mm").withZone(ZoneOffset.UTC);
    private final MailAdmin mail;
    private final Grid<OutboxEntry> grid = new Grid<>(OutboxEntry.class, false);

    public OutboxView(MailAdmin mail) {
        this.mail = mail;
        addClassName("us-page");
        add(
                new H1("Mail outbox"),
                new Paragraph("Mail still waiting to be sent, and mail that could not be delivered."));
        grid.addColumn(e -> TIME.format(e.createdAt()))
                .setHeader("Queued (UTC)")
                .setAutoWidth(true);
        grid.addColumn(OutboxEntry::kind).setHeader("Kind").setAutoWidth(true);
        grid.addColumn(OutboxEntry::recipient).setHeader("To").setFlexGrow(1);
        grid.addComponentColumn(e -> {
                    var s = new Span(e.status().equals("FAILED") ? "Failed" : "Waiting");
                    s.addClassNames("us-badge", e.status().equals("FAILED") ? "us-badge-error" : "us-badge-warning");
                    return s;
                })
                .setHeader("State")
                .setAutoWidth(true);
        grid.addColumn(OutboxEntry::attempts).setHeader("Tries").setAutoWidth(true);
        grid.addColumn(e -> e.lastError() == null ? "" : e.lastError())
                .setHeader("Last error")
                .setFlexGrow(2);
        grid.addComponentColumn(e -> {
                    var b = new Button("Retry now", click -> {
                        try {
                            mail.retry(e.id());
                            Forms.success("Queued again.");
                        } catch (RuntimeException ex) {
                            Forms.show(ex);
                        }
                        refresh();
                    });
                    b.addThemeVariants(ButtonVariant.LUMO_SMALL);
                    return b;
                })
                .setAutoWidth(true);
        grid.setEmptyStateText("Nothing waiting: every mail has gone out.");
        add(grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(mail.undelivered());
    }
}
