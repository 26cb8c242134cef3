package org.undersigned.publication;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Fixtures;
import org.undersigned.base.Text;
import org.undersigned.letter.BlockKind;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.NewLetter;
import org.undersigned.signing.InvitationService;
import org.undersigned.signing.LockedList;
import org.undersigned.signing.NewInvitee;
import org.undersigned.signing.SignatureListService;
import org.undersigned.signing.SigningFlow;
import org.undersigned.signing.SigningSession;

/**
 * A letter on its way to publication, made the way people make it: an organisation and its
 * editor draft it, invite signers, each signer signs with the mailed link and code, and the editor
 * locks the list through the signing feature's service. Works on any application context (a test
 * context or a {@code RunningApp}).
 */
public final class PublicationWorld {

    /** Looks beans up in whichever application runs. */
    public interface Beans {
        <T> T get(Class<T> type);
    }

    private static final Pattern LINK = Pattern.compile("/sign/([A-Za-z0-9_-]{43})");
    private static final Pattern CODE = Pattern.compile("(?m)^\\u200F?(\\d{6})\\s*$");

    private final Beans beans;
    public final JdbcClient jdbc;
    public final UUID organisation;
    public final String organisationName;
    public final String domain;
    public final UUID editor;
    public final String editorEmail;
    public UUID letterId;
    private final List<NewInvitee> invitees = new ArrayList<>();
    private int client = 1;

    public PublicationWorld(Beans beans, String organisationName) {
        this.beans = beans;
        this.jdbc = beans.get(JdbcClient.class);
        this.organisationName = organisationName;
        domain = Fixtures.unique("org").toLowerCase() + ".example.org";
        organisation = UUID.randomUUID();
        jdbc.sql("INSERT INTO organisation (id, name, name_key, country, created_at) VALUES (?, ?, ?, 'AZ', now())")
                .params(organisation, organisationName, Text.key(organisationName))
                .update();
        jdbc.sql("INSERT INTO organisation_domain (organisation_id, domain) VALUES (?, ?)")
                .params(organisation, domain)
                .update();
        editorEmail = "editor-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
        editor = account("Editor of the letter", editorEmail, false);
        join(organisation, editor);
    }

    /** An account with a confirmed address (an administrator with {@code admin}). */
    public UUID account(String name, String email, boolean admin) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO account (id, email, display_name, is_admin, email_verified_at, created_at)
                        VALUES (?, ?, ?, ?, now(), now())""").params(id, email, name, admin).update();
        return id;
    }

    public UUID administrator() {
        return account("Administrator", Fixtures.uniqueEmail(), true);
    }

    public void join(UUID organisationId, UUID accountId) {
        jdbc.sql(
                        "INSERT INTO membership (organisation_id, account_id, role, created_at) VALUES (?, ?, 'MEMBER', now())")
                .params(organisationId, accountId)
                .update();
    }

    /** A second organisation, e.g. one the requester also belongs to. */
    public UUID otherOrganisation(String name) {
        UUID id = UUID.randomUUID();
        String unique = Fixtures.unique(name);
        jdbc.sql("INSERT INTO organisation (id, name, name_key, country, created_at) VALUES (?, ?, ?, 'GE', now())")
                .params(id, unique, Text.key(unique))
                .update();
        return id;
    }

    public void actAsEditor() {
        Fixtures.actAs(editor, editorEmail, false, false);
    }

    /** Acts as an administrator whose second factor is confirmed ({@code confirmed}) or not. */
    public void actAsAdministrator(UUID accountId, boolean confirmed) {
        Fixtures.actAs(accountId, "admin@example.org", true, confirmed);
    }

    /** A draft letter with that title, language and paragraph. */
    public UUID letter(String title, String language, String paragraph) {
        actAsEditor();
        var letters = beans.get(LetterService.class);
        letterId = letters.create(new NewLetter(title, language, organisation, "6 April, 2024", "Baku", null));
        var block = letters.blocks(letterId).stream()
                .filter(b -> b.kind() == BlockKind.PARAGRAPH)
                .findFirst()
                .orElseThrow();
        letters.saveBlock(letterId, block.id(), block.version(), paragraph);
        var salutation = letters.blocks(letterId).stream()
                .filter(b -> b.kind() == BlockKind.SALUTATION)
                .findFirst()
                .orElseThrow();
        letters.saveBlock(letterId, salutation.id(), salutation.version(), "Dear Friends and Colleagues,");
        Fixtures.actAsNobody();
        return letterId;
    }

    /** Invites a signer at the organisation's domain; returns the address. */
    public String invite(String name, String role, String organisationLine, String language) {
        actAsEditor();
        String email = "signer-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
        var invitee = new NewInvitee(name, role, organisationLine, email, language);
        beans.get(InvitationService.class).add(letterId, invitee);
        invitees.add(invitee);
        Fixtures.actAsNobody();
        return email;
    }

    /** Opens the letter for signatures and has every invitee sign with the mailed link and code. */
    public void openAndSignAll() {
        actAsEditor();
        beans.get(InvitationService.class).openForSignatures(letterId);
        Fixtures.actAsNobody();
        var flow = beans.get(SigningFlow.class);
        for (NewInvitee i : invitees) {
            String ip = "10.9." + (client / 250) + "." + (client++ % 250);
            SigningSession session = flow.begin(find(LINK, i.email(), "SIGNING_INVITATION"), ip);
            flow.requestCode(
                    session, session.invitationId(), i.name(), i.roleLine(), i.organisation(), false, true, ip);
            var result = flow.sign(session, session.invitationId(), find(CODE, i.email(), "SIGNING_CODE"), ip);
            if (result.outcome() != SigningFlow.Outcome.SIGNED) {
                throw new AssertionError("could not sign: " + result);
            }
        }
    }

    /** The editor locks the list. */
    public LockedList lock() {
        actAsEditor();
        try {
            return beans.get(SignatureListService.class).lock(letterId);
        } finally {
            Fixtures.actAsNobody();
        }
    }

    public String state() {
        return jdbc.sql("SELECT state FROM letter WHERE id = ?")
                .params(letterId)
                .query(String.class)
                .single();
    }

    public int publications() {
        return jdbc.sql("SELECT count(*) FROM publication WHERE letter_id = ?")
                .params(letterId)
                .query(Integer.class)
                .single();
    }

    public int audits(String action) {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE letter_id = ? AND action = ?")
                .params(letterId, action)
                .query(Integer.class)
                .single();
    }

    public int mails(String to, String kind) {
        return jdbc.sql("SELECT count(*) FROM mail_outbox WHERE recipient = ? AND kind = ?")
                .params(to, kind)
                .query(Integer.class)
                .single();
    }

    public String lastMail(String to, String kind) {
        return jdbc.sql("SELECT text_body FROM mail_outbox WHERE recipient = ? AND kind = ? ORDER BY id DESC LIMIT 1")
                .params(to, kind)
                .query(String.class)
                .single();
    }

    private String find(Pattern pattern, String to, String kind) {
        Matcher m = pattern.matcher(lastMail(to, kind));
        if (!m.find()) {
            throw new AssertionError("nothing found in the " + kind + " mail");
        }
        return m.group(1);
    }

    public List<NewInvitee> invitees() {
        return List.copyOf(invitees);
    }
}
