package org.undersigned.account.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._findAll;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.undersigned.GridCells;
import org.undersigned.TestAccounts;
import org.undersigned.ViewTest;
import org.undersigned.account.AccountService;
import org.undersigned.account.OrganisationSummary;
import org.undersigned.base.SignedInUser;

class AdminOrganisationsViewTest extends ViewTest {

    @Autowired
    AccountService accountService;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Test
    void anAdministratorSeesEveryOrganisationAndMarksOneVerified() {
        var accounts = new TestAccounts(accountService, jdbc);
        var confirmed = accounts.register(true);
        var unconfirmed = accounts.register(false);
        UUID adminId = accounts.administrator(encoder);
        signInAsAdministrator(new SignedInUser(adminId, "admin@example.org", "Test Administrator", true), true);

        open("admin/organisations");

        Grid<OrganisationSummary> grid = organisations();
        assertThat(_findAll(grid))
                .extracting(OrganisationSummary::name)
                .contains(confirmed.organisation(), unconfirmed.organisation());
        var summary = row(grid, confirmed.organisationId());
        assertThat(summary.verified()).isFalse();
        var mark = GridCells.component(grid, summary, 4, Button.class);
        assertThat(mark.getText()).isEqualTo("Mark verified");

        mark.click();

        assertThat(jdbc.sql("SELECT verified_by FROM organisation WHERE id = ? AND verified_at IS NOT NULL")
                        .param(confirmed.organisationId())
                        .query(UUID.class)
                        .optional())
                .contains(adminId);
        var refreshed = row(organisations(), confirmed.organisationId());
        assertThat(refreshed.verified()).as("the grid shows the change at once").isTrue();
        var name = GridCells.component(organisations(), refreshed, 0, Span.class);
        assertThat(name.getElement().getTextRecursively()).contains(confirmed.organisation(), "✓ Verified");
        assertThat(row(organisations(), unconfirmed.organisationId()).verified())
                .isFalse();
    }

    @SuppressWarnings("unchecked")
    private static Grid<OrganisationSummary> organisations() {
        return _get(Grid.class);
    }

    private static OrganisationSummary row(Grid<OrganisationSummary> grid, UUID id) {
        return _findAll(grid).stream()
                .filter(o -> o.id().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
