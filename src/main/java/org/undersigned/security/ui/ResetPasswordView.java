package org.undersigned.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
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

/** Choosing a new password from the mailed link. */
@Route(value = "account/reset/:token?", autoLayout = false)
@PageTitle("Choose a new password — Undersigned")
@AnonymousAllowed
public class ResetPasswordView extends PublicPage implements BeforeEnterObserver {

    private static final String KEY = "reset";
    private final AccountService accounts;

    public ResetPasswordView(AccountService accounts) {
        super("Choose a new password");
        this.accounts = accounts;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var token = TokenLanding.take(event, KEY, "account/reset");
        if (event.hasForwardTarget()) {
            return;
        }
        if (token.isEmpty() || accounts.peekPasswordReset(token.get()).isEmpty()) {
            replaceWith(
                    new Paragraph("This link has expired or has already been used."),
                    new Anchor("account/forgot-password", "Ask for a new link"));
            return;
        }
        var password = new PasswordField("New password");
        password.setHelperText("At least 12 characters. A few words together are easy to remember.");
        var repeat = new PasswordField("New password, again");
        password.setWidthFull();
        repeat.setWidthFull();
        var save = new Button("Save the new password", e -> {
            try {
                accounts.resetPassword(token.get(), password.getValue(), repeat.getValue());
                TokenLanding.forget(KEY);
                replaceWith(new Paragraph("Your password is changed."), new Anchor("login", "Sign in"));
            } catch (InvalidInputException ex) {
                Forms.show(ex, Map.of("password", password, "passwordRepeat", repeat));
            } catch (RefusedException ex) {
                replaceWith(
                        new Paragraph(ex.getMessage()), new Anchor("account/forgot-password", "Ask for a new link"));
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        replaceWith(password, repeat, save);
    }
}
