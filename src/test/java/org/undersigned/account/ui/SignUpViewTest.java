package org.undersigned.account.ui;

import static com.github.mvysny.kaributesting.v10.HasValidationUtilsKt._expectInvalid;
import static com.github.mvysny.kaributesting.v10.HasValidationUtilsKt._expectValid;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNoNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Fixtures;
import org.undersigned.ViewTest;

class SignUpViewTest extends ViewTest {

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void openTheForm() {
        open("signup");
    }

    @Test
    void aMalformedEmailAndAShortPasswordAreShownAtTheirFieldsAndNothingIsCreated() {
        String organisation = Fixtures.unique("Human Rights House");

        fill(organisation, "not-an-address", "too short", "too short");
        _click(_get(Button.class, s -> s.withText("Register")));

        _expectInvalid(field(EmailField.class, "Your email"), "Enter an email address like name@example.org.");
        _expectInvalid(
                field(PasswordField.class, "Password"),
                "Use at least 12 characters; a few words together are easy to remember.");
        _expectValid(field(TextField.class, "Organisation name"));
        _expectValid(field(TextField.class, "Your name"));
        _expectValid(field(PasswordField.class, "Password, again"));
        expectNoNotifications();
        assertThat(count("SELECT count(*) FROM organisation WHERE name = ?", organisation))
                .isZero();
        assertThat(count("SELECT count(*) FROM account WHERE email = ?", "not-an-address"))
                .isZero();
    }

    @Test
    void aGoodSignUpSaysALinkWasSent() {
        String organisation = Fixtures.unique("Human Rights House");
        String email = Fixtures.uniqueEmail();

        fill(organisation, email, Fixtures.PASSWORD, Fixtures.PASSWORD);
        _click(_get(Button.class, s -> s.withText("Register")));

        var message =
                _get(Paragraph.class, s -> s.withPredicate(p -> p.getText().startsWith("Thank you.")));
        assertThat(message.getText())
                .isEqualTo(
                        "Thank you. We sent a link to " + email + ". Open it to confirm your address, then sign in.");
        assertThat(count("SELECT count(*) FROM organisation WHERE name = ?", organisation))
                .isOne();
        assertThat(count("SELECT count(*) FROM mail_outbox WHERE recipient = ? AND kind = 'VERIFY_EMAIL'", email))
                .isOne();
    }

    @SuppressWarnings("unchecked")
    private static void fill(String organisation, String email, String password, String repeat) {
        _setValue(field(TextField.class, "Organisation name"), organisation);
        _setValue((ComboBox<String>) field(ComboBox.class, "Country"), "GE");
        _setValue(field(TextField.class, "Website"), "https://example.org");
        _setValue(field(TextArea.class, "Email domains the organisation uses"), "example.org");
        _setValue(field(TextField.class, "Your name"), "Nino Beridze");
        _setValue(field(EmailField.class, "Your email"), email);
        _setValue(field(PasswordField.class, "Password"), password);
        _setValue(field(PasswordField.class, "Password, again"), repeat);
    }

    private static <T extends com.vaadin.flow.component.Component> T field(Class<T> type, String label) {
        return _get(type, s -> s.withLabel(label));
    }

    private long count(String sql, Object arg) {
        return jdbc.sql(sql).param(arg).query(Long.class).single();
    }
}
