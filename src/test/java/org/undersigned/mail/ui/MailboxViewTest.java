package org.undersigned.mail.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._findAll;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Pre;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.undersigned.TestAccounts;
import org.undersigned.ViewTest;
import org.undersigned.account.AccountService;
import org.undersigned.base.SignedInUser;
import org.undersigned.mail.OutboxEntry;

class MailboxViewTest extends ViewTest {

    @Autowired
    AccountService accountService;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Test
    void listsACapturedMailAndRendersItsLinkAsAnAnchor() {
        var accounts = new TestAccounts(accountService, jdbc);
        var owner = accounts.register(false);
        String token = accounts.tokenFromMail(owner.email(), "/account/verify/");
        // What the dispatcher does with a due row when no SMTP server is configured.
        jdbc.sql("UPDATE mail_outbox SET status = 'CAPTURED', attempts = 1, sent_at = now() WHERE recipient = ?")
                .param(owner.email())
                .update();
        UUID adminId = accounts.administrator(encoder);
        signInAsAdministrator(new SignedInUser(adminId, "admin@example.org", "Test Administrator", true), true);

        open("admin/mailbox");

        @SuppressWarnings("unchecked")
        Grid<OutboxEntry> grid = _get(Grid.class);
        var mail = _findAll(grid).stream()
                .filter(e -> e.recipient().equals(owner.email()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the captured mail is listed"));
        assertThat(mail.subject()).isEqualTo("Confirm your email address for Undersigned");
        assertThat(_find(Pre.class)).as("no mail open yet").isEmpty();

        grid.select(mail);

        String link = "http://localhost:8080/account/verify/" + token;
        var body = _get(Pre.class);
        var anchor = _get(body, Anchor.class);
        assertThat(anchor.getHref()).isEqualTo(link);
        assertThat(anchor.getText()).isEqualTo(link);
        assertThat(anchor.getElement().getAttribute("rel")).isEqualTo("noreferrer");
        assertThat(body.getElement().getTextRecursively()).isEqualTo(mail.textBody());
    }
}
