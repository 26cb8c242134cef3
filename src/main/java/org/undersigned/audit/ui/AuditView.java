package org.undersigned.audit.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.undersigned.audit.AuditEntry;
import org.undersigned.audit.AuditReader;
import org.undersigned.base.AppRoles;

/** Administrators: the audit log, filtered by letter or person, and a check of its chain. */
@Route("admin/audit")
@PageTitle("Audit log — Undersigned")
@Menu(order = 14, icon = "CLIPBOARD_CHECK", title = "Audit log")
@RolesAllowed(AppRoles.ADMIN)
public class AuditView extends Main {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final AuditReader audit;
    private final Grid<AuditEntry> grid = new Grid<>(AuditEntry.class, false);
    private final TextField letter = new TextField("Letter id");
    private final TextField person = new TextField("Account id");
    private final Div verdict = new Div();

    public AuditView(AuditReader audit) {
        this.audit = audit;
        addClassName("us-page");
        add(
                new H1("Audit log"),
                new Paragraph("Every change on the platform, newest first. Rows are chained by hashes:"
                        + " a row changed or removed in the database breaks the chain from there on."));
        letter.setClearButtonVisible(true);
        person.setClearButtonVisible(true);
        letter.setPlaceholder("any");
        person.setPlaceholder("any");
        var filter = new Button("Filter", e -> refresh());
        var verify = new Button("Verify the chain", e -> verify());
        verify.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var bar = new HorizontalLayout(letter, person, filter, verify);
        bar.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        bar.setWrap(true);
        verdict.addClassName("us-verdict");
        grid.addColumn(AuditEntry::id).setHeader("#").setAutoWidth(true);
        grid.addColumn(e -> TIME.format(e.occurredAt())).setHeader("Time (UTC)").setAutoWidth(true);
        grid.addColumn(AuditEntry::action).setHeader("Action").setAutoWidth(true);
        grid.addColumn(e -> e.subjectType() + " " + e.subjectId())
                .setHeader("Subject")
                .setFlexGrow(2);
        grid.addColumn(AuditEntry::actor).setHeader("By").setFlexGrow(1);
        grid.addColumn(AuditEntry::details).setHeader("Details").setFlexGrow(2);
        grid.setEmptyStateText("No rows match.");
        add(bar, verdict, grid);
        refresh();
    }

    private void refresh() {
        UUID l = parse(letter);
        UUID p = parse(person);
        if (letter.isInvalid() || person.isInvalid()) {
            return;
        }
        grid.setItems(audit.recent(l, p, 1000));
    }

    private @Nullable UUID parse(TextField field) {
        field.setInvalid(false);
        String v = field.getValue().strip();
        if (v.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(v);
        } catch (IllegalArgumentException e) {
            field.setErrorMessage("Paste an id like 3f2b…-…; leave empty for all.");
            field.setInvalid(true);
            return null;
        }
    }

    private void verify() {
        var result = audit.verifyChain();
        verdict.removeAll();
        verdict.removeClassNames("us-verdict-ok", "us-verdict-broken");
        if (result.intact()) {
            verdict.add(new Paragraph("✓ The chain holds: " + result.rowsChecked() + " rows checked."));
            verdict.addClassName("us-verdict-ok");
        } else {
            verdict.add(new Paragraph(
                    "✗ The chain is broken at row #" + result.firstBrokenRow() + ": " + result.problem() + "."));
            verdict.addClassName("us-verdict-broken");
        }
    }
}
