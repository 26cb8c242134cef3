package org.undersigned.letter.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
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

    @Autowired
    org.undersigned.letter.LetterService letters;

    @Autowired
    org.undersigned.signing.InvitationService invitations;

    @Test
    void aCardShowsTheStateTheSignaturesSoFarAndTheLastChange() {
        var owner = new TestAccounts(accountService, jdbc).register(true);
        signIn(accountSignIn.loadUserByUsername(owner.email()).user());
        var draft = letters.create(
                new org.undersigned.letter.NewLetter("Draft letter", "en", owner.organisationId(), null, null, null));
        var open = letters.create(
                new org.undersigned.letter.NewLetter("Open letter", "en", owner.organisationId(), null, null, null));
        var p = letters.blocks(open).stream()
                .filter(b -> b.kind() == org.undersigned.letter.BlockKind.PARAGRAPH)
                .findFirst()
                .orElseThrow();
        letters.saveBlock(open, p.id(), p.version(), "We stand with them.");
        invitations.add(open, new org.undersigned.signing.NewInvitee("Leyla", null, null, "leyla@example.org", "az"));
        invitations.add(open, new org.undersigned.signing.NewInvitee("Nino", null, null, "nino@example.org", "ka"));
        invitations.openForSignatures(open);

        open("");

        var cards = _find(com.vaadin.flow.component.html.Div.class, s -> s.withClasses("us-letter-card"));
        var openCard = cards.stream()
                .filter(c -> c.getElement().getTextRecursively().contains("Open letter"))
                .findFirst()
                .orElseThrow();
        var draftCard = cards.stream()
                .filter(c -> c.getElement().getTextRecursively().contains("Draft letter"))
                .findFirst()
                .orElseThrow();
        assertThat(openCard.getElement().getTextRecursively())
                .contains("Open for signatures")
                .contains("0 of 2 invited have signed")
                .contains("by ");
        var bar = _get(openCard, com.vaadin.flow.component.progressbar.ProgressBar.class);
        assertThat(bar.getMax()).isEqualTo(2.0);
        assertThat(bar.getValue()).isZero();
        assertThat(draftCard.getElement().getTextRecursively())
                .contains("Draft")
                .doesNotContain("invited");
        assertThat(_find(draftCard, com.vaadin.flow.component.progressbar.ProgressBar.class))
                .isEmpty();
    }
}
