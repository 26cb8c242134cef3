package org.undersigned.letter.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Fixtures;
import org.undersigned.TestAccounts;
import org.undersigned.ViewTest;
import org.undersigned.account.AccountService;
import org.undersigned.account.AccountSignIn;
import org.undersigned.letter.BlockKind;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.NewLetter;
import org.undersigned.signing.InvitationService;
import org.undersigned.signing.NewInvitee;
import org.undersigned.signing.SignatureListService;

/**
 * Browserless: inviting a person by email from the co-drafters dialog (one answer for every
 * address, pending invitations listed and withdrawn), the invitation page for a newcomer and for
 * a signed-in person, and an open editor following the letter's state.
 */
class CoDraftingViewsTest extends ViewTest {

    @Autowired
    AccountService accountService;

    @Autowired
    AccountSignIn accountSignIn;

    @Autowired
    LetterService letters;

    @Autowired
    InvitationService signatories;

    @Autowired
    SignatureListService lists;

    @Autowired
    JdbcClient jdbc;

    TestAccounts.Registered owner;
    UUID letterId;

    void letter() {
        owner = new TestAccounts(accountService, jdbc).register(true);
        signInAs(owner.email());
        letterId = letters.create(new NewLetter("Solidarity letter", "en", owner.organisationId(), null, null, null));
    }

    void signInAs(String email) {
        signIn(accountSignIn.loadUserByUsername(email).user());
    }

    String tokenFor(String email) {
        return new TestAccounts(accountService, jdbc).tokenFromMail(email, "/drafting/invitation/");
    }

    void invite(String email) {
        _setValue(_get(EmailField.class, s -> s.withLabel("Email")), email);
        _click(_get(Button.class, s -> s.withText("Invite person")));
    }

    @Test
    void invitingByEmailAnswersTheSameForEveryAddressAndListsThePendingOnes() {
        letter();
        var known = new TestAccounts(accountService, jdbc).register(true);
        String unknown = Fixtures.uniqueEmail();
        open("drafts/" + letterId);
        _click(_get(Button.class, s -> s.withText("Co-drafters")));

        invite(known.email());
        String first =
                _get(Paragraph.class, s -> s.withClasses("us-invite-sent")).getText();
        invite(unknown);
        String second =
                _get(Paragraph.class, s -> s.withClasses("us-invite-sent")).getText();

        assertThat(first).isEqualTo(CoDraftersDialog.SENT).isEqualTo(second);
        assertThat(_find(Span.class, s -> s.withText(known.email()))).hasSize(1);
        assertThat(_find(Span.class, s -> s.withText(unknown))).hasSize(1);

        // a hostile address gets a message next to the field and nothing is sent
        invite("<script>alert(1)</script>@example.org");
        assertThat(_get(EmailField.class, s -> s.withLabel("Email")).isInvalid())
                .isTrue();

        _click(_find(Button.class).stream()
                .filter(b -> ("Withdraw the invitation to " + unknown)
                        .equals(b.getElement().getAttribute("aria-label")))
                .findFirst()
                .orElseThrow());
        assertThat(_find(Span.class, s -> s.withText(unknown))).isEmpty();
        assertThat(letters.pendingInvitations(letterId)).hasSize(1);
    }

