package org.undersigned.signing;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.MockVaadin.clientRoundtrip;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.clearNotifications;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static com.github.mvysny.kaributesting.v10.UploadKt._upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import java.nio.charset.StandardCharsets;
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
import org.undersigned.base.SignedInUser;
import org.undersigned.letter.LetterService;

/** The signatories view in Karibu: CSV upload preview, row actions (edit, resend, remind) and the delivery column. */
class SignatoriesRowActionsViewTest extends ViewTest {

    private static final int DELIVERY = 4;
    private static final int ACTIONS = 6;

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
    }

    @AfterEach
    void nobody() {
        Fixtures.actAsNobody();
    }

    void openView() {
        signIn(new SignedInUser(world.editor, world.editorEmail, "Editor", false));
        open("drafts/" + letterId + "/signatories");
    }

    @SuppressWarnings("unchecked")
    Grid<Invitation> grid() {
        return (Grid<Invitation>) _find(Grid.class).stream()
                .filter(g -> !g.getColumns().isEmpty()
                        && "Name".equals(((Grid<?>) g).getColumns().get(0).getHeaderText()))
                .findFirst()
                .orElseThrow();
    }

    Invitation stored(UUID id) {
        world.actAsEditor();
        try {
            return invitations.list(letterId).stream()
                    .filter(i -> i.id().equals(id))
                    .findFirst()
                    .orElseThrow();
        } finally {
            signIn(new SignedInUser(world.editor, world.editorEmail, "Editor", false));
        }
    }

    List<Button> rowButtons(UUID id) {
        return GridCells.component(grid(), stored(id), ACTIONS, Div.class)
                .getChildren()
                .map(c -> (Button) c)
                .toList();
    }

    void clickRow(UUID id, String label) {
        _click(rowButtons(id).stream()
                .filter(b -> b.getText().equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + label + " button")));
    }

    TextField field(String label) {
        return _get(_get(Dialog.class), TextField.class, s -> s.withLabel(label));
    }

    @Test
    void anUnsentInviteeIsEditedInADialog() {
        world.actAsEditor();
        UUID id = invitations.add(letterId, new NewInvitee("Leyla Mamedova", null, null, world.email("leyla"), "en"));
        String newEmail = world.email("leyla.new");
        openView();

        clickRow(id, "Edit");
        assertThat(field("Name").getValue()).isEqualTo("Leyla Mamedova");
        assertThat(field("Language of the emails").getValue()).isEqualTo("en");
        _setValue(field("Name"), "Leyla Məmmədova");
        _setValue(field("Role"), "Sədr");
        _setValue(field("Organisation"), "İnsan Hüquqları Evi");
        _setValue(field("Email"), newEmail.toUpperCase());
        _setValue(field("Language of the emails"), "az");
        _click(_get(_get(Dialog.class), Button.class, s -> s.withText("Save")));

        assertThat(_find(Dialog.class)).isEmpty();
        Invitation i = stored(id);
        assertThat(i.name()).isEqualTo("Leyla Məmmədova");
        assertThat(i.roleLine()).isEqualTo("Sədr");
        assertThat(i.organisation()).isEqualTo("İnsan Hüquqları Evi");
        assertThat(i.email()).isEqualTo(newEmail);
        assertThat(i.language()).isEqualTo("az");
        assertThat(GridCells.text(grid(), i, 0)).isEqualTo("Leyla Məmmədova");
    }

    @Test
    void badValuesAreMarkedOnTheirFieldsAndChangeNothing() {
        world.actAsEditor();
        String email = world.email("nino");
        UUID id = invitations.add(letterId, new NewInvitee("Nino Beridze", null, null, email, "ka"));
        openView();

        clickRow(id, "Edit");
        _setValue(field("Name"), "Nino\u202Eezdireb");
        _setValue(field("Email"), "not-an-email");
        _setValue(field("Language of the emails"), "Georgian!");
        _click(_get(_get(Dialog.class), Button.class, s -> s.withText("Save")));

        assertThat(field("Name").isInvalid()).isTrue();
        assertThat(field("Email").isInvalid()).isTrue();
        assertThat(field("Language of the emails").isInvalid()).isTrue();
        assertThat(field("Language of the emails").getErrorMessage()).contains("short code");
        Invitation i = stored(id);
        assertThat(i.name()).isEqualTo("Nino Beridze");
        assertThat(i.email()).isEqualTo(email);
        assertThat(i.language()).isEqualTo("ka");
    }

    @Test
    void aSentInvitationHasNoEditButtonAndAnEditRacingTheSendingIsRefused() {
        world.actAsEditor();
        UUID sent = invitations.add(letterId, new NewInvitee("Already Sent", null, null, world.email("sent"), "en"));
        invitations.openForSignatures(letterId);
        UUID late = invitations.add(letterId, new NewInvitee("Late Comer", null, null, world.email("late"), "en"));
        openView();
        assertThat(rowButtons(sent)).extracting(Button::getText).doesNotContain("Edit", "Remove");
        assertThat(rowButtons(late)).extracting(Button::getText).contains("Edit", "Remove");

        clickRow(late, "Edit");
        // Meanwhile another organiser sends the invitation.
        world.actAsEditor();
        assertThat(invitations.sendPending(letterId)).isOne();
        signIn(new SignedInUser(world.editor, world.editorEmail, "Editor", false));
        clearNotifications();
        _setValue(field("Name"), "Changed Too Late");
        _click(_get(_get(Dialog.class), Button.class, s -> s.withText("Save")));

        expectNotifications("The invitation was sent: it can no longer be changed. Revoke it and invite again.");
        assertThat(_find(Dialog.class)).isEmpty();
        assertThat(stored(late).name()).isEqualTo("Late Comer");
        assertThat(rowButtons(late)).extracting(Button::getText).doesNotContain("Edit");
    }

    @Test
    void resendAndRemindQueueAMailFromTheRow() {
        world.actAsEditor();
        String email = world.email("ivan");
        UUID id = invitations.add(letterId, new NewInvitee("Иван Петров", null, null, email, "ru"));
        invitations.openForSignatures(letterId);
        openView();
        assertThat(world.mails(email, SigningMails.INVITATION)).isEqualTo(1);

        clickRow(id, "Resend");
        assertThat(world.mails(email, SigningMails.INVITATION)).isEqualTo(2);
        assertThat(world.lastMail(email, SigningMails.INVITATION)).contains("Здравствуйте, Иван Петров!");

        clickRow(id, "Remind");
        assertThat(world.mails(email, SigningMails.REMINDER)).isEqualTo(1);
        assertThat(world.lastMail(email, SigningMails.REMINDER)).contains("Напоминаем:");
        assertThat(stored(id).remindersSent()).isEqualTo(1);
    }

    @Test
    void anUploadedCsvIsPreviewedWithBadRowsMarkedAndNothingIsImportedUntilConfirmed() {
        String good1 = world.email("salma");
        String good2 = world.email("nino");
        String csv = "\uFEFFname,email,organisation,role,language\r\n"
                + "سلمى الحسيني," + good1 + ",\"Centre for Rights, Beirut\",Director,ar\r\n"
                + "No Email,,Org,Role,en\r\n"
                + "ნინო ბერიძე," + good2 + ",GYLA,Chair,ka\r\n"
                + "Again," + good2.toUpperCase() + ",Org,Role,en\r\n"
                + "Evil\u202Ename,evil@example.org,Org,Role,en\r\n";
        openView();

        _upload(_get(Upload.class), "signatories.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        clientRoundtrip(false);

        world.actAsEditor();
        assertThat(invitations.list(letterId)).isEmpty();
        signIn(new SignedInUser(world.editor, world.editorEmail, "Editor", false));
        assertThat(_find(Paragraph.class).stream().map(Paragraph::getText))
                .anyMatch(t -> t.startsWith("2 row(s) can be imported, 3 cannot"));
        @SuppressWarnings("unchecked")
        Grid<BulkPreview.Row> table = (Grid<BulkPreview.Row>) _find(Grid.class).stream()
                .filter(g -> "Row".equals(((Grid<?>) g).getColumns().get(0).getHeaderText()))
                .findFirst()
                .orElseThrow();
        List<String> bad = table.getGenericDataView()
                .getItems()
                .map(r -> GridCells.component(table, r, 3, Span.class))
                .filter(b -> b.hasClassName("us-badge-error"))
                .map(Span::getText)
                .toList();
        assertThat(bad).hasSize(3);

        _click(_get(Button.class, s -> s.withText("Import the 2 good row(s)")));

        world.actAsEditor();
        assertThat(invitations.list(letterId))
                .extracting(Invitation::name, Invitation::organisation, Invitation::language)
                .containsExactlyInAnyOrder(
                        tuple("سلمى الحسيني", "Centre for Rights, Beirut", "ar"), tuple("ნინო ბერიძე", "GYLA", "ka"));
        assertThat(world.mails(good1, SigningMails.INVITATION))
                .as("nothing is sent on import")
                .isZero();
    }

    @Test
    void aFailedDeliveryIsShownInTheRow() {
        world.actAsEditor();
        String bad = world.email("bounce");
        String good = world.email("fine");
        UUID failed = invitations.add(letterId, new NewInvitee("Bounced Person", null, null, bad, "en"));
        UUID queued = invitations.add(letterId, new NewInvitee("Fine Person", null, null, good, "en"));
        invitations.openForSignatures(letterId);
        jdbc.sql("UPDATE mail_outbox SET status = 'FAILED', last_error = '550 no such user' WHERE recipient = ?")
                .param(bad)
                .update();
        jdbc.sql("UPDATE mail_outbox SET status = 'PENDING' WHERE recipient = ?")
                .param(good)
                .update();
        openView();

        assertThat(GridCells.text(grid(), stored(failed), DELIVERY)).isEqualTo("Failed");
        assertThat(GridCells.text(grid(), stored(queued), DELIVERY)).isEqualTo("Queued");
        assertThat(grid().getColumns().get(DELIVERY).getHeaderText()).isEqualTo("Delivery");
    }
}
