package org.undersigned.account.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.undersigned.account.AccountService;
import org.undersigned.base.RefusedException;
import org.undersigned.base.ui.PublicPage;
import org.undersigned.base.ui.TokenLanding;

/**
 * Confirms an email address. Opening the link changes nothing (mail scanners follow links); the
 * person confirms with the button.
 */
@Route(value = "account/verify/:token?", autoLayout = false)
@PageTitle("Confirm your email — Undersigned")
@AnonymousAllowed
public class VerifyEmailView extends PublicPage implements BeforeEnterObserver {

    private static final String KEY = "verify";
    private final AccountService accounts;

    public VerifyEmailView(AccountService accounts) {
        super("Confirm your email address");
        this.accounts = accounts;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var token = TokenLanding.take(event, KEY, "account/verify");
        if (event.hasForwardTarget()) {
            return;
        }
        var email = token.flatMap(accounts::peekEmailVerification);
        if (email.isEmpty()) {
            replaceWith(
                    new Paragraph(
                            "This link has expired or has already been used. If you already confirmed your address, just sign in."),
                    new Anchor("login", "Sign in"));
            return;
        }
        var confirm = new Button("Confirm " + email.get(), e -> {
            try {
                accounts.verifyEmail(token.get());
                TokenLanding.forget(KEY);
                replaceWith(
                        new Paragraph("Thank you: your email address is confirmed. You can sign in now."),
                        new Anchor("login", "Sign in"));
            } catch (RefusedException ex) {
                replaceWith(new Paragraph(ex.getMessage()), new Anchor("login", "Sign in"));
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.setId("confirm-email");
        replaceWith(new Paragraph("Is this your address? Confirm it to finish registering."), confirm);
    }
}
