package org.undersigned.signing;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Fixtures;
import org.undersigned.GridCells;
import org.undersigned.ViewTest;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.SignedInUser;
import org.undersigned.letter.DraftingRole;
import org.undersigned.letter.LetterService;
import org.undersigned.signing.ui.SignatoriesView;

/** The organisers' signatories view, in Karibu on the real services and database. */
class SignatoriesManagementViewTest extends ViewTest {

    @Autowired
    InvitationService invitations;

    @Autowired
    LetterService letters;

    @Autowired
    JdbcClient jdbc;

    SigningWorld world;
    UUID letterId;

    @BeforeEach
    void letter() {
        world = new SigningWorld(jdbc);
        letterId = world.letter(letters, "Free the defenders.");
        Fixtures.actAsNobody();
    }

    @AfterEach
    void nobody() {
        Fixtures.actAsNobody();
    }

    void signInAs(SigningWorld w) {
        signIn(new SignedInUser(w.editor, w.editorEmail, "Editor", false));
    }

    @SuppressWarnings("unchecked")
    Grid<Invitation> invitationGrid() {
        return (Grid<Invitation>) _find(Grid.class).stream()
                .filter(g -> !g.getColumns().isEmpty()
                        && "Name".equals(((Grid<?>) g).getColumns().get(0).getHeaderText()))
                .findFirst()
                .orElseThrow();
    }

    List<Invitation> stored() {
        world.actAsEditor();
        try {
            return invitations.list(letterId);
        } finally {
            signInAs(world);
        }
    }

    String progressText() {
        return _get(Div.class, s -> s.withClasses("us-progress"))
                .getChildren()
                .filter(c -> c instanceof Paragraph)
                .map(c -> ((Paragraph) c).getText())
                .findFirst()
                .orElse("");
    }

