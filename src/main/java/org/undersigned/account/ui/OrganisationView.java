package org.undersigned.account.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.Map;
import java.util.UUID;
import org.undersigned.account.Member;
import org.undersigned.account.OrganisationService;
import org.undersigned.account.Role;
import org.undersigned.base.CurrentUser;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.ui.Forms;

/** One organisation: its details and members; owners invite, remove and change roles here. */
@Route("organisations/:id")
@PageTitle("Organisation — Undersigned")
@PermitAll
public class OrganisationView extends Main implements BeforeEnterObserver {

    private final OrganisationService organisations;
    private final Grid<Member> members = new Grid<>(Member.class, false);
    private UUID organisationId = new UUID(0, 0);

    public OrganisationView(OrganisationService organisations) {
        this.organisations = organisations;
        addClassName("us-page");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            organisationId =
                    UUID.fromString(event.getRouteParameters().get("id").orElse(""));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
        var org = organisations.get(organisationId);
        boolean owner = organisations.isOwner(organisationId);
        removeAll();
        var title = new H1(org.name());
        add(title);
        var facts = new Div();
        facts.addClassName("us-facts");
        if (org.verified()) {
            facts.add(Badges.verified());
        }
        facts.add(new Paragraph(org.countryName()));
        if (org.website() != null) {
            var site = new Anchor(org.website(), org.website());
            site.setTarget("_blank");
            site.getElement().setAttribute("rel", "noopener noreferrer");
            facts.add(new Paragraph(site));
        }
        facts.add(new Paragraph(
                org.domains().isEmpty()
                        ? "No email domains registered."
                        : "Email domains: " + String.join(", ", org.domains())));
        add(facts);

        add(new H2("Members"));
        members.addColumn(Member::displayName).setHeader("Name").setFlexGrow(2);
        members.addColumn(Member::email).setHeader("Email").setFlexGrow(2);
        if (owner) {
            members.addComponentColumn(this::roleSelect).setHeader("Role").setFlexGrow(1);
            members.addComponentColumn(this::removeButton)
                    .setHeader("")
                    .setFlexGrow(0)
                    .setAutoWidth(true);
        } else {
            members.addColumn(m -> m.role().label()).setHeader("Role");
        }
        members.setAllRowsVisible(true);
        refresh();
        add(members);
        if (owner) {
            add(inviteForm());
        }
    }

    private Select<Role> roleSelect(Member m) {
        var select = new Select<Role>();
        select.setItems(Role.values());
        select.setItemLabelGenerator(Role::label);
        select.setValue(m.role());
        select.setAriaLabel("Role of " + m.displayName());
        select.addValueChangeListener(e -> {
            if (!e.isFromClient() || e.getValue() == null) {
                return;
            }
            try {
                organisations.changeRole(organisationId, m.accountId(), e.getValue());
                Forms.success(
                        m.displayName() + " is now " + e.getValue().label().toLowerCase() + ".");
            } catch (RuntimeException ex) {
                Forms.show(ex);
            }
            refresh();
        });
        return select;
    }

    private Button removeButton(Member m) {
        boolean me =
                CurrentUser.get().map(u -> u.accountId().equals(m.accountId())).orElse(false);
        var remove = new Button(me ? "Leave" : "Remove", e -> {
            var dialog = new ConfirmDialog(
                    me ? "Leave the organisation?" : "Remove " + m.displayName() + "?",
                    me
                            ? "You will no longer see its letters."
                            : m.displayName() + " will no longer see the organisation's letters.",
                    me ? "Leave" : "Remove",
                    confirmed -> {
                        try {
                            organisations.removeMember(organisationId, m.accountId());
                        } catch (RuntimeException ex) {
                            Forms.show(ex);
                        }
                        refresh();
                    });
            dialog.setCancelable(true);
            dialog.setConfirmButtonTheme("error primary");
            dialog.open();
        });
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        return remove;
    }

    private Div inviteForm() {
        var box = new Div();
        box.addClassName("us-card");
        var email = new EmailField("Email");
        var role = new Select<Role>();
        role.setLabel("Role");
        role.setItems(Role.values());
        role.setItemLabelGenerator(Role::label);
        role.setValue(Role.MEMBER);
        var invite = new Button("Send invitation", e -> {
            try {
                organisations.invite(organisationId, email.getValue(), role.getValue());
                Forms.success("Invitation sent to " + email.getValue().strip() + ".");
                email.clear();
                email.setInvalid(false);
            } catch (InvalidInputException ex) {
                Forms.show(ex, Map.of("email", email));
            } catch (RuntimeException ex) {
                Forms.show(ex);
            }
        });
        invite.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var row = new HorizontalLayout(email, role, invite);
        row.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        row.setWrap(true);
        box.add(new H2("Invite a member"), new Paragraph("They get a link to join; it works once, for 7 days."), row);
        return box;
    }

    private void refresh() {
        members.setItems(organisations.members(organisationId));
    }
}