    @Test
    void aNewcomerCreatesAnAccountWithTheInvitedAddressAndTheTokenLeavesTheAddress() {
        letter();
        String email = Fixtures.uniqueEmail();
        letters.invitePerson(letterId, email, org.undersigned.letter.DraftingRole.EDITOR);
        String token = tokenFor(email);
        Fixtures.actAsNobody();
        org.springframework.security.core.context.SecurityContextHolder.clearContext();

        open("drafting/invitation/" + token);

        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath())
                .isEqualTo("drafting/invitation");
        var address = _get(TextField.class, s -> s.withLabel("Email"));
        assertThat(address.getValue()).isEqualTo(email);
        assertThat(address.isReadOnly()).isTrue();
        _setValue(_get(TextField.class, s -> s.withLabel("Your name")), "Gülnar Həsənova");
        _setValue(_get(PasswordField.class, s -> s.withLabel("Choose a password")), "short");
        _setValue(_get(PasswordField.class, s -> s.withLabel("Password, again")), "short");
        _click(_get(Button.class, s -> s.withText("Create my account and accept")));
        assertThat(_get(PasswordField.class, s -> s.withLabel("Choose a password"))
                        .isInvalid())
                .isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM account WHERE email = ?")
                        .param(email)
                        .query(Long.class)
                        .single())
                .isZero();

        _setValue(_get(PasswordField.class, s -> s.withLabel("Choose a password")), Fixtures.PASSWORD);
        _setValue(_get(PasswordField.class, s -> s.withLabel("Password, again")), Fixtures.PASSWORD);
        _click(_get(Button.class, s -> s.withText("Create my account and accept")));

        assertThat(_get(Anchor.class, s -> s.withText("Sign in and open the letter"))
                        .getHref())
                .isEqualTo("drafts/" + letterId);
        // the link is used up
        open("drafting/invitation/" + token);
        assertThat(_get(
                                Paragraph.class,
                                s -> s.withText(
                                        "This invitation has already been accepted. Sign in to open the letter."))
                        .isVisible())
                .isTrue();
    }

    @Test
    void aSignedInPersonAcceptsAndOpensTheLetterAndAnotherAccountIsToldWhy() {
        letter();
        var guest = new TestAccounts(accountService, jdbc).register(true);
        var other = new TestAccounts(accountService, jdbc).register(true);
        letters.invitePerson(letterId, guest.email(), org.undersigned.letter.DraftingRole.COMMENTER);
        String token = tokenFor(guest.email());

        signInAs(other.email());
        open("drafting/invitation/" + token);
        _click(_get(Button.class, s -> s.withText("Accept and open the letter")));
        assertThat(_find(Paragraph.class)).anyMatch(p -> p.getText().contains("sent to another email address"));

        signInAs(guest.email());
        open("drafting/invitation/" + token);
        _click(_get(Button.class, s -> s.withText("Accept and open the letter")));
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(LetterEditorView.class);
    }

    @Test
    void anOpenEditorFollowsTheStateAndTurnsReadOnlyWhenTheListIsLocked() throws Exception {
        letter();
        var paragraph = letters.blocks(letterId).stream()
                .filter(b -> b.kind() == BlockKind.PARAGRAPH)
                .findFirst()
                .orElseThrow();
        letters.saveBlock(letterId, paragraph.id(), paragraph.version(), "We stand with them.");
        signatories.add(
                letterId, new NewInvitee("Jane Roe", "Director", "Roe Foundation", Fixtures.uniqueEmail(), "en"));
        open("drafts/" + letterId);
        assertThat(badge()).isEqualTo("Draft");

        signatories.openForSignatures(letterId);
        await(() -> badge().equals("Open for signatures"));
        assertThat(_get(Anchor.class, s -> s.withText("Lock the list")).isVisible())
                .isTrue();
        assertThat(_get(Div.class, s -> s.withClasses("us-reconsent-warning")).isVisible())
                .isTrue();

        // someone is typing when the list is locked elsewhere
        Blocks.clickText(Blocks.all().stream()
                .filter(v -> Blocks.text(v).equals("We stand with them."))
                .findFirst()
                .orElseThrow());
        // typed but not yet sent by the browser's autosave (a server-side value, so nothing is saved)
        _get(TextArea.class, s -> s.withClasses("us-block-editor")).setValue("We stand with them, always.");
        lists.lock(letterId);
        await(() -> badge().equals("List locked"));
        MockVaadin.clientRoundtrip(false); // the dialog attaches before the response

        assertThat(_find(TextArea.class, s -> s.withClasses("us-block-editor"))).isEmpty();
        assertThat(_find(Button.class, s -> s.withText("Add at the end"))).isEmpty();
        assertThat(_get(Anchor.class, s -> s.withText("Request publication")).isVisible())
                .isTrue();
        assertThat(_find(TextArea.class).stream()
                        .filter(t -> t.getAriaLabel().orElse("").equals("Text not saved"))
                        .toList())
                .singleElement()
                .satisfies(t -> assertThat(t.getValue()).isEqualTo("We stand with them, always."));
    }

    private String badge() {
        return _get(Span.class, s -> s.withClasses("us-badge")).getText();
    }

    /** Lets pushed updates (queued by UI.access from the event thread) run until the condition holds. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < until) {
            MockVaadin.clientRoundtrip(false);
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("the open editor caught up").isTrue();
    }
}
