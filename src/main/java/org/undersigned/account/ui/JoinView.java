package org.undersigned.account.ui;

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
import java.util.Map;
import org.undersigned.account.AccountService;
import org.undersigned.account.JoinInvitation;
import org.undersigned.account.Role;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.RefusedException;
import org.undersigned.base.ui.Forms;
import org.undersigned.base.ui.PublicPage;
import org.undersigned.base.ui.TokenLanding;

/** Accepts an invitation to join an organisation; a newcomer sets a name and password here. */
@Route(value = "account/join/:token?", autoLayout = false)
@PageTitle("Join an organisation — Undersigned")
@AnonymousAllowed
public class JoinView extends PublicPage implements BeforeEnterObserver {

    private static final String KEY = "join";
    private final AccountService accounts;

    public JoinView(AccountService accounts) {
        super("Join an organisation");
        this.accounts = accounts;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var token = TokenLanding.take(event, KEY, "account/join");
        if (event.hasForwardTarget()) {
            return;
        }
        var invitation = token.flatMap(accounts::peekJoin);
        if (invitation.isEmpty()) {
            replaceWith(
                    new Paragraph(
                            "This invitation has expired or has already been used. Ask the organisation's owner for a new one."),
                    new Anchor("login", "Sign in"));
            return;
        }
        JoinInvitation inv = invitation.get();
        var what = new Paragraph("You are invited to join " + inv.organisationName() + " as "
                + (inv.role() == Role.OWNER ? "an owner" : "a member") + ", with the address " + inv.email() + ".");
        if (inv.hasAccount()) {
            var accept = new Button("Accept the invitation", e -> accept(token.get(), null, null, null, Map.of()));
            accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            replaceWith(what, accept);
            return;
        }
        var name = new TextField("Your name");
        var password = new PasswordField("Choose a password");
        password.setHelperText("At least 12 characters.");
        var repeat = new PasswordField("Password, again");
        name.setWidthFull();
        password.setWidthFull();
        repeat.setWidthFull();
        var accept = new Button(
                "Join " + inv.organisationName(),
                e -> accept(
                        token.get(),
                        name.getValue(),
                        password.getValue(),
                        repeat.getValue(),
                        Map.of("name", name, "password", password, "passwordRepeat", repeat)));
        accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        replaceWith(what, name, password, repeat, accept);
    }

    private void accept(
            String token,
            String name,
            String password,
            String repeat,
            Map<String, ? extends com.vaadin.flow.component.HasValidation> fields) {
        try {
            var inv = accounts.acceptJoin(token, name, password, repeat);
            TokenLanding.forget(KEY);
            replaceWith(
                    new Paragraph("Welcome to " + inv.organisationName() + ". Sign in to start."),
                    new Anchor("login", "Sign in"));
        } catch (InvalidInputException ex) {
            Forms.show(ex, fields);
        } catch (RefusedException ex) {
            replaceWith(new Paragraph(ex.getMessage()), new Anchor("login", "Sign in"));
        }
    }
}
