package org.undersigned.signing;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.getCurrentView;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Fixtures;
import org.undersigned.ViewTest;
import org.undersigned.base.SignedInUser;
import org.undersigned.letter.LetterService;
import org.undersigned.signing.ui.SignatoriesView;

/** The organisers' list controls: order, move up and down, the deadline field, and locking with a confirmation. */
class SignatoriesViewTest extends ViewTest {

    @Autowired
    InvitationService invitations;

    @Autowired
    SignatureListService lists;

    @Autowired
    SigningFlow flow;

    @Autowired
    LetterService letters;

    @Autowired
    JdbcClient jdbc;

    @Test
    @SuppressWarnings("unchecked")
    void theTeamOrdersAndLocksTheListAndSeesItsHash() {
        var world = new SigningWorld(jdbc);
        UUID letterId = world.letter(letters, "We stand with the defenders of human rights.");
        String aEmail = world.email("a");
        UUID a = invitations.add(letterId, new NewInvitee("Leyla Məmmədova", null, null, aEmail, "az"));
        String bEmail = world.email("b");
        UUID b = invitations.add(letterId, new NewInvitee("ნინო ბერიძე", null, null, bEmail, "ka"));
        String cEmail = world.email("c");
        invitations.add(letterId, new NewInvitee("Silent Invitee", null, null, cEmail, "en"));
        invitations.openForSignatures(letterId);
        Fixtures.actAsNobody();
        for (var who : new Object[][] {{a, aEmail, "Leyla Məmmədova"}, {b, bEmail, "ნინო ბერიძე"}}) {
            UUID id = (UUID) who[0];
            String email = (String) who[1];
            SigningSession s = flow.begin(world.token(email, SigningMails.INVITATION), "192.0.2.77");
            flow.requestCode(s, id, (String) who[2], null, null, true, true, "192.0.2.77");
            flow.sign(s, id, world.code(email), "192.0.2.77");
        }
        signIn(new SignedInUser(world.editor, world.editorEmail, "Editor", false));

        open("drafts/" + letterId + "/signatories");
        assertThat(getCurrentView()).isEqualTo(SignatoriesView.class);
        _get(DateTimePicker.class, s -> s.withLabel("Lock the list automatically at (UTC)"));
        RadioButtonGroup<ListOrder> order = _get(RadioButtonGroup.class, s -> s.withLabel("Order of the list"));
        assertThat(order.getValue()).isEqualTo(ListOrder.SIGNING_TIME);
        Grid<LockedList.Line> list = _get(Grid.class, s -> s.withClasses("us-list"));
        assertThat(GridKt._size(list)).isEqualTo(2);
        assertThat(GridKt._get(list, 0).displayName()).isEqualTo("Leyla Məmmədova");

        // Move the first line down: the order becomes "by hand".
        Div move = (Div) GridKt._getCellComponent(list, 0, "move");
        _click(_get(move, Button.class, s -> s.withAttribute("aria-label", "Move Leyla Məmmədova down")));
        list = _get(Grid.class, s -> s.withClasses("us-list"));
        assertThat(GridKt._get(list, 0).displayName()).isEqualTo("ნინო ბერიძე");
        order = _get(RadioButtonGroup.class, s -> s.withLabel("Order of the list"));
        assertThat(order.getValue()).isEqualTo(ListOrder.BY_HAND);

        // Lock, after a confirmation that gives the counts.
        _click(_get(Button.class, s -> s.withText("Lock the list…")));
        ConfirmDialog dialog = _get(ConfirmDialog.class);
        assertThat(ConfirmDialogKt.getText(dialog))
                .contains("2 signature(s) on the current text will be on the list")
                .contains("1 invitation(s) not answered yet will be closed");
        ConfirmDialogKt._fireConfirm(dialog);

        LockedList locked = lists.locked(letterId).orElseThrow();
        assertThat(locked.order()).isEqualTo("BY_HAND");
        assertThat(locked.signatures().getFirst().displayName()).isEqualTo("ნინო ბერიძე");
        assertThat(_get(Span.class, s -> s.withClasses("us-hash")).getText()).isEqualTo(locked.listSha256());
        assertThat(_find(Button.class, s -> s.withText("Lock the list…"))).isEmpty();
        assertThat(_find(DateTimePicker.class)).isEmpty();
        assertThat(world.state(a)).isEqualTo("SIGNED");
    }
}
