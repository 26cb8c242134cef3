package org.undersigned.account.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._findAll;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.getCurrentView;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.dom.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Fixtures;
import org.undersigned.GridCells;
import org.undersigned.TestAccounts;
import org.undersigned.ViewTest;
import org.undersigned.account.AccountService;
import org.undersigned.account.AccountSignIn;
import org.undersigned.account.Member;
import org.undersigned.account.OrganisationSignUp;
import org.undersigned.base.ui.DomainNotFoundView;

class OrganisationViewTest extends ViewTest {

    @Autowired
    AccountService accountService;

    @Autowired
    AccountSignIn accountSignIn;

    @Autowired
    JdbcClient jdbc;

    TestAccounts accounts;

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(accountService, jdbc);
    }

    @Test
    void aMemberSeesTheirOrganisationAndItsMembers() {
        var owner = accounts.register(true);
        signIn(accountSignIn.loadUserByUsername(owner.email()).user());

        open("organisations/" + owner.organisationId());

        assertThat(getCurrentView()).isEqualTo(OrganisationView.class);
        assertThat(_get(H1.class).getText()).isEqualTo(owner.organisation());
        assertThat(_findAll(members())).extracting(Member::email).containsExactly(owner.email());
    }

    @Test
    void anotherOrganisationIsNotFoundForANonMember() {
        var mine = accounts.register(true);
        var theirs = accounts.register(true);
        signIn(accountSignIn.loadUserByUsername(mine.email()).user());

        open("organisations/" + theirs.organisationId());

        assertThat(getCurrentView()).isEqualTo(DomainNotFoundView.class);
        assertThat(_get(H1.class).getText()).isEqualTo("Not found");
        assertThat(_find(H1.class, s -> s.withText(theirs.organisation()))).isEmpty();
        _assertNone(Grid.class);
    }

    @Test
    void aMalformedIdIsNotFoundEither() {
        var mine = accounts.register(true);
        signIn(accountSignIn.loadUserByUsername(mine.email()).user());

        open("organisations/not-an-id");

        assertThat(getCurrentView()).isEqualTo(DomainNotFoundView.class);
    }

    @Test
    void aMemberNameWithMarkupIsShownAsTheTextItIs() {
        String name = "<img src=x onerror=alert(1)>";
        String email = Fixtures.uniqueEmail();
        String organisation = Fixtures.unique("Rights Watch");
        accountService.signUp(new OrganisationSignUp(
                organisation, "AZ", null, null, name, email, Fixtures.PASSWORD, Fixtures.PASSWORD));
        accountService.verifyEmail(accounts.tokenFromMail(email, "/account/verify/"));
        var user = accountSignIn.loadUserByUsername(email).user();
        var organisationId = jdbc.sql("SELECT id FROM organisation WHERE name = ?")
                .param(organisation)
                .query(java.util.UUID.class)
                .single();
        signIn(user);

        open("organisations/" + organisationId);

        var grid = members();
        var member = _findAll(grid).getFirst();
        assertThat(GridCells.text(grid, member, 0)).isEqualTo(name);
        // Text goes to the browser as text: no component or element sets inner HTML.
        _assertNone(Html.class);
        assertThat(elementsSettingInnerHtml(UI.getCurrent().getElement())).isZero();
    }

    @SuppressWarnings("unchecked")
    private static Grid<Member> members() {
        return _get(Grid.class);
    }

    private static int elementsSettingInnerHtml(Element element) {
        int count = element.hasProperty("innerHTML") ? 1 : 0;
        for (Element child : element.getChildren().toList()) {
            count += elementsSettingInnerHtml(child);
        }
        return count;
    }
}
