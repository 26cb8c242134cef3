package org.undersigned.signing.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.PermitAll;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.ui.Forms;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.SignableLetter;
import org.undersigned.signing.BulkPreview;
import org.undersigned.signing.Invitation;
import org.undersigned.signing.InvitationService;
import org.undersigned.signing.InvitationState;
import org.undersigned.signing.ListOrder;
import org.undersigned.signing.LockedList;
import org.undersigned.signing.Progress;
import org.undersigned.signing.SignatureListService;
import org.undersigned.signing.SigningSettings;

/**
 * A letter's signatories for its editors: progress, every invitation with its state and delivery,
 * add one or many (pasted rows or a CSV file, previewed before anything is written), send, resend,
 * remind, revoke, and the reminder and expiry settings. The service refuses anyone who does not
 * edit the letter, so the view shows "not found" to them.
 */
@Route("drafts/:id/signatories")
@StyleSheet("styles/signatories.css")
@PermitAll
public class SignatoriesView extends Main implements BeforeEnterObserver, HasDynamicTitle {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMM yyyy HH:mm").withZone(ZoneOffset.UTC);

    private final InvitationService invitations;
    private final SignatureListService lists;
    private final LetterService letters;
    private final Div listBox = new Div();
    private static final String LANGUAGES_HELP = "en, az, ru, ka or ar; any other language gets English emails";

    private final Grid<Invitation> grid = new Grid<>(Invitation.class, false);
    private final Div progress = new Div();
    private final Div actions = new Div();
    private final Div previewBox = new Div();
    private final TextArea rows = new TextArea("Paste rows: email, name, role, organisation, language");
    private UUID letterId = new UUID(0, 0);
    private SignableLetter letter = new SignableLetter(letterId, "", "en", "", "DRAFT");
    private BulkPreview preview = new BulkPreview(List.of());
    private int current;

    SignatoriesView(InvitationService invitations, SignatureListService lists, LetterService letters) {
        this.invitations = invitations;
        this.lists = lists;
        this.letters = letters;
        addClassName("us-signatories");
    }

    @Override
    public String getPageTitle() {
        return "Signatories — " + letter.title() + " — Undersigned";
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            letterId = UUID.fromString(event.getRouteParameters().get("id").orElse(""));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
        letter = invitations.letter(letterId);
        removeAll();
        var back = new Anchor("drafts/" + letterId, "← Back to the letter");
        var heading = new H1("Signatories");
        var sub = new Paragraph(letter.title());
        sub.addClassName("us-lead");
        var state = new Span(letter.open() ? "Open for signatures" : letter.draft() ? "Draft" : letter.state());
        state.addClassNames("us-badge", letter.open() ? "us-badge-success" : "us-badge-contrast");
        progress.addClassName("us-progress");
        actions.addClassName("us-actions");
        configureGrid();
        listBox.addClassName("us-section");
        add(back, new Div(heading, state), sub, progress, actions, listBox, grid, addOne(), addMany(), settings());
        refresh();
    }

    private void refresh() {
        letter = invitations.letter(letterId);
        current = invitations.currentRevision(letterId);
        List<Invitation> all = invitations.list(letterId);
        grid.setItems(all);
        Progress p = invitations.progress(letterId);
        progress.removeAll();
        var bar = new ProgressBar(0, 1, p.share());
        bar.getElement().setAttribute("aria-label", "Share of invitees who signed the current text");
        var counts = new Paragraph(p.signed() + " signed"
                + (p.signedEarlierVersion() > 0 ? " (+" + p.signedEarlierVersion() + " signed an earlier version)" : "")
                + " · " + p.awaiting() + " waiting · " + p.declined() + " declined · " + p.notSent() + " not sent"
                + (p.bounced() > 0 ? " · " + p.bounced() + " bounced" : "")
                + (p.expired() > 0 ? " · " + p.expired() + " expired" : "")
                + " — " + p.invited() + " invited");
        progress.add(bar, counts);
        actions.removeAll();
        if (letter.draft()) {
            actions.add(primary("Open for signatures and send " + p.notSent() + " invitation(s)", () -> {
                int sent = invitations.openForSignatures(letterId);
                Notification.show("The text is frozen and " + sent + " invitation(s) are on their way.");
            }));
        } else if (letter.open()) {
            if (p.notSent() > 0) {
                actions.add(
                        primary("Send " + p.notSent() + " new invitation(s)", () -> invitations.sendPending(letterId)));
            }
            actions.add(button("Ask signers to confirm the current text", () -> {
                int asked = invitations.textChanged(letterId);
                Notification.show(
                        asked == 0
                                ? "The signers already have the current text."
                                : asked + " signer(s) asked to re-confirm.");
            }));
            actions.add(lockButton());
        }
        refreshList();
    }

