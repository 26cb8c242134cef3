package org.undersigned.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.Map;
import org.undersigned.account.AccountService;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.RefusedException;
import org.undersigned.base.ui.Forms;
import org.undersigned.base.ui.PublicPage;
import org.undersigned.base.ui.TokenLanding;

/** Creates the first administrator from the one-time link printed in the log. */
@Route(value = "setup/:token?", autoLayout = false)
@PageTitle("Create the first administrator — Undersigned")
@AnonymousAllowed
public class SetupView extends PublicPage implements BeforeEnterObserver {

    private static final String KEY = "setup";
    private final AccountService accounts;

    public SetupView(AccountService accounts) {
        super("Create the first administrator");
        this.accounts = accounts;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var token = TokenLanding.take(event, KEY, "setup");
        if (event.hasForwardTarget()) {
            return;
        }
        if (token.isEmpty() || !accounts.setupTokenValid(token.get())) {
            replaceWith(
                    new Paragraph("This setup link is not valid, or an administrator already exists."),
                    new Anchor("login", "Sign in"));
            return;
        }
        var intro = new Paragraph(
                "Administrators verify organisations and approve publications. After this, you will sign in"
                        + " and connect an authenticator app as a second factor.");
        intro.addClassName("us-lead");
        var name = new TextField("Your name");
        var email = new EmailField("Email");
        var password = new PasswordField("Password");
        password.setHelperText("At least 12 characters.");
        var repeat = new PasswordField("Password, again");
        for (var f : new com.vaadin.flow.component.HasSize[] {name, email, password, repeat}) {
            f.setWidthFull();
        }
        var create = new Button("Create the administrator", e -> {
            try {
                accounts.createFirstAdministrator(
                        token.get(), name.getValue(), email.getValue(), password.getValue(), repeat.getValue());
                TokenLanding.forget(KEY);
                replaceWith(new Paragraph("The administrator account is ready."), new Anchor("login", "Sign in"));
            } catch (InvalidInputException ex) {
                Forms.show(ex, Map.of("name", name, "email", email, "password", password, "passwordRepeat", repeat));
            } catch (RefusedException ex) {
                replaceWith(new Paragraph(ex.getMessage()), new Anchor("login", "Sign in"));
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        replaceWith(intro, name, email, password, repeat, create);
    }
}
