package org.undersigned.letter.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.getCurrentView;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.TestAccounts;
import org.undersigned.ViewTest;
import org.undersigned.account.AccountService;
import org.undersigned.account.AccountSignIn;

class DashboardViewTest extends ViewTest {

    @Autowired
    AccountService accountService;

    @Autowired
    AccountSignIn accountSignIn;

    @Autowired
    JdbcClient jdbc;

    @Test
    void offersANewLetterAndAnImportToAMemberWithoutLetters() {
        var owner = new TestAccounts(accountService, jdbc).register(true);
        signIn(accountSignIn.loadUserByUsername(owner.email()).user());

        open("");

        assertThat(getCurrentView()).isEqualTo(DashboardView.class);
        assertThat(_get(H1.class).getText()).isEqualTo("Letters");
        _get(com.vaadin.flow.component.button.Button.class, s -> s.withText("New letter"));
        var link = _get(Anchor.class, s -> s.withText("Import a letter"));
        assertThat(link.getHref()).isEqualTo("import");
        assertThat(_get(com.vaadin.flow.component.html.Paragraph.class).getText())
                .startsWith("No letters yet");
    }
}