    // --- the signature list: lock, deadline, order ---

    private Button lockButton() {
        var lock = new Button("Lock the list…", e -> {
            SignatureListService.LockPreview p = lists.lockPreview(letterId);
            var dialog = new ConfirmDialog();
            dialog.setHeader("Lock the list of signatures?");
            dialog.setText(
                    p.signatures() + " signature(s) on the current text will be on the list. "
                            + (p.awaitingReconfirmation() > 0
                                    ? p.awaitingReconfirmation()
                                            + " signed an earlier version and have not confirmed the current text: they will not be on it. "
                                    : "")
                            + p.openInvitations()
                            + " invitation(s) not answered yet will be closed, and their invitees told. "
                            + "After this, nobody can sign or withdraw. The order can still be changed until you request publication.");
            dialog.setCancelable(true);
            dialog.setCancelText("Cancel");
            dialog.setConfirmText("Lock the list");
            dialog.addConfirmListener(c -> run(() -> {
                LockedList list = lists.lock(letterId);
                Notification.show("The list is locked with " + list.signatures().size() + " signature(s).");
            }));
            dialog.open();
        });
        lock.addThemeVariants(ButtonVariant.LUMO_ERROR);
        return lock;
    }

    private void refreshList() {
        listBox.removeAll();
        boolean locked = "LOCKED".equals(letter.state());
        boolean reviewOrLater = "IN_REVIEW".equals(letter.state()) || "PUBLISHED".equals(letter.state());
        listBox.add(new H2("The list of signatures"));
        if (letter.draft() || letter.open()) {
            listBox.add(deadlineForm());
        }
        var recorded = lists.locked(letterId);
        if (recorded.isPresent()) {
            LockedList l = recorded.get();
            var hash = new Span(l.listSha256());
            hash.addClassName("us-hash");
            var facts = new Paragraph("Locked on " + WHEN.format(l.lockedAt()) + " UTC with "
                    + l.signatures().size() + " signature(s), ordered " + order(l.order())
                    + ". List fingerprint (SHA-256): ");
            facts.add(hash);
            facts.addClassName("us-list-hash");
            listBox.add(facts);
        }
        if (!(letter.open() || locked || reviewOrLater)) {
            return;
        }
        ListOrder chosen = lists.order(letterId);
        boolean orderable = letter.open() || locked;
        var orderChoice = new RadioButtonGroup<ListOrder>("Order of the list");
        orderChoice.setItems(ListOrder.values());
        orderChoice.setItemLabelGenerator(ListOrder::label);
        orderChoice.setValue(chosen);
        orderChoice.setReadOnly(!orderable);
        orderChoice.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                run(() -> lists.setOrder(letterId, e.getValue()));
            }
        });
        listBox.add(orderChoice);
        List<LockedList.Line> lines = lists.ordered(letterId);
        Map<UUID, String> family = chosen == ListOrder.FAMILY_NAME ? lists.familyNames(letterId) : Map.of();
        var table = new Grid<LockedList.Line>();
        table.addColumn(LockedList.Line::position)
                .setKey("position")
                .setHeader("#")
                .setAutoWidth(true)
                .setFlexGrow(0);
        table.addColumn(LockedList.Line::displayLine)
                .setKey("line")
                .setHeader("Signature")
                .setFlexGrow(1);
        if (chosen == ListOrder.FAMILY_NAME) {
            table.addComponentColumn(line -> familyField(line, family.get(line.signatureId()), orderable))
                    .setKey("family")
                    .setHeader("Sorted as")
                    .setAutoWidth(true);
        }
        table.addColumn(line -> WHEN.format(line.signedAt()))
                .setHeader("Signed (UTC)")
                .setAutoWidth(true);
        if (orderable) {
            table.addComponentColumn(line -> moveButtons(line, lines.size()))
                    .setKey("move")
                    .setHeader("Move")
                    .setAutoWidth(true);
        }
        table.setItems(lines);
        table.setAllRowsVisible(true);
        table.setEmptyStateText(locked ? "Nobody is on the list." : "No signatures on the current text yet.");
        table.addClassName("us-list");
        listBox.add(table);
    }

    private Component moveButtons(LockedList.Line line, int size) {
        var up = new Button("↑", e -> run(() -> lists.move(letterId, line.signatureId(), -1)));
        up.getElement().setAttribute("aria-label", "Move " + line.displayName() + " up");
        up.setEnabled(line.position() > 1);
        var down = new Button("↓", e -> run(() -> lists.move(letterId, line.signatureId(), 1)));
        down.getElement().setAttribute("aria-label", "Move " + line.displayName() + " down");
        down.setEnabled(line.position() < size);
        for (Button b : List.of(up, down)) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }
        var box = new Div(up, down);
        box.addClassName("us-row-actions");
        return box;
    }

    private Component familyField(LockedList.Line line, String value, boolean editable) {
        var f = new TextField();
        f.setValue(value == null ? "" : value);
        f.setAriaLabel("Family name of " + line.displayName() + " for sorting");
        f.setReadOnly(!editable);
        f.setWidth("12em");
        f.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                try {
                    lists.setFamilyName(letterId, line.signatureId(), e.getValue());
                    refresh();
                } catch (InvalidInputException ex) {
                    f.setErrorMessage(String.join(" ", ex.fieldErrors().values()));
                    f.setInvalid(true);
                } catch (RuntimeException ex) {
                    Forms.show(ex);
                }
            }
        });
        return f;
    }

    private Component deadlineForm() {
        var when = new DateTimePicker("Lock the list automatically at (UTC)");
        lists.deadline(letterId).ifPresent(d -> when.setValue(LocalDateTime.ofInstant(d, ZoneOffset.UTC)));
        when.setHelperText("Optional. Until then you can also lock it by hand.");
        var save = new Button("Save the deadline", e -> {
            try {
                lists.setDeadline(
                        letterId,
                        when.getValue() == null ? null : when.getValue().toInstant(ZoneOffset.UTC));
                Notification.show(when.getValue() == null ? "No deadline: lock the list by hand." : "Deadline saved.");
                refresh();
            } catch (InvalidInputException ex) {
                when.setErrorMessage(String.join(" ", ex.fieldErrors().values()));
                when.setInvalid(true);
            } catch (RuntimeException ex) {
                Forms.show(ex);
            }
        });
        var form = new Div(when, save);
        form.addClassName("us-form-row");
        return form;
    }

    private static String order(String name) {
        return ListOrder.valueOf(name).label().toLowerCase(java.util.Locale.ENGLISH);
    }

    private void configureGrid() {
        grid.addColumn(Invitation::name).setHeader("Name").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(i -> i.organisation() == null ? "" : i.organisation())
                .setHeader("Organisation")
                .setFlexGrow(1);
        grid.addColumn(Invitation::email).setHeader("Email").setAutoWidth(true);
        grid.addComponentColumn(this::badge).setHeader("State").setAutoWidth(true);
        grid.addColumn(i -> delivery(i.delivery())).setHeader("Delivery").setAutoWidth(true);
        grid.addColumn(i -> WHEN.format(i.lastActivity()))
                .setHeader("Last activity")
                .setAutoWidth(true);
        grid.addComponentColumn(this::rowActions).setHeader("").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("Nobody is invited yet. Add people below.");
    }

    private Component badge(Invitation i) {
        String text = i.state().label();
        String tone = i.state().tone();
        if (i.state() == InvitationState.SIGNED && i.signedRevision() != null && i.signedRevision() < current) {
            text = "Signed an earlier version";
            tone = "warning";
        }
        var s = new Span(text);
        s.addClassNames("us-badge", "us-badge-" + tone);
        return s;
    }

    private int currentRevision() {
        return invitations.signatures(letterId).stream()
                .mapToInt(s -> s.revision())
                .max()
                .orElse(0);
    }

    private static String delivery(String status) {
        if (status == null) {
            return "—";
        }
        return switch (status) {
            case "PENDING" -> "Queued";
            case "SENT" -> "Delivered to the mail server";
            case "CAPTURED" -> "Kept in the local mailbox";
            case "FAILED" -> "Failed";
            default -> status;
        };
    }

    private Component rowActions(Invitation i) {
        var box = new Div();
        box.addClassName("us-row-actions");
        if (i.state() == InvitationState.CREATED) {
            var edit = new Button("Edit", e -> edit(i));
            edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            edit.setAriaLabel("Edit " + i.name());
            box.add(edit);
            box.add(small("Remove", () -> invitations.remove(letterId, i.id())));
        }
        if (letter.open() && InvitationState.REMINDABLE.contains(i.state())) {
            box.add(small("Remind", () -> invitations.remind(letterId, i.id())));
        }
        if (letter.open() && InvitationState.RESENDABLE.contains(i.state())) {
            box.add(small("Resend", () -> invitations.resend(letterId, i.id())));
        }
        if (i.state().canTransitionTo(InvitationState.REVOKED)) {
            box.add(small("Revoke", () -> invitations.revoke(letterId, i.id())));
        }
        return box;
    }

    /**
     * Changes an invitee whose invitation is not sent yet. The service refuses once it is sent
     * (someone may have opened the letter for signatures meanwhile): the dialog then says so.
     */
    private void edit(Invitation i) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Edit " + i.name());
        var fields = new InviteeFields();
        fields.fill(i);
        fields.language.setHelperText(LANGUAGES_HELP);
        var form = new Div(fields.all());
        form.addClassName("us-form-column");
        dialog.add(form);
        var save = new Button("Save", e -> {
            Forms.clear(fields.byName);
            try {
                invitations.update(letterId, i.id(), fields.value());
                dialog.close();
                Forms.success("Saved.");
                refresh();
            } catch (InvalidInputException ex) {
                Forms.show(ex, fields.byName);
            } catch (RuntimeException ex) {
                dialog.close();
                Forms.show(ex);
                refresh();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
        fields.name.focus();
    }

    private Component addOne() {
        var fields = new InviteeFields();
        fields.language.setWidth("8em");
        var add = new Button("Add", e -> {
            try {
                invitations.add(letterId, fields.value());
                Forms.clear(fields.byName);
                fields.reset();
                refresh();
            } catch (InvalidInputException ex) {
                Forms.show(ex, fields.byName);
            } catch (RuntimeException ex) {
                Forms.show(ex);
            }
        });
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new Div(fields.all());
        form.add(add);
        form.addClassName("us-form-row");
        return section("Invite one person", form);
    }

    private Component addMany() {
        rows.setWidthFull();
        rows.setMinHeight("8em");
        rows.setHelperText(
                "One person per line, e.g. leyla@example.az, Leyla Məmmədova, Chairwoman, IHC, az. A header row may name the columns.");
        var upload = new Upload(UploadHandler.inMemory((meta, bytes) -> {
            String text = new String(bytes, StandardCharsets.UTF_8);
            UI ui = UI.getCurrent();
            if (ui != null) {
                ui.access(() -> {
                    rows.setValue(text);
                    check();
                });
            }
        }));
        upload.setAcceptedFileTypes(".csv", "text/csv", "text/plain");
        upload.setMaxFileSize(1_000_000);
        upload.setUploadButton(new Button("Upload a CSV file"));
        var check = new Button("Check the rows", e -> check());
        var imported = new Button("Add the signatories of the imported letter", e -> {
            var found = letters.importedSignatories(letterId);
            if (found.isEmpty()) {
                Notification.show("The import found no signatories in this letter.");
                return;
            }
            rows.setValue("email,name,role,organisation\n"
                    + found.stream()
                            .map(s -> "," + csv(s.name()) + "," + csv(s.role()) + "," + csv(s.organisation()))
                            .collect(Collectors.joining("\n")));
            Notification.show("Add each person's email at the start of their row, then check the rows.");
        });
        imported.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        previewBox.addClassName("us-preview");
        return section("Invite many people", rows, new Div(upload, check, imported), previewBox);
    }

    private void check() {
        try {
            preview = invitations.preview(letterId, rows.getValue());
        } catch (InvalidInputException e) {
            rows.setErrorMessage(String.join(" ", e.fieldErrors().values()));
            rows.setInvalid(true);
            return;
        }
        rows.setInvalid(false);
        previewBox.removeAll();
        var table = new Grid<BulkPreview.Row>();
        table.addColumn(BulkPreview.Row::line).setHeader("Row").setAutoWidth(true);
        table.addColumn(r -> nz(r.invitee().email())).setHeader("Email").setAutoWidth(true);
        table.addColumn(r -> nz(r.invitee().name())).setHeader("Name").setFlexGrow(1);
        table.addComponentColumn(r -> {
                    var s = new Span(r.good() ? "Ready" : r.problem());
                    s.addClassNames("us-badge", r.good() ? "us-badge-success" : "us-badge-error");
                    return s;
                })
                .setHeader("Check")
                .setFlexGrow(2);
        table.setItems(preview.rows());
        table.setAllRowsVisible(true);
        int good = preview.good().size();
        var confirm = new Button("Import the " + good + " good row(s)", e -> {
            int added = invitations.addAll(letterId, preview.good());
            Notification.show(added + " invitee(s) added. Nothing is sent until you send the invitations.");
            previewBox.removeAll();
            rows.clear();
            refresh();
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.setEnabled(good > 0);
        previewBox.add(
                new Paragraph(good + " row(s) can be imported, " + preview.bad() + " cannot (marked below)."),
                table,
                confirm);
    }

    private Component settings() {
        SigningSettings s = invitations.settings(letterId);
        var expiry = number("Invitations expire after (days)", s.expiryDays());
        var first = number("First reminder after (days)", s.firstReminderDays());
        var every = number("Then every (days)", s.reminderEveryDays());
        var max = number("At most (reminders)", s.maxReminders());
        var save = new Button("Save", e -> {
            try {
                invitations.saveSettings(letterId, new SigningSettings(v(expiry), v(first), v(every), v(max)));
                Notification.show("Saved. New invitations and reminders follow these settings.");
            } catch (RuntimeException ex) {
                Forms.show(ex);
            }
        });
        var form = new Div(expiry, first, every, max, save);
        form.addClassName("us-form-row");
        return section("Reminders and expiry", form);
    }

    private static Component section(String title, Component... content) {
        var d = new Div(new H2(title));
        d.add(content);
        d.addClassName("us-section");
        return d;
    }

    private Button primary(String label, Runnable action) {
        var b = button(label, action);
        b.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        return b;
    }

    private Button button(String label, Runnable action) {
        return new Button(label, e -> run(action));
    }

    private Button small(String label, Runnable action) {
        var b = button(label, action);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return b;
    }

    private void run(Runnable action) {
        try {
            action.run();
            refresh();
        } catch (RuntimeException e) {
            Forms.show(e);
        }
    }

    private static IntegerField number(String label, int value) {
        var f = new IntegerField(label);
        f.setValue(value);
        f.setMin(0);
        f.setStepButtonsVisible(true);
        return f;
    }

    private static int v(IntegerField f) {
        return f.getValue() == null ? 0 : f.getValue();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String csv(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
