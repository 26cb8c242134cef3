package org.undersigned.mail.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.undersigned.base.AppRoles;
import org.undersigned.mail.MailAdmin;
import org.undersigned.mail.OutboxEntry;

/**
 * The in-app mailbox: with no SMTP server configured, every mail lands here instead, so that a
 * person running Undersigned locally can follow each link.
 */
@Route("admin/mailbox")
@PageTitle("Mailbox — Undersigned")
@Menu(order = 12, icon = "ENVELOPES_O", title = "Mailbox")
@RolesAllowed(AppRoles.ADMIN)
public class MailboxView extends Main {

    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("d MMM HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Div reader = new Div();

    public MailboxView(MailAdmin mail) {
        addClassName("us-page");
        add(new H1("Mailbox"));
        if (!mail.capturing()) {
            add(
                    new Paragraph(
                            "Mail goes to the configured SMTP server, so nothing is captured here. See “Mail outbox” for delivery."));
        } else {
            add(new Paragraph(
                    "No SMTP server is configured, so mails are kept here instead of being sent. Newest first."));
        }
        var grid = new Grid<OutboxEntry>(OutboxEntry.class, false);
        grid.addColumn(e -> TIME.format(e.createdAt())).setHeader("Time (UTC)").setAutoWidth(true);
        grid.addColumn(OutboxEntry::recipient).setHeader("To").setFlexGrow(1);
        grid.addColumn(OutboxEntry::subject).setHeader("Subject").setFlexGrow(2);
        grid.setItems(mail.captured(500));
        grid.setEmptyStateText("No mail yet.");
        grid.setHeightFull();
        grid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(this::show));
        reader.addClassName("us-mail-reader");
        reader.add(new Paragraph("Choose a mail to read it."));
        var split = new SplitLayout(grid, reader);
        split.setSplitterPosition(45);
        split.addClassName("us-mailbox");
        add(split);
    }

    private void show(OutboxEntry e) {
        reader.removeAll();
        reader.add(new H2(e.subject()), new Paragraph(new Span("To: " + e.recipient())));
        var body = new Pre();
        body.addClassName("us-mail-body");
        Matcher m = URL.matcher(e.textBody());
        int last = 0;
        while (m.find()) {
            body.add(new Span(e.textBody().substring(last, m.start())));
            var link = new Anchor(m.group(), m.group());
            link.getElement().setAttribute("rel", "noreferrer");
            body.add(link);
            last = m.end();
        }
        body.add(new Span(e.textBody().substring(last)));
        reader.add(body);
    }
}
