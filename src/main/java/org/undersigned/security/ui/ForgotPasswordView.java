package org.undersigned.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.Map;
import org.undersigned.account.AccountService;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.ui.Forms;
import org.undersigned.base.ui.PublicPage;

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
@Route(value = "account/forgot-password", autoLayout = false)
@PageTitle("Forgot password — Undersigned")
@AnonymousAllowed
public class ForgotPasswordView extends PublicPage {

    public ForgotPasswordView(AccountService accounts) {
        super(
                "Forgot your password?",
                "Enter the address you sign in with. We will mail you a link to choose a new password.");
        var email = new EmailField("Email");
        email.setWidthFull();
        email.setRequiredIndicatorVisible(true);
        var send = new Button("Send the link", e -> {
            try {
                accounts.requestPasswordReset(email.getValue());
                replaceWith(
                        new Paragraph("If an account uses " + email.getValue().strip()
                                + ", a link to choose a new password is on its way. It works for one hour."),
                        new Anchor("login", "Back to sign-in"));
            } catch (InvalidInputException ex) {
                Forms.show(ex, Map.of("email", email));
            }
        });
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickShortcut(com.vaadin.flow.component.Key.ENTER);
        addToCard(email, send, new Paragraph(new Anchor("login", "Back to sign-in")));
    }
}
