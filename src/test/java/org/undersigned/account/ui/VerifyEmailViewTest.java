package org.undersigned.account.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.getCurrentView;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Fixtures;
import org.undersigned.TestAccounts;
import org.undersigned.ViewTest;
import org.undersigned.account.AccountService;

/** The confirmation link: its token leaves the address at once, and never reaches the log. */
@ExtendWith(OutputCaptureExtension.class)
class VerifyEmailViewTest extends ViewTest {

    @Autowired
    AccountService accountService;

    @Autowired
    JdbcClient jdbc;

    TestAccounts accounts;

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(accountService, jdbc);
    }

    @Test
    void theLinkForwardsToAnAddressWithoutTheTokenAndConfirmsOnlyWithTheButton() {
        var owner = accounts.register(false);
        String token = accounts.tokenFromMail(owner.email(), "/account/verify/");

        open("account/verify/" + token);

        assertThat(getCurrentView()).isEqualTo(VerifyEmailView.class);
        assertThat(currentPath()).isEqualTo("account/verify");
        assertThat(verified(owner.email()))
                .as("opening the link changes nothing")
                .isFalse();

        _click(_get(Button.class, s -> s.withId("confirm-email")));

        assertThat(verified(owner.email())).isTrue();
        assertThat(_find(
                        Paragraph.class,
                        s -> s.withText("Thank you: your email address is confirmed. You can sign in now.")))
                .hasSize(1);
    }

    @Test
    void aForgedTokenAlsoLeavesTheAddressAndConfirmsNothing() {
        open("account/verify/" + "A".repeat(43));

        assertThat(currentPath()).isEqualTo("account/verify");
        assertThat(_find(Button.class, s -> s.withId("confirm-email")))
                .as("a forged link offers nothing to confirm")
                .isEmpty();
        assertThat(_get(Paragraph.class, s -> s.withPredicate(p -> p.getText().startsWith("This link has expired")))
                        .getText())
                .contains("just sign in");
    }

    @Test
    @SuppressWarnings("unchecked")
    void noTokenReachesTheLogDuringSignUpAndConfirmation(CapturedOutput output) {
        LoggerFactory.getLogger(VerifyEmailViewTest.class).info("log capture canary");
        String email = Fixtures.uniqueEmail();
        open("signup");
        _setValue(_get(TextField.class, s -> s.withLabel("Organisation name")), Fixtures.unique("Law Centre"));
        _setValue((ComboBox<String>) _get(ComboBox.class, s -> s.withLabel("Country")), "AM");
        _setValue(_get(TextField.class, s -> s.withLabel("Your name")), "Anahit Petrosyan");
        _setValue(_get(EmailField.class, s -> s.withLabel("Your email")), email);
        _setValue(_get(PasswordField.class, s -> s.withLabel("Password")), Fixtures.PASSWORD);
        _setValue(_get(PasswordField.class, s -> s.withLabel("Password, again")), Fixtures.PASSWORD);
        _click(_get(Button.class, s -> s.withText("Register")));
        String token = accounts.tokenFromMail(email, "/account/verify/");
        open("account/verify/" + token);
        _click(_get(Button.class, s -> s.withId("confirm-email")));
        assertThat(verified(email)).isTrue();

        assertThat(output.getAll()).as("the capture sees the log").contains("log capture canary");
        assertThat(output.getAll()).doesNotContain(token);
        assertThat(output.getAll()).doesNotContain(Fixtures.PASSWORD);
    }

    private static String currentPath() {
        return UI.getCurrent().getInternals().getActiveViewLocation().getPath();
    }

    private boolean verified(String email) {
        return jdbc.sql("SELECT email_verified_at IS NOT NULL FROM account WHERE email = ?")
                .param(email)
                .query(Boolean.class)
                .single();
    }
}
