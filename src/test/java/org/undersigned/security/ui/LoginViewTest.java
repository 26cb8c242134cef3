package org.undersigned.security.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.getCurrentView;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.login.LoginForm;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.undersigned.Fixtures;
import org.undersigned.ViewTest;
import org.undersigned.base.SignedInUser;
import org.undersigned.letter.ui.DashboardView;

class LoginViewTest extends ViewTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            bad          | Wrong email or password
            throttled    | Too many failed sign-ins
            unverified   | Confirm your email address first
            disabled     | This account is disabled
            ended        | Your session has ended
            expired      | Please sign in again
            made-up-code | Wrong email or password
            """)
    void explainsEachRefusalInPlainWords(String code, String title) {
        open("login?error=" + code);

        assertThat(getCurrentView()).isEqualTo(LoginView.class);
        var form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        assertThat(i18n(form)).contains("\"title\":\"" + title + "\"");
    }

    @Test
    void someoneSignedInIsTakenToTheDashboard() {
        signIn(new SignedInUser(UUID.randomUUID(), Fixtures.uniqueEmail(), "Test person", false));

        open("login");

        assertThat(getCurrentView()).isEqualTo(DashboardView.class);
    }

    @Test
    void withoutAnErrorTheFormIsPlain() {
        open("login");

        var form = _get(LoginForm.class);
        assertThat(form.isError()).isFalse();
        assertThat(form.getAction()).isEqualTo("login");
        assertThat(i18n(form)).contains("\"username\":\"Email\"");
    }

    /** The texts the form shows, as the browser gets them. */
    private static String i18n(LoginForm form) {
        return String.valueOf(form.getElement().getPropertyRaw("i18n"));
    }
}