    @Test
    void anEditorAddsOnePersonAndSeesThemInTheList() {
        signInAs(world);
        open("drafts/" + letterId + "/signatories");
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(SignatoriesView.class);

        _setValue(_get(TextField.class, s -> s.withLabel("Name")), "Leyla Məmmədova");
        _setValue(_get(TextField.class, s -> s.withLabel("Role")), "Sədr");
        _setValue(_get(TextField.class, s -> s.withLabel("Organisation")), "İnsan Hüquqları Evi");
        _setValue(_get(TextField.class, s -> s.withLabel("Email")), world.email("leyla"));
        _setValue(_get(TextField.class, s -> s.withLabel("Language of the emails")), "az");
        _click(_get(Button.class, s -> s.withText("Add")));

        assertThat(stored()).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("Leyla Məmmədova");
            assertThat(i.state()).isEqualTo(InvitationState.CREATED);
        });
        var grid = invitationGrid();
        Invitation row = stored().getFirst();
        assertThat(GridCells.text(grid, row, 0)).isEqualTo("Leyla Məmmədova");
        assertThat(progressText()).contains("1 not sent").contains("1 invited");
    }

    @Test
    void pastedRowsArePreviewedWithBadRowsMarkedAndNothingIsImportedUntilConfirmed() {
        signInAs(world);
        open("drafts/" + letterId + "/signatories");
        String good1 = world.email("one");
        String good2 = world.email("two");
        _setValue(
                _get(TextArea.class, s -> s.withLabel("Paste rows: email, name, role, organisation, language")),
                good1 + ", Nino ქართველი, Director, Org, ka\n"
                        + ", No Email, Role, Org, en\n"
                        + "not-an-email, Bad Email, Role, Org, en\n"
                        + good2 + ", Иван Петров, Head, Org, ru\n"
                        + good1.toUpperCase() + ", Duplicate, Role, Org, en\n");
        _click(_get(Button.class, s -> s.withText("Check the rows")));

        assertThat(stored()).isEmpty();
        var previewText =
                _find(Paragraph.class).stream().map(Paragraph::getText).toList();
        assertThat(previewText).anyMatch(t -> t.startsWith("2 row(s) can be imported, 3 cannot"));
        @SuppressWarnings("unchecked")
        Grid<BulkPreview.Row> table = (Grid<BulkPreview.Row>) _find(Grid.class).stream()
                .filter(g -> "Row".equals(((Grid<?>) g).getColumns().get(0).getHeaderText()))
                .findFirst()
                .orElseThrow();
        List<String> checks = table.getGenericDataView()
                .getItems()
                .map(r -> GridCells.component(table, r, 3, Span.class))
                .filter(b -> b.hasClassName("us-badge-error"))
                .map(Span::getText)
                .toList();
        assertThat(checks).hasSize(3);

        _click(_get(Button.class, s -> s.withText("Import the 2 good row(s)")));

        assertThat(stored()).extracting(Invitation::name).containsExactlyInAnyOrder("Nino ქართველი", "Иван Петров");
    }

    @Test
    void anUnsentInviteeCanBeRemovedAndASentOneRevoked() {
        world.actAsEditor();
        UUID gone = invitations.add(letterId, new NewInvitee("To Remove", null, null, world.email("gone"), "en"));
        invitations.add(letterId, new NewInvitee("To Revoke", null, null, world.email("rev"), "en"));
        invitations.openForSignatures(letterId);
        UUID added = invitations.add(letterId, new NewInvitee("Late Comer", null, null, world.email("late"), "en"));
        signInAs(world);
        open("drafts/" + letterId + "/signatories");

        assertThat(progressText()).contains("1 not sent").contains("3 invited");
        var grid = invitationGrid();
        Invitation late =
                stored().stream().filter(i -> i.id().equals(added)).findFirst().orElseThrow();
        _click(GridCells.component(grid, late, 6, Div.class)
                .getChildren()
                .map(c -> (Button) c)
                .filter(b -> b.getText().equals("Remove"))
                .findFirst()
                .orElseThrow());
        assertThat(stored()).extracting(Invitation::id).doesNotContain(added).contains(gone);

        Invitation revoke = stored().stream()
                .filter(i -> i.name().equals("To Revoke"))
                .findFirst()
                .orElseThrow();
        var rowButtons = GridCells.component(invitationGrid(), revoke, 6, Div.class)
                .getChildren()
                .map(c -> ((Button) c).getText())
                .toList();
        assertThat(rowButtons).contains("Remind", "Resend", "Revoke").doesNotContain("Remove");
        _click(GridCells.component(invitationGrid(), revoke, 6, Div.class)
                .getChildren()
                .map(c -> (Button) c)
                .filter(b -> b.getText().equals("Revoke"))
                .findFirst()
                .orElseThrow());
        assertThat(stored())
                .filteredOn(i -> i.name().equals("To Revoke"))
                .singleElement()
                .extracting(Invitation::state)
                .isEqualTo(InvitationState.REVOKED);
    }

    @Test
    void aMemberOfAnotherOrganisationACommenterAndNobodyAreDenied() {
        world.actAsEditor();
        invitations.add(letterId, new NewInvitee("Secret Person", null, null, world.email("secret"), "en"));
        var commenters = new SigningWorld(jdbc);
        letters.inviteOrganisation(letterId, commenters.organisation, DraftingRole.COMMENTER);
        var stranger = new SigningWorld(jdbc);

        for (SigningWorld outsider : List.of(stranger, commenters)) {
            signInAs(outsider);
            open("drafts/" + letterId + "/signatories");
            assertThat(UI.getCurrent().getCurrentView()).isNotInstanceOf(SignatoriesView.class);
            assertThat(_find(Grid.class)).isEmpty();

            outsider.actAsEditor();
            assertThatThrownBy(() -> invitations.list(letterId)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> invitations.progress(letterId)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> invitations.preview(letterId, "a@example.org, A"))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> invitations.settings(letterId)).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void nobodySignedInIsDenied() {
        Fixtures.actAsNobody();
        open("drafts/" + letterId + "/signatories");
        assertThat(UI.getCurrent().getCurrentView()).isNotInstanceOf(SignatoriesView.class);
        assertThatThrownBy(() -> invitations.list(letterId))
                .isInstanceOf(org.springframework.security.core.AuthenticationException.class);
    }
}
