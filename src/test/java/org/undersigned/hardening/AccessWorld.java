package org.undersigned.hardening;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.undersigned.EveryPublicMethod;
import org.undersigned.Fixtures;
import org.undersigned.base.Text;
import org.undersigned.letter.BlockKind;
import org.undersigned.letter.BlockSave;
import org.undersigned.letter.DraftingInvitations;
import org.undersigned.letter.DraftingRole;
import org.undersigned.letter.LetterDiscussion;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.NewLetter;
import org.undersigned.signing.InvitationService;
import org.undersigned.signing.NewInvitee;
import org.undersigned.signing.SigningFlow;
import org.undersigned.signing.SigningSession;

/**
 * One letter and everyone around it, for the access-control matrix: a drafting organisation with
 * its owner and a member (an editor of the letter), a person invited to comment, a member of an
 * organisation that does not draft it, two administrators, and a signer who holds a signing
 * session for another letter. Made the way people make them (services), except accounts and
 * organisations, which go straight into the tables.
 */
final class AccessWorld {

    private static final Pattern LINK = Pattern.compile("/sign/([A-Za-z0-9_-]{43})");

    record Person(UUID id, String email) {}

    final UUID draftingOrganisation;
    final Person owner;
    final Person editor;
    final Person commenter;
    final UUID outsiderOrganisation;
    final Person outsider;
    final Person adminPending;
    final Person admin;
    final UUID letterId;
    final UUID blockId;
    final int blockVersion;
    final UUID threadId;
    final UUID suggestionId;
    final UUID invitationId;
    final UUID commenterPartyId;
    final UUID otherLetterId;
    final String signerToken;
    final SigningSession signerSession;

    AccessWorld(
            JdbcClient jdbc,
            PasswordEncoder encoder,
            LetterService letters,
            LetterDiscussion discussion,
            InvitationService invitations,
            SigningFlow flow,
            DraftingInvitations drafting,
            AccessWorld previous) {
        draftingOrganisation = organisation(jdbc, "Drafting House");
        owner = member(jdbc, encoder, draftingOrganisation, "OWNER", "Olga Owner");
        editor = member(jdbc, encoder, draftingOrganisation, "MEMBER", "Eldar Editor");
        commenter = person(jdbc, encoder, "Cora Commenter", false);
        outsiderOrganisation = organisation(jdbc, "Bystanders");
        outsider = member(jdbc, encoder, outsiderOrganisation, "OWNER", "Oscar Outsider");
        adminPending = person(jdbc, encoder, "Ada Pending", true);
        admin = person(jdbc, encoder, "Ada Admin", true);

        act(owner);
        letterId = letters.create(
                new NewLetter("Matrix letter", "en", draftingOrganisation, "6 April, 2024", "Baku", null));
        var block = letters.blocks(letterId).stream()
                .filter(b -> b.kind() == BlockKind.PARAGRAPH)
                .findFirst()
                .orElseThrow();
        blockId = block.id();
        blockVersion = ((BlockSave.Saved) letters.saveBlock(letterId, blockId, block.version(), "We stand with them."))
                .block()
                .version();
        letters.invitePerson(letterId, commenter.email(), DraftingRole.COMMENTER);
        act(commenter);
        drafting.accept(codraftToken(jdbc, commenter.email()));
        act(owner);
        commenterPartyId = jdbc.sql("SELECT id FROM drafting_party WHERE letter_id = ? AND account_id = ?")
                .params(letterId, commenter.id())
                .query(UUID.class)
                .single();
        threadId = discussion.comment(letterId, blockId, "A first remark.");
        suggestionId = discussion.suggest(letterId, blockId, "We stand with all of them.");
        invitationId = invitations.add(
                letterId, new NewInvitee("Jane Roe", "Director", "Roe Foundation", Fixtures.uniqueEmail(), "en"));

        if (previous != null) {
            otherLetterId = previous.otherLetterId;
            signerToken = previous.signerToken;
            signerSession = previous.signerSession;
        } else {
            // Another letter, open for signatures, whose invitee holds a signing session.
            UUID otherOrganisation = organisation(jdbc, "Elsewhere");
            Person otherOwner = member(jdbc, encoder, otherOrganisation, "OWNER", "Otto Other");
            act(otherOwner);
            otherLetterId = letters.create(
                    new NewLetter("Another letter", "en", otherOrganisation, "7 April, 2024", "Tbilisi", null));
            var otherBlock = letters.blocks(otherLetterId).stream()
                    .filter(b -> b.kind() == BlockKind.PARAGRAPH)
                    .findFirst()
                    .orElseThrow();
            letters.saveBlock(otherLetterId, otherBlock.id(), otherBlock.version(), "Another text.");
            String signerEmail = Fixtures.uniqueEmail();
            invitations.add(otherLetterId, new NewInvitee("Sam Signer", "Chair", "Signers", signerEmail, "en"));
            invitations.openForSignatures(otherLetterId);
            String body = jdbc.sql(
                            "SELECT text_body FROM mail_outbox WHERE recipient = ? AND kind = 'SIGNING_INVITATION' ORDER BY id DESC LIMIT 1")
                    .param(signerEmail)
                    .query(String.class)
                    .single();
            Matcher m = LINK.matcher(body);
            if (!m.find()) {
                throw new AssertionError("no signing link in the invitation mail");
            }
            signerToken = m.group(1);
            EveryPublicMethod.actAsAnonymous();
            signerSession = flow.begin(signerToken, "10.9.8.7");
        }
        Fixtures.actAsNobody();
    }

