package org.undersigned.letter.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.undersigned.base.CurrentUser;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.RefusedException;
import org.undersigned.base.ui.Forms;
import org.undersigned.base.ui.PublicPage;
import org.undersigned.base.ui.TokenLanding;
import org.undersigned.letter.CoDraftingInvitation;
import org.undersigned.letter.DraftingInvitations;
import org.undersigned.letter.DraftingRole;

/**
 * Where an invitation to co-draft a letter leads. The token leaves the address bar at once
 * ({@link TokenLanding}); opening the page changes nothing. A person signed in accepts with a
 * button; a person with an account signs in first ({@link DraftingAcceptView}); a newcomer
 * chooses a name and a password for an account with the invited address.
 */
@Route(value = "drafting/invitation/:token?", autoLayout = false)
@PageTitle("Invitation to co-draft — Undersigned")
@AnonymousAllowed
public class DraftingInvitationView extends PublicPage implements BeforeEnterObserver {

    static final String KEY = "co-draft";
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final DraftingInvitations invitations;

    public DraftingInvitationView(DraftingInvitations invitations) {
        super("Invitation to co-draft a letter");
        this.invitations = invitations;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var token = TokenLanding.take(event, KEY, "drafting/invitation");
        if (event.hasForwardTarget()) {
            return;
        }
        CoDraftingInvitation inv = token.map(invitations::peek)
                .orElse(new CoDraftingInvitation(CoDraftingInvitation.Status.UNKNOWN, null, null, null, false, null));
        if (inv.status() != CoDraftingInvitation.Status.OPEN || token.isEmpty()) {
            replaceWith(
                    new Paragraph(CoDraftingInvitation.explain(inv.status())), fullPageLink("", "Go to Undersigned"));
            return;
        }
        String t = token.get();
        var what = new Paragraph(inv.invitedBy() + " invites " + inv.email() + " to co-draft a letter, as "
                + (inv.role() == DraftingRole.EDITOR ? "an editor" : "a commenter") + ". The invitation expires on "
                + (inv.expiresAt() == null ? "" : DATE.format(inv.expiresAt())) + ".");
        var me = CurrentUser.get();
        if (me.isPresent()) {
            var accept = new Button("Accept and open the letter", e -> accept(t));
            accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            var who = new Paragraph("You are signed in as " + me.get().email() + ".");
            replaceWith(what, who, accept);
            return;
        }
        if (inv.hasAccount()) {
            replaceWith(
                    what,
                    new Paragraph("Sign in with " + inv.email() + " to accept."),
                    fullPageLink("drafting/accept", "Sign in to accept"));
            return;
        }
        var email = new TextField("Email");
        email.setValue(inv.email() == null ? "" : inv.email());
        email.setReadOnly(true);
        email.setHelperText("The address the invitation was sent to.");
        var name = new TextField("Your name");
        var password = new PasswordField("Choose a password");
        password.setHelperText("At least 12 characters.");
        var repeat = new PasswordField("Password, again");
        for (var f : new com.vaadin.flow.component.HasSize[] {email, name, password, repeat}) {
            f.setWidthFull();
        }
        Map<String, HasValidation> fields = Map.of("name", name, "password", password, "passwordRepeat", repeat);
        var create = new Button("Create my account and accept", e -> {
            Forms.clear(fields);
            try {
                var letterId = invitations.acceptAsNewcomer(t, name.getValue(), password.getValue(), repeat.getValue());
                TokenLanding.forget(KEY);
                replaceWith(
                        new Paragraph("Your account is ready and you co-draft the letter. Sign in with " + inv.email()
                                + " to open it."),
                        fullPageLink("drafts/" + letterId, "Sign in and open the letter"));
            } catch (InvalidInputException ex) {
                Forms.show(ex, fields);
            } catch (RefusedException ex) {
                replaceWith(new Paragraph(ex.getMessage()), fullPageLink("drafting/accept", "Sign in"));
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        replaceWith(
                what,
                new Paragraph("You do not have an Undersigned account with this address yet. Create one to accept."),
                email,
                name,
                password,
                repeat,
                create);
    }

    private void accept(String token) {
        try {
            var letterId = invitations.accept(token);
            TokenLanding.forget(KEY);
            getUI().ifPresent(ui -> ui.navigate("drafts/" + letterId));
        } catch (RefusedException ex) {
            replaceWith(new Paragraph(ex.getMessage()));
        }
    }

    /** A link that loads the page afresh, so that signing in (if needed) returns to it. */
    private static Anchor fullPageLink(String href, String text) {
        var a = new Anchor(href, text);
        a.getElement().setAttribute("router-ignore", true);
        a.addClassName("us-link-button");
        return a;
    }
}
