package org.undersigned.security;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.getCurrentView;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.H1;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.undersigned.Fixtures;
import org.undersigned.ViewTest;
import org.undersigned.account.Administration;
import org.undersigned.base.SignedInUser;
import org.undersigned.base.ui.RouteDeniedView;
import org.undersigned.mail.MailAdmin;
import org.undersigned.security.ui.LoginView;

/** Who gets the administration views: only an administrator whose second factor is confirmed. */
class AdministrationAccessTest extends ViewTest {

    private static final String ADMIN_VIEWS = """
            admin/organisations | org.undersigned.account.ui.AdminOrganisationsView
            admin/accounts      | org.undersigned.account.ui.AdminAccountsView
            admin/mailbox       | org.undersigned.mail.ui.MailboxView
            admin/mail          | org.undersigned.mail.ui.OutboxView
            """;

    @Autowired
    Administration administration;

    @Autowired
    MailAdmin mail;

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = ADMIN_VIEWS)
    void aNormalUserDoesNotGetTheView(String route, Class<? extends Component> view) {
        signIn(person(false));

        open(route);

        assertThat(getCurrentView()).isEqualTo(RouteDeniedView.class);
        assertThat(_get(H1.class).getText()).as("looks like a missing page").isEqualTo("Not found");
        assertThat(_find(view)).isEmpty();
        assertThatThrownBy(() -> administration.organisations()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> mail.captured(10)).isInstanceOf(AccessDeniedException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = ADMIN_VIEWS)
    void anAdministratorWithoutTheSecondFactorDoesNotGetTheView(String route, Class<? extends Component> view) {
        signInAsAdministrator(person(true), false);

        open(route);

        assertThat(getCurrentView()).isEqualTo(RouteDeniedView.class);
        assertThat(_get(H1.class).getText()).as("looks like a missing page").isEqualTo("Not found");
        assertThat(_find(view)).isEmpty();
        assertThatThrownBy(() -> administration.accounts()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> mail.undelivered()).isInstanceOf(AccessDeniedException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = ADMIN_VIEWS)
    void someoneSignedOutIsSentToTheLoginPage(String route, Class<? extends Component> view) {
        open(route);

        assertThat(getCurrentView()).isEqualTo(LoginView.class);
        assertThat(_find(view)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = ADMIN_VIEWS)
    void anAdministratorWithTheSecondFactorGetsTheView(String route, Class<? extends Component> view) {
        signInAsAdministrator(person(true), true);

        open(route);

        assertThat(getCurrentView()).isEqualTo(view);
        assertThat(_find(view)).hasSize(1);
    }

    private static SignedInUser person(boolean administrator) {
        return new SignedInUser(UUID.randomUUID(), Fixtures.uniqueEmail(), "Test person", administrator);
    }
}
