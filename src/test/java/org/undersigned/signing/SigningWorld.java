package org.undersigned.signing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Fixtures;
import org.undersigned.letter.BlockKind;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.NewLetter;

/** A drafting organisation, an editor and a letter with text, made for one signing test. */
final class SigningWorld {

    static final Pattern LINK = Pattern.compile("/sign/([A-Za-z0-9_-]{43})");
    static final Pattern CODE = Pattern.compile("(?m)^\\u200F?(\\d{6})\\s*$");

    final JdbcClient jdbc;
    final UUID organisation;
    final String organisationName;
    final String domain;
    final UUID editor;
    final String editorEmail;
    UUID letterId;

    SigningWorld(JdbcClient jdbc) {
        this.jdbc = jdbc;
        organisationName = Fixtures.unique("Human Rights House");
        domain = Fixtures.unique("hrh").toLowerCase() + ".example.org";
        organisation = UUID.randomUUID();
        jdbc.sql("INSERT INTO organisation (id, name, name_key, country, created_at) VALUES (?, ?, ?, 'AZ', now())")
                .params(organisation, organisationName, org.undersigned.base.Text.key(organisationName))
                .update();
        jdbc.sql("INSERT INTO organisation_domain (organisation_id, domain) VALUES (?, ?)")
                .params(organisation, domain)
                .update();
        editor = UUID.randomUUID();
        editorEmail = Fixtures.uniqueEmail();
        jdbc.sql(
                        "INSERT INTO account (id, email, display_name, email_verified_at, created_at) VALUES (?, ?, 'Editor', now(), now())")
                .params(editor, editorEmail)
                .update();
        jdbc.sql("INSERT INTO membership (organisation_id, account_id, role, created_at) VALUES (?, ?, 'OWNER', now())")
                .params(organisation, editor)
                .update();
    }

    void actAsEditor() {
        Fixtures.actAs(editor, editorEmail, false, false);
    }

    /** A draft letter whose paragraph says {@code paragraph}. */
    UUID letter(LetterService letters, String paragraph) {
        actAsEditor();
        letterId = letters.create(
                new NewLetter("Solidarity with the defenders", "en", organisation, "6 April, 2024", "Baku", null));
        var block = letters.blocks(letterId).stream()
                .filter(b -> b.kind() == BlockKind.PARAGRAPH)
                .findFirst()
                .orElseThrow();
        letters.saveBlock(letterId, block.id(), block.version(), paragraph);
        return letterId;
    }

    private String lastEmail;

    String email(String local) {
        lastEmail = local + "-" + UUID.randomUUID().toString().substring(0, 6) + "@" + domain;
        return lastEmail;
    }

    String lastEmail() {
        return lastEmail;
    }

    /** The text of the newest mail of that kind to that address. */
    String lastMail(String to, String kind) {
        return jdbc.sql("SELECT text_body FROM mail_outbox WHERE recipient = ? AND kind = ? ORDER BY id DESC LIMIT 1")
                .params(to, kind)
                .query(String.class)
                .single();
    }

    int mails(String to, String kind) {
        return jdbc.sql("SELECT count(*) FROM mail_outbox WHERE recipient = ? AND kind = ?")
                .params(to, kind)
                .query(Integer.class)
                .single();
    }

    String token(String to, String kind) {
        Matcher m = LINK.matcher(lastMail(to, kind));
        if (!m.find()) {
            throw new AssertionError("no link in the " + kind + " mail");
        }
        return m.group(1);
    }

    String code(String to) {
        Matcher m = CODE.matcher(lastMail(to, SigningMails.CODE));
        if (!m.find()) {
            throw new AssertionError("no code in the mail");
        }
        return m.group(1);
    }

    int signatures(UUID invitationId) {
        return jdbc.sql("SELECT count(*) FROM signature WHERE invitation_id = ?")
                .params(invitationId)
                .query(Integer.class)
                .single();
    }

    String state(UUID invitationId) {
        return jdbc.sql("SELECT state FROM invitation WHERE id = ?")
                .params(invitationId)
                .query(String.class)
                .single();
    }

    int audits(UUID invitationId) {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE subject_id = ?")
                .params(invitationId.toString())
                .query(Integer.class)
                .single();
    }

    void expireInvitation(UUID invitationId) {
        jdbc.sql("UPDATE invitation SET expires_at = ? WHERE id = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(60)), invitationId)
                .update();
    }
}
