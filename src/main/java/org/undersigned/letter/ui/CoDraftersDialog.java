package org.undersigned.letter.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import java.util.Map;
import java.util.UUID;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.ui.Forms;
import org.undersigned.letter.Drafter;
import org.undersigned.letter.DraftingParty;
import org.undersigned.letter.DraftingRole;
import org.undersigned.letter.LetterAccess;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.PendingCoDrafter;

/** Who drafts the letter; editors invite organisations or single people and remove them. */
class CoDraftersDialog extends Dialog {

    /** The one answer to an invitation by email, whether or not the address has an account. */
    static final String SENT = "We have sent an invitation to that address.";

    private final LetterService letters;
    private final UUID letterId;
    private final LetterAccess access;
    private final Div list = new Div();
    private final Div pending = new Div();
    private final Div pendingBox = new Div();
    private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern(
                    "d MMMM yyyy", java.util.Locale.ENGLISH)
            .withZone(java.time.ZoneOffset.UTC);

    CoDraftersDialog(LetterService letters, UUID letterId, LetterAccess access) {
        this.letters = letters;
        this.letterId = letterId;
        this.access = access;
        setHeaderTitle("Co-drafters");
        setWidth("min(40rem, 96vw)");
        list.addClassName("us-parties");
        pending.addClassName("us-parties");
        pendingBox.add(new H3("Invited, not yet accepted"), pending);
        add(list, pendingBox);
        refresh();
        if (access.canEdit()) {
            add(inviteOrganisation(), invitePerson());
        }
        getFooter().add(new Button("Close", e -> close()));
    }

    private void refresh() {
        list.removeAll();
        pending.removeAll();
        for (DraftingParty p : letters.parties(letterId)) {
            var row = new Div(new Span(p.name()), badge(p));
            row.addClassName("us-party");
            if (access.canEdit() && !p.publisher()) {
                var remove = new Button("Remove", e -> {
                    try {
                        letters.removeParty(letterId, p.id());
                        refresh();
                    } catch (RuntimeException ex) {
                        Forms.show(ex);
                    }
                });
                remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                remove.setAriaLabel("Remove " + p.name());
                row.add(remove);
            }
            list.add(row);
        }
        for (PendingCoDrafter p : letters.pendingInvitations(letterId)) {
            String who = p.email() == null ? "A person invited by email" : p.email();
            var row = new Div(new Span(who), badge("Invited · " + p.role().label()));
            row.addClassName("us-party");
            row.getElement()
                    .setAttribute(
                            "title",
                            "Invited on " + DAY.format(p.invitedAt()) + ", expires on " + DAY.format(p.expiresAt()));
            if (access.canEdit()) {
                var revoke = new Button("Withdraw", e -> {
                    try {
                        letters.revokeInvitation(letterId, p.id());
                        refresh();
                    } catch (RuntimeException ex) {
                        Forms.show(ex);
                        refresh();
                    }
                });
                revoke.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                revoke.setAriaLabel("Withdraw the invitation to " + who);
                row.add(revoke);
            }
            pending.add(row);
        }
        pendingBox.setVisible(pending.getComponentCount() > 0);
    }

    private static Span badge(String text) {
        var s = new Span(text);
        s.addClassName("us-badge");
        return s;
    }

    private static Span badge(DraftingParty p) {
        var s = new Span((p.publisher() ? "Publisher · " : p.organisationId() == null ? "Person · " : "")
                + p.role().label());
        s.addClassName("us-badge");
        return s;
    }

    private Div inviteOrganisation() {
        var org = new ComboBox<Drafter>("Organisation");
        org.setItemLabelGenerator(Drafter::name);
        org.setItems(
                query -> letters.findOrganisations(letterId, query.getFilter().orElse("")).stream()
                        .skip(query.getOffset())
                        .limit(query.getLimit()));
        org.setHelperText("Type at least two letters of its name.");
        var role = roleSelect();
        var invite = new Button("Invite organisation", e -> {
            if (org.getValue() == null) {
                org.setErrorMessage("Choose an organisation.");
                org.setInvalid(true);
                return;
            }
            try {
                letters.inviteOrganisation(letterId, org.getValue().accountId(), role.getValue());
                org.clear();
                refresh();
            } catch (InvalidInputException ex) {
                Forms.show(ex, Map.of("organisation", org));
            } catch (RuntimeException ex) {
                Forms.show(ex);
            }
        });
        var box = new Div(new H3("Invite an organisation"), org, role, invite);
        box.addClassName("us-invite");
        return box;
    }

    private Div invitePerson() {
        var email = new EmailField("Email");
        email.setHelperText("They get a link by email; with it they sign in, or create an account.");
        email.setWidthFull();
        var role = roleSelect();
        var sent = new Paragraph();
        sent.addClassName("us-invite-sent");
        sent.getElement().setAttribute("role", "status");
        var invite = new Button("Invite person", e -> {
            sent.setText("");
            email.setInvalid(false);
            try {
                letters.invitePerson(letterId, email.getValue(), role.getValue());
                email.clear();
                sent.setText(SENT);
                refresh();
            } catch (InvalidInputException ex) {
                Forms.show(ex, Map.of("email", email));
            } catch (RuntimeException ex) {
                Forms.show(ex);
            }
        });
        var box = new Div(new H3("Invite a person"), email, role, invite, sent);
        box.addClassName("us-invite");
        return box;
    }

    private static Select<DraftingRole> roleSelect() {
        var role = new Select<DraftingRole>();
        role.setLabel("As");
        role.setItems(DraftingRole.values());
        role.setItemLabelGenerator(DraftingRole::label);
        role.setValue(DraftingRole.EDITOR);
        return role;
    }
}
