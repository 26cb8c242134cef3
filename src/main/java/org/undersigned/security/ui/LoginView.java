package org.undersigned.security.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.List;
import org.undersigned.base.CurrentUser;
import org.undersigned.base.ui.PublicPage;

/** Sign-in with email and password; explains in plain words why a sign-in was refused. */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in — Undersigned")
@AnonymousAllowed
public class LoginView extends PublicPage implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();

    public LoginView() {
        super("Sign in", "Co-draft open letters, collect verified signatures, publish together.");
        form.setAction("login");
        form.setForgotPasswordButtonVisible(true);
        form.addForgotPasswordListener(e -> form.getUI().ifPresent(ui -> ui.navigate(ForgotPasswordView.class)));
        form.setI18n(i18n("Wrong email or password", "Check both and try again."));
        form.addClassName("us-login");
        var register = new Paragraph("New to Undersigned? ");
        register.add(new Anchor("signup", "Register your organisation"));
        register.addClassName("us-muted");
        addToCard(form, register);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (CurrentUser.get().isPresent()) {
            event.forwardTo("");
            return;
        }
        var params = event.getLocation().getQueryParameters().getParameters();
        List<String> error = params.getOrDefault("error", List.of());
        if (!error.isEmpty()) {
            String code = error.get(0);
            form.setI18n(
                    switch (code) {
                        case "throttled" ->
                            i18n(
                                    "Too many failed sign-ins",
                                    "For your safety, sign-in is paused for a few minutes. Wait, then try again.");
                        case "unverified" ->
                            i18n(
                                    "Confirm your email address first",
                                    "Open the link we sent you when you registered. No mail? Use “Forgot password?” to get a new link.");
                        case "disabled" ->
                            i18n(
                                    "This account is disabled",
                                    "Contact the platform's administrators if you think this is a mistake.");
                        case "ended" -> i18n("Your session has ended", "Please sign in again.");
                        case "expired" ->
                            i18n(
                                    "Please sign in again",
                                    "This sign-in page was open for a long time, or the sign-in came from another site. Enter your email and password again.");
                        default -> i18n("Wrong email or password", "Check both and try again.");
                    });
            form.setError(true);
        }
    }

    private static LoginI18n i18n(String errorTitle, String errorMessage) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("");
        i18n.getForm().setUsername("Email");
        i18n.getForm().setPassword("Password");
        i18n.getForm().setSubmit("Sign in");
        i18n.getForm().setForgotPassword("Forgot password?");
        i18n.getErrorMessage().setTitle(errorTitle);
        i18n.getErrorMessage().setMessage(errorMessage);
        return i18n;
    }
}
