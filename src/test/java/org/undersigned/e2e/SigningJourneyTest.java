package org.undersigned.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Fixtures;
import org.undersigned.letter.BlockKind;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.NewLetter;
import org.undersigned.signing.InvitationService;
import org.undersigned.signing.NewInvitee;

/**
 * A signer with JavaScript switched off (Tor Browser at its Safest level), mail through a real SMTP
 * server (GreenMail): the letter is opened for signatures, the link is read from the received
 * invitation, the signer reads, corrects their role, enters the mailed code, gets the
 * confirmation mail, and withdraws with its link. A second invitee declines.
 */
@BrowserTests
class SigningJourneyTest {

    static GreenMail smtp;
    static RunningApp app;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (var s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        app = new RunningApp(Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", Integer.toString(port)));
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void aSignerWithoutJavaScriptSignsAndWithdrawsAndAnotherDeclines() throws Exception {
        String leyla = "leyla@ihc.example.az";
        String nino = "nino@gyla.example.ge";
        openLetterFor(leyla, nino);

        BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setJavaScriptEnabled(false)
                .setViewportSize(360, 800));
        Page page = context.newPage();
        page.setDefaultTimeout(20_000);

        // 1. The link from the received invitation; the page changes nothing until "Continue".
        String invitation = awaitMail(leyla, "açıq məktubunu imzalamağa dəvət");
        assertThat(invitation).doesNotContain(nino).doesNotContain("Nino");
        page.navigate(link(invitation));
        assertThat(page.getByRole(AriaRole.HEADING)).containsText("You are invited to sign");
        shot(page, "1-landing");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue to the letter"))
                .click();
        page.waitForURL(url -> url.endsWith("/sign/review"));
        assertThat(page.getByText("Step 1 of 3")).isVisible();
        assertThat(page.locator("article.sign-letter")).containsText("Azərbaycanda insan hüquqları müdafiəçiləri");

        // 2. Correct the role, consent, ask for a code.
        page.getByLabel("Your role").fill("Sədr");
        page.getByLabel("I have read this text and I sign it.").check();
        shot(page, "2-review");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Email me a code"))
                .click();
        page.waitForURL(url -> url.endsWith("/sign/code"));
        assertThat(page.locator(".display-line.big"))
                .hasText("Leyla Məmmədova, Sədr, Azərbaycan İnsan Hüquqları Cəmiyyəti");

        // 3. The code from the mail.
        String codeMail = awaitMail(leyla, "imzalamaq üçün kodunuz");
        Matcher code = Pattern.compile("(?m)^\\u200F?(\\d{6})\\s*$").matcher(codeMail);
        assertThat(code.find()).isTrue();
        page.getByLabel("6-digit code").fill(code.group(1));
        shot(page, "3-code");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign the letter"))
                .click();
        page.waitForURL(url -> url.endsWith("/sign/done"));
        assertThat(page.getByRole(AriaRole.HEADING)).hasText("Thank you: you signed");
        shot(page, "4-done");

        // 4. The confirmation mail's link leads back; withdraw.
        String confirmation = awaitMail(leyla, "imzaladınız");
        assertThat(confirmation).contains("Leyla Məmmədova, Sədr, Azərbaycan İnsan Hüquqları Cəmiyyəti");
        Page later = context.newPage();
        later.navigate(link(confirmation));
        later.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue to the letter"))
                .click();
        later.waitForURL(url -> url.endsWith("/sign/done"));
        later.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Withdraw my signature"))
                .click();
        assertThat(later.getByRole(AriaRole.HEADING)).hasText("Your signature is withdrawn");
        var jdbc = app.bean(JdbcClient.class);
        assertThat(jdbc.sql("SELECT state FROM invitation WHERE email = ?")
                        .params(leyla)
                        .query(String.class)
                        .single())
                .isEqualTo("WITHDRAWN");

        // 5. The second invitee declines, with a reason.
        BrowserContext other = browser.newContext(
                new com.microsoft.playwright.Browser.NewContextOptions().setJavaScriptEnabled(false));
        Page p2 = other.newPage();
        p2.navigate(link(awaitMail(nino, "მოწვევა ღია წერილის")));
        p2.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue to the letter"))
                .click();
        p2.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("I will not sign this letter"))
                .click();
        p2.getByLabel("Reason").fill("ჩვენი გამგეობა ჯერ არ გადაწყვეტილა.");
        p2.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Decline the invitation"))
                .click();
        assertThat(p2.getByRole(AriaRole.HEADING)).hasText("Thank you for letting us know");
        assertThat(jdbc.sql("SELECT decline_reason FROM invitation WHERE email = ?")
                        .params(nino)
                        .query(String.class)
                        .single())
                .isEqualTo("ჩვენი გამგეობა ჯერ არ გადაწყვეტილა.");
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM signature s JOIN invitation i ON i.id = s.invitation_id WHERE i.email = ?")
                        .params(nino)
                        .query(Integer.class)
                        .single())
                .isZero();
        other.close();
        context.close();
    }

    private void openLetterFor(String... emails) {
        var jdbc = app.bean(JdbcClient.class);
        UUID org = UUID.randomUUID();
        jdbc.sql("INSERT INTO organisation (id, name, name_key, country, created_at) VALUES (?, ?, ?, 'AZ', now())")
                .params(org, "Azərbaycan İnsan Hüquqları Cəmiyyəti", "azərbaycan insan hüquqları cəmiyyəti")
                .update();
        jdbc.sql("INSERT INTO organisation_domain (organisation_id, domain) VALUES (?, 'ihc.example.az')")
                .params(org)
                .update();
        UUID editor = UUID.randomUUID();
        jdbc.sql(
                        "INSERT INTO account (id, email, display_name, email_verified_at, created_at) VALUES (?, 'editor@ihc.example.az', 'Editor', now(), now())")
                .params(editor)
                .update();
        jdbc.sql("INSERT INTO membership (organisation_id, account_id, role, created_at) VALUES (?, ?, 'OWNER', now())")
                .params(org, editor)
                .update();
        Fixtures.actAs(editor, "editor@ihc.example.az", false, false);
        try {
            var letters = app.bean(LetterService.class);
            UUID letterId = letters.create(new NewLetter("Həmrəylik məktubu", "az", org, "6 aprel 2024", "Bakı", null));
            var paragraph = letters.blocks(letterId).stream()
                    .filter(b -> b.kind() == BlockKind.PARAGRAPH)
                    .findFirst()
                    .orElseThrow();
            letters.saveBlock(
                    letterId,
                    paragraph.id(),
                    paragraph.version(),
                    "Azərbaycanda insan hüquqları müdafiəçiləri azad edilməlidir.");
            var invitations = app.bean(InvitationService.class);
            invitations.add(
                    letterId,
                    new NewInvitee(
                            "Leyla Məmmədova", "Direktor", "Azərbaycan İnsan Hüquqları Cəmiyyəti", emails[0], "az"));
            invitations.add(letterId, new NewInvitee("ნინო ბერიძე", "თავმჯდომარე", "GYLA", emails[1], "ka"));
            assertThat(invitations.openForSignatures(letterId)).isEqualTo(2);
        } finally {
            Fixtures.actAsNobody();
        }
    }

    /** Waits for the newest mail to {@code to} whose subject contains {@code subject} (mails come in the invitee's language); returns its plain text. */
    private static String awaitMail(String to, String subject) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            MimeMessage[] all = smtp.getReceivedMessagesForDomain(to);
            for (int i = all.length - 1; i >= 0; i--) {
                if (all[i].getSubject().contains(subject)
                        && Arrays.stream(all[i].getAllRecipients())
                                .anyMatch(a -> a.toString().equals(to))) {
                    return plainText(all[i]);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No mail “" + subject + "” to " + to);
    }

    private static String plainText(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart m) {
            for (int i = 0; i < m.getCount(); i++) {
                String t = plainText(m.getBodyPart(i));
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    private static String link(String mail) {
        Matcher m = Pattern.compile("(http://\\S+/sign/[A-Za-z0-9_-]{43})").matcher(mail);
        assertThat(m.find()).as("a signing link in the mail").isTrue();
        return m.group(1);
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Paths.get("target", "screenshots", "signing-" + name + ".png"))
                .setFullPage(true));
    }
}