    private static final Pattern CODRAFT_LINK = Pattern.compile("/drafting/invitation/([A-Za-z0-9_-]{43})");

    /** The token of the latest invitation to co-draft mailed to the address. */
    static String codraftToken(JdbcClient jdbc, String email) {
        String body = jdbc.sql(
                        "SELECT text_body FROM mail_outbox WHERE recipient = ? AND kind = 'CO_DRAFTER_INVITATION' ORDER BY id DESC LIMIT 1")
                .param(email)
                .query(String.class)
                .single();
        Matcher m = CODRAFT_LINK.matcher(body);
        if (!m.find()) {
            throw new AssertionError("no link in the invitation to co-draft");
        }
        return m.group(1);
    }

    Person person(Who who) {
        return switch (who) {
            case OUTSIDER -> outsider;
            case COMMENTER -> commenter;
            case EDITOR -> editor;
            case OWNER -> owner;
            case ADMIN_PENDING -> adminPending;
            case ADMIN -> admin;
            default -> throw new IllegalArgumentException(who + " has no account");
        };
    }

    /** Puts the caller into the security context (anonymous and the signer as Spring Security sees them). */
    void actAs(Who who) {
        switch (who) {
            case ANONYMOUS, SIGNER -> EveryPublicMethod.actAsAnonymous();
            case ADMIN_PENDING -> Fixtures.actAs(adminPending.id(), adminPending.email(), true, false);
            case ADMIN -> Fixtures.actAs(admin.id(), admin.email(), true, true);
            default -> act(person(who));
        }
    }

    private static void act(Person p) {
        Fixtures.actAs(p.id(), p.email(), false, false);
    }

    private static UUID organisation(JdbcClient jdbc, String name) {
        UUID id = UUID.randomUUID();
        String unique = Fixtures.unique(name);
        jdbc.sql("INSERT INTO organisation (id, name, name_key, country, created_at) VALUES (?, ?, ?, 'AZ', now())")
                .params(id, unique, Text.key(unique))
                .update();
        return id;
    }

    private static String passwordHash;

    private static Person person(JdbcClient jdbc, PasswordEncoder encoder, String name, boolean admin) {
        if (passwordHash == null) {
            passwordHash = encoder.encode(Fixtures.PASSWORD);
        }
        UUID id = UUID.randomUUID();
        String email = Fixtures.uniqueEmail();
        jdbc.sql("""
                        INSERT INTO account (id, email, display_name, password_hash, is_admin, email_verified_at, created_at)
                        VALUES (?, ?, ?, ?, ?, now(), now())""").params(id, email, name, passwordHash, admin).update();
        return new Person(id, email);
    }

    private static Person member(
            JdbcClient jdbc, PasswordEncoder encoder, UUID organisation, String role, String name) {
        Person p = person(jdbc, encoder, name, false);
        jdbc.sql("INSERT INTO membership (organisation_id, account_id, role, created_at) VALUES (?, ?, ?, now())")
                .params(organisation, p.id(), role)
                .update();
        return p;
    }
}
