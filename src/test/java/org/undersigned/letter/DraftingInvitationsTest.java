package org.undersigned.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Fixtures;
import org.undersigned.IntegrationTest;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;
import org.undersigned.letter.CoDraftingInvitation.Status;

/**
 * Inviting a single person by email to co-draft, on the real PostgreSQL: the same answer and the
 * same mail whether or not the address has an account; the link is single-use, expires, can be
 * withdrawn, works only for its own letter and its own address; a refusal writes nothing.
 */
@IntegrationTest
class DraftingInvitationsTest {

    private static final Pattern LINK = Pattern.compile("/drafting/invitation/([A-Za-z0-9_-]{43})");

    @Autowired
    LetterService letters;

    @Autowired
    LetterDiscussion discussion;

    @Autowired
    DraftingInvitations invitations;

    @Autowired
    JdbcClient jdbc;

    People people;
    UUID org;
    People.Person editor;
    UUID letterId;

    @BeforeEach
    void letter() {
        people = new People(jdbc);
        org = people.organisation("Coalition for Free Speech");
        editor = people.member(org, "Leyla Editor");
        editor.actAs();
        letterId = letters.create(new NewLetter("Open letter", "en", org, "6 April, 2024", "Baku", null));
    }

    @AfterEach
    void nobody() {
        Fixtures.actAsNobody();
    }

    private record Mail(String subject, String text, String html) {}

    private List<Mail> mailsTo(String email) {
        return jdbc.sql(
                        "SELECT subject, text_body AS text, html_body AS html FROM mail_outbox WHERE recipient = ? ORDER BY id")
                .param(email)
                .query(Mail.class)
                .list();
    }

    private String tokenFor(String email) {
        List<Mail> mails = mailsTo(email);
        assertThat(mails).isNotEmpty();
        Matcher m = LINK.matcher(mails.getLast().text());
        assertThat(m.find()).as("an invitation link in the mail").isTrue();
        return m.group(1);
    }

    private String invite(String email, DraftingRole role) {
        editor.actAs();
        letters.invitePerson(letterId, email, role);
        return tokenFor(email.toLowerCase());
    }

    /** Everything an invitation may touch, for this letter and these addresses. */
    private Map<String, Object> footprint(String... emails) {
        return Map.of(
                "accounts",
                jdbc.sql("SELECT count(*) FROM account WHERE email = ANY(?)")
                        .param(emails)
                        .query(Long.class)
                        .single(),
                "verified",
                jdbc.sql("SELECT count(*) FROM account WHERE email = ANY(?) AND email_verified_at IS NOT NULL")
                        .param(emails)
                        .query(Long.class)
                        .single(),
                "parties",
                jdbc.sql("SELECT count(*) FROM drafting_party WHERE letter_id = ?")
                        .param(letterId)
                        .query(Long.class)
                        .single(),
                "invitations",
                jdbc.sql(
                                "SELECT string_agg(id || ':' || coalesce(accepted_at::text, '-') || ':' || coalesce(revoked_at::text, '-'), ',' ORDER BY id) FROM drafting_invitation WHERE letter_id = ?")
                        .param(letterId)
                        .query(String.class)
                        .optional()
                        .orElse(""),
                "audit",
                jdbc.sql("SELECT count(*) FROM audit_event WHERE letter_id = ?")
                        .param(letterId)
                        .query(Long.class)
                        .single(),
                "mails",
                jdbc.sql("SELECT count(*) FROM mail_outbox WHERE recipient = ANY(?)")
                        .param(emails)
                        .query(Long.class)
                        .single());
    }

    @Test
    void theAnswerAndTheMailAreTheSameWhetherOrNotTheAddressHasAnAccount() {
        var known = people.person("Known Person");
        String unknown = Fixtures.uniqueEmail();
        long auditBefore = auditCount();

        editor.actAs();
        letters.invitePerson(letterId, known.email(), DraftingRole.EDITOR);
        letters.invitePerson(letterId, unknown, DraftingRole.EDITOR);

        List<Mail> toKnown = mailsTo(known.email());
        List<Mail> toUnknown = mailsTo(unknown);
        assertThat(toKnown).hasSize(1);
        assertThat(toUnknown).hasSize(1);
        assertThat(toKnown.getFirst().subject()).isEqualTo(toUnknown.getFirst().subject());
        assertThat(withoutToken(toKnown.getFirst().text()))
                .isEqualTo(withoutToken(toUnknown.getFirst().text()));
        assertThat(withoutToken(toKnown.getFirst().html()).replace(known.email(), "@"))
                .isEqualTo(withoutToken(toUnknown.getFirst().html()).replace(unknown, "@"));
        // neither mail says anything about the letter itself
        assertThat(toKnown.getFirst().text()).doesNotContain("Open letter");
        // nobody was added yet: both are pending, and both were audited the same way
        assertThat(letters.parties(letterId))
                .extracting(DraftingParty::accountId)
                .doesNotContain(known.id());
        assertThat(letters.pendingInvitations(letterId))
                .extracting(PendingCoDrafter::email)
                .containsExactlyInAnyOrder(known.email(), unknown);
        assertThat(auditCount() - auditBefore).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE letter_id = ? AND action = 'CO_DRAFTER_INVITED'"
                                + " AND details NOT LIKE '%@%'")
                        .param(letterId)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        // only the hash of the token is stored
        String token = tokenFor(unknown);
        assertThat(jdbc.sql("SELECT count(*) FROM drafting_invitation WHERE encode(token_hash, 'escape') LIKE ?")
                        .param("%" + token + "%")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private long auditCount() {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE letter_id = ?")
                .param(letterId)
                .query(Long.class)
                .single();
    }

    private static String withoutToken(String body) {
        return LINK.matcher(body).replaceAll("/drafting/invitation/TOKEN");
    }

    @Test
    void aPersonWithAnAccountAcceptsSignedInWithTheInvitedAddressAndTheLinkWorksOnce() {
        var guest = people.person("Guest Commenter");
        String token = invite(guest.email().toUpperCase(), DraftingRole.COMMENTER);

        Fixtures.actAsNobody();
        CoDraftingInvitation seen = invitations.peek(token);
        assertThat(seen.status()).isEqualTo(Status.OPEN);
        assertThat(seen.email()).isEqualTo(guest.email());
        assertThat(seen.hasAccount()).isTrue();
        assertThat(seen.role()).isEqualTo(DraftingRole.COMMENTER);
        assertThat(invitations.peek(token).status())
                .as("opening changes nothing")
                .isEqualTo(Status.OPEN);

        guest.actAs();
        assertThatThrownBy(() -> letters.get(letterId)).isInstanceOf(NotFoundException.class);
        assertThat(invitations.accept(token)).isEqualTo(letterId);

        assertThat(letters.access(letterId)).isEqualTo(LetterAccess.COMMENT);
        Block p = letters.blocks(letterId).stream()
                .filter(b -> b.kind() == BlockKind.PARAGRAPH)
                .findFirst()
                .orElseThrow();
        assertThatThrownBy(() -> letters.saveBlock(letterId, p.id(), p.version(), "x"))
                .isInstanceOf(RefusedException.class);
        discussion.comment(letterId, p.id(), "Glad to help.");
        editor.actAs();
        assertThat(letters.pendingInvitations(letterId)).isEmpty();
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM audit_event WHERE letter_id = ? AND action = 'CO_DRAFTER_INVITATION_ACCEPTED' AND actor = ?")
                        .params(letterId, "account:" + guest.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // used up: a replay is refused and changes nothing
        var before = footprint(guest.email());
        guest.actAs();
        assertThatThrownBy(() -> invitations.accept(token))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("already been accepted");
        assertThat(invitations.peek(token).status()).isEqualTo(Status.ACCEPTED);
        assertThat(footprint(guest.email())).isEqualTo(before);
    }

    @Test
    void anotherSignedInAccountIsRefusedClearlyAndNothingChanges() {
        var invited = people.person("Invited Person");
        var other = people.person("Someone Else");
        String token = invite(invited.email(), DraftingRole.EDITOR);
        var before = footprint(invited.email(), other.email());

        other.actAs();
        assertThatThrownBy(() -> invitations.accept(token))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("sent to another email address");

        assertThat(footprint(invited.email(), other.email())).isEqualTo(before);
        assertThatThrownBy(() -> letters.get(letterId)).isInstanceOf(NotFoundException.class);
        // the right person still can
        invited.actAs();
        invitations.accept(token);
        assertThat(letters.access(letterId)).isEqualTo(LetterAccess.EDIT);
    }

    @Test
    void aNewcomerCreatesAnAccountWithTheInvitedAddressAndDraftsTheLetter() {
        String email = Fixtures.uniqueEmail();
        String token = invite(email, DraftingRole.EDITOR);
        Fixtures.actAsNobody();
        assertThat(invitations.peek(token).hasAccount()).isFalse();

        // a weak password: nothing is written, the link still works
        var before = footprint(email);
        assertThatThrownBy(() -> invitations.acceptAsNewcomer(token, "Nərgiz Əliyeva", "short", "short"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("password"));
        assertThatThrownBy(() -> invitations.acceptAsNewcomer(token, "", Fixtures.PASSWORD, Fixtures.PASSWORD))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("name"));
        assertThat(footprint(email)).isEqualTo(before);
        assertThat(invitations.peek(token).status()).isEqualTo(Status.OPEN);

        UUID opened = invitations.acceptAsNewcomer(token, "Nərgiz Əliyeva", Fixtures.PASSWORD, Fixtures.PASSWORD);

        assertThat(opened).isEqualTo(letterId);
        var account = jdbc.sql(
                        "SELECT id, display_name, email_verified_at IS NOT NULL AS verified FROM account WHERE email = ?")
                .param(email)
                .query()
                .singleRow();
        assertThat(account.get("display_name")).isEqualTo("Nərgiz Əliyeva");
        assertThat(account.get("verified")).isEqualTo(true);
        UUID id = (UUID) account.get("id");
        Fixtures.actAs(id, email, false, false);
        assertThat(letters.access(letterId)).isEqualTo(LetterAccess.EDIT);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE letter_id = ? AND actor = ?")
                        .params(letterId, "account:" + id)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        Fixtures.actAsNobody();
        assertThatThrownBy(() -> invitations.acceptAsNewcomer(token, "Again", Fixtures.PASSWORD, Fixtures.PASSWORD))
                .isInstanceOf(RefusedException.class);
    }

    @Test
    void aNewcomerFormCannotTakeOverAnExistingAccount() {
        var known = people.person("Known Person");
        String token = invite(known.email(), DraftingRole.EDITOR);
        var before = footprint(known.email());
        Fixtures.actAsNobody();

        assertThatThrownBy(() -> invitations.acceptAsNewcomer(token, "Intruder", Fixtures.PASSWORD, Fixtures.PASSWORD))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("Sign in");

        assertThat(footprint(known.email())).isEqualTo(before);
        assertThat(jdbc.sql("SELECT display_name FROM account WHERE id = ?")
                        .param(known.id())
                        .query(String.class)
                        .single())
                .isEqualTo("Known Person");
    }

    @Test
    void forgedExpiredAndRevokedLinksAreRefusedAndWriteNothing() {
        var guest = people.person("Guest");
        String token = invite(guest.email(), DraftingRole.EDITOR);
        guest.actAs();
        var before = footprint(guest.email());

        for (String forged : List.of(
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                token.substring(1) + "A",
                token.substring(0, 20),
                token + "'; DROP TABLE drafting_invitation; --",
                "<script>alert(1)</script>",
                "x".repeat(1_000_000))) {
            assertThat(invitations.peek(forged).status()).isEqualTo(Status.UNKNOWN);
            assertThatThrownBy(() -> invitations.accept(forged))
                    .isInstanceOf(RefusedException.class)
                    .hasMessageContaining("does not work");
            assertThatThrownBy(() -> invitations.acceptAsNewcomer(forged, "X", Fixtures.PASSWORD, Fixtures.PASSWORD))
                    .isInstanceOf(RefusedException.class);
        }
        assertThat(footprint(guest.email())).isEqualTo(before);

        // expired
        jdbc.sql("UPDATE drafting_invitation SET expires_at = now() - interval '1 minute' WHERE letter_id = ?")
                .param(letterId)
                .update();
        assertThat(invitations.peek(token).status()).isEqualTo(Status.EXPIRED);
        assertThatThrownBy(() -> invitations.accept(token))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("expired");
        editor.actAs();
        assertThat(letters.pendingInvitations(letterId)).isEmpty();

        // a new invitation replaces the old; withdrawing it makes its link useless
        String second = invite(guest.email(), DraftingRole.EDITOR);
        assertThat(invitations.peek(token).status()).isEqualTo(Status.REVOKED);
        UUID pending = letters.pendingInvitations(letterId).getFirst().id();
        letters.revokeInvitation(letterId, pending);
        assertThat(invitations.peek(second).status()).isEqualTo(Status.REVOKED);
        assertThatThrownBy(() -> letters.revokeInvitation(letterId, pending)).isInstanceOf(RefusedException.class);
        guest.actAs();
        var afterRevoke = footprint(guest.email());
        assertThatThrownBy(() -> invitations.accept(second))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("withdrawn");
        assertThat(footprint(guest.email())).isEqualTo(afterRevoke);
        assertThatThrownBy(() -> letters.get(letterId)).isInstanceOf(NotFoundException.class);
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM audit_event WHERE letter_id = ? AND action = 'CO_DRAFTER_INVITATION_REVOKED'")
                        .param(letterId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aLinkOpensOnlyItsOwnLetterAndAnotherLettersEditorCannotWithdrawIt() {
        var guest = people.person("Guest");
        String token = invite(guest.email(), DraftingRole.EDITOR);
        UUID invitationId = letters.pendingInvitations(letterId).getFirst().id();
        UUID otherOrg = people.organisation("Other Coalition");
        var otherEditor = people.member(otherOrg, "Other Editor");
        otherEditor.actAs();
        UUID otherLetter = letters.create(new NewLetter("Other letter", "en", otherOrg, null, null, null));

        assertThatThrownBy(() -> letters.revokeInvitation(otherLetter, invitationId))
                .isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> letters.revokeInvitation(letterId, invitationId))
                .isInstanceOf(NotFoundException.class);

        guest.actAs();
        assertThat(invitations.accept(token)).isEqualTo(letterId);
        assertThatThrownBy(() -> letters.get(otherLetter)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void onlyEditorsInviteAndOnlyTheDraftingTeamSeesTheAddresses() {
        String email = Fixtures.uniqueEmail();
        invite(email, DraftingRole.EDITOR);
        var commenterOrg = people.organisation("Commenting Partners");
        var commenter = people.member(commenterOrg, "Partner Commenter");
        editor.actAs();
        letters.inviteOrganisation(letterId, commenterOrg, DraftingRole.COMMENTER);
        var outsider = people.member(people.organisation("Bystanders"), "Outsider");
        var admin = people.administrator("Admin");

        commenter.actAs();
        assertThat(letters.pendingInvitations(letterId))
                .extracting(PendingCoDrafter::email)
                .containsExactly(email);
        assertThatThrownBy(() -> letters.invitePerson(letterId, Fixtures.uniqueEmail(), DraftingRole.EDITOR))
                .isInstanceOf(RefusedException.class);
        outsider.actAs();
        assertThatThrownBy(() -> letters.pendingInvitations(letterId)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> letters.invitePerson(letterId, Fixtures.uniqueEmail(), DraftingRole.EDITOR))
                .isInstanceOf(NotFoundException.class);
        Fixtures.actAs(admin.id(), admin.email(), true, true);
        assertThat(letters.pendingInvitations(letterId))
                .singleElement()
                .satisfies(p -> assertThat(p.email()).isNull());
        assertThatThrownBy(() -> letters.invitePerson(letterId, Fixtures.uniqueEmail(), DraftingRole.EDITOR))
                .isInstanceOf(RefusedException.class);
    }

    @Test
    void hostileAddressesAndNamesAreRefusedOrKeptAsTextAndNothingIsHalfWritten() {
        editor.actAs();
        var before = footprint("x@example.org");
        long mails = jdbc.sql("SELECT count(*) FROM mail_outbox WHERE kind = 'CO_DRAFTER_INVITATION'")
                .query(Long.class)
                .single();
        for (String bad : List.of(
                "<script>alert(1)</script>@example.org",
                "moc.elpmaxe\u202E@evil.org",
                "a\u200B@example.org",
                "a\u0000@example.org",
                "a".repeat(1_000_000) + "@example.org",
                "",
                "not an address")) {
            assertThatThrownBy(() -> letters.invitePerson(letterId, bad, DraftingRole.EDITOR))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.fieldErrors()).containsKey("email"));
        }
        assertThat(footprint("x@example.org")).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM mail_outbox WHERE kind = 'CO_DRAFTER_INVITATION'")
                        .query(Long.class)
                        .single())
                .isEqualTo(mails);

        String email = Fixtures.uniqueEmail();
        String token = invite(email, DraftingRole.COMMENTER);
        Fixtures.actAsNobody();
        var beforeNames = footprint(email);
        for (String name : List.of("Evil\u202Egnp.exe", "a".repeat(1_000_000), "Zero\u200Bwidth", "Nul\u0000")) {
            assertThatThrownBy(() -> invitations.acceptAsNewcomer(token, name, Fixtures.PASSWORD, Fixtures.PASSWORD))
                    .isInstanceOf(InvalidInputException.class);
        }
        assertThat(footprint(email)).isEqualTo(beforeNames);
        String script = "<script>alert('ქართული')</script>";
        invitations.acceptAsNewcomer(token, script, Fixtures.PASSWORD, Fixtures.PASSWORD);
        editor.actAs();
        assertThat(letters.parties(letterId)).extracting(DraftingParty::name).contains(script);
    }
}
