package org.undersigned.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionTemplate;
import org.undersigned.EveryPublicMethod;
import org.undersigned.Fixtures;
import org.undersigned.IntegrationTest;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.TextChanges;
import org.undersigned.signing.SigningRefused.Reason;

/** Locking the signature list on the real database: what counts, its hash, and what publication reads. */
@IntegrationTest
class SignatureListTest {

    @Autowired
    InvitationService invitations;

    @Autowired
    SignatureListService lists;

    @Autowired
    SignatureLists signatureLists;

    @Autowired
    SigningFlow flow;

    @Autowired
    LetterService letters;

    @Autowired
    TextChanges textChanges;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    SigningWorld world;
    UUID letterId;
    String client;

    @BeforeEach
    void openLetter() {
        world = new SigningWorld(jdbc);
        letterId = world.letter(letters, "We stand with the defenders of human rights.");
        client = "client-" + UUID.randomUUID();
    }

    @AfterEach
    void nobody() {
        Fixtures.actAsNobody();
    }

    /** Invites, then (after opening) signs through the whole flow; returns the invitation id. */
    UUID invite(String name, String email) {
        world.actAsEditor();
        return invitations.add(letterId, new NewInvitee(name, null, world.organisationName, email, "en"));
    }

    void open() {
        world.actAsEditor();
        invitations.openForSignatures(letterId);
        Fixtures.actAsNobody();
    }

    SigningSession sign(UUID invitationId, String email, String kind) {
        Fixtures.actAsNobody();
        SigningSession s = flow.begin(world.token(email, kind), client);
        flow.requestCode(s, invitationId, null, null, null, false, true, client);
        // requestCode keeps an existing signature's line; a first signature takes the invitee's.
        return s;
    }

    SigningSession signFirst(UUID invitationId, String email, String name) {
        Fixtures.actAsNobody();
        SigningSession s = flow.begin(world.token(email, SigningMails.INVITATION), client);
        flow.requestCode(s, invitationId, name, null, world.organisationName, false, true, client);
        assertThat(flow.sign(s, invitationId, world.code(email), client).outcome())
                .isEqualTo(SigningFlow.Outcome.SIGNED);
        return s;
    }

    @Test
    void theLockedListHoldsExactlyTheSignaturesThatCountForTheFrozenText() {
        String aEmail = world.email("a");
        UUID a = invite("Leyla Məmmədova", aEmail);
        String bEmail = world.email("b");
        UUID b = invite("Nino Beridze", bEmail);
        String cEmail = world.email("c");
        UUID c = invite("Иван Петров", cEmail);
        String dEmail = world.email("d");
        UUID d = invite("Sara Idris", dEmail);
        String eEmail = world.email("e");
        invite("Never Answered", eEmail);
        open();

        signFirst(a, aEmail, "Leyla Məmmədova");
        signFirst(b, bEmail, "ნინო ბერიძე");
        SigningSession cs = signFirst(c, cEmail, "Иван Петров");
        SigningSession ds = signFirst(d, dEmail, "سارة إدريس");
        flow.withdraw(ds, d);

        // The text changes: A re-confirms, B does not (B's signature is on an earlier text).
        textChanges.changeFirstParagraph(letterId, world.editor, "We stand with all defenders of human rights.");
        world.actAsEditor();
        assertThat(invitations.textChanged(letterId)).isEqualTo(3);
        Fixtures.actAsNobody();
        SigningSession again = flow.begin(world.token(aEmail, SigningMails.RECONSENT), client);
        flow.requestCode(again, a, null, null, null, false, true, client);
        assertThat(flow.sign(again, a, world.code(aEmail), client).outcome()).isEqualTo(SigningFlow.Outcome.SIGNED);
        SigningSession cAgain = flow.begin(world.token(cEmail, SigningMails.RECONSENT), client);
        flow.requestCode(cAgain, c, null, null, null, false, true, client);
        assertThat(flow.sign(cAgain, c, world.code(cEmail), client).outcome()).isEqualTo(SigningFlow.Outcome.SIGNED);

        world.actAsEditor();
        int auditsBefore = audits("LETTER_LOCKED");
        LockedList list = lists.lock(letterId);

        assertThat(list.order()).isEqualTo("SIGNING_TIME");
        assertThat(list.signatures())
                .extracting(LockedList.Line::displayName)
                .containsExactly("Leyla Məmmədova", "Иван Петров");
        assertThat(list.signatures()).extracting(LockedList.Line::position).containsExactly(1, 2);
        assertThat(list.signatures()).allMatch(l -> l.level() == VerificationLevel.ORGANISATION_DOMAIN);
        assertThat(list.revision()).isEqualTo(currentRevision());
        assertThat(list.textSha256())
                .isEqualTo(jdbc.sql("SELECT sha256 FROM signing_text WHERE letter_id = ? AND revision = ?")
                        .params(letterId, list.revision())
                        .query(String.class)
                        .single());
        assertThat(list.hashMatches()).isTrue();
        assertThat(list.canonicalForm())
                .startsWith("undersigned-signature-list/1\nletter " + letterId + "\nrevision " + list.revision()
                        + "\ntext-sha256 " + list.textSha256() + "\nlocked-at ")
                .contains("\norder SIGNING_TIME\nsignatures 2\n1\t")
                .contains("\tLeyla Məmmədova\t\t" + world.organisationName + "\torganisation\n")
                .doesNotContain(aEmail);

        // What publication reads is what was recorded, byte for byte.
        assertThat(signatureLists.locked(letterId)).contains(list);
        assertThat(lists.locked(letterId)).contains(list);
        assertThat(jdbc.sql("SELECT state, locked_at FROM letter WHERE id = ?")
                        .params(letterId)
                        .query((rs, n) -> rs.getString(1) + " " + (rs.getTimestamp(2) != null))
                        .single())
                .isEqualTo("LOCKED true");
        assertThat(audits("LETTER_LOCKED")).isEqualTo(auditsBefore + 1);
        assertThat(jdbc.sql("SELECT details FROM audit_event WHERE letter_id = ? AND action = 'LETTER_LOCKED'")
                        .params(letterId)
                        .query(String.class)
                        .single())
                .contains(list.listSha256())
                .contains("hand");

        // Locking twice is refused and changes nothing; signing and withdrawing are closed.
        assertThatThrownBy(() -> lists.lock(letterId))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("already locked");
        Fixtures.actAsNobody();
        assertThatThrownBy(() -> flow.withdraw(cAgain, c)).extracting("reason").isEqualTo(Reason.LOCKED);
        assertThat(signatureLists.locked(letterId)).contains(list);
    }

    @Test
    void onlyEditorsLockAndOnlyOpenLettersCanBeLocked() {
        // A draft cannot be locked.
        world.actAsEditor();
        assertThatThrownBy(() -> lists.lock(letterId))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("only a letter open for signatures");
        assertThat(signatureLists.locked(letterId)).isEmpty();

        open();
        // Another organisation's member sees no such letter.
        SigningWorld other = new SigningWorld(jdbc);
        other.actAsEditor();
        assertThatThrownBy(() -> lists.lock(letterId)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> lists.locked(letterId)).isInstanceOf(NotFoundException.class);
        Fixtures.actAsNobody();
        EveryPublicMethod.actAsAnonymous();
        EveryPublicMethod.refuses(lists, SignatureListService.class, AccessDeniedException.class);
        assertThat(jdbc.sql("SELECT state FROM letter WHERE id = ?")
                        .params(letterId)
                        .query(String.class)
                        .single())
                .isEqualTo("OPEN_FOR_SIGNATURES");
    }

    @Test
    void anEmptyListLocksWithItsHash() {
        open();
        world.actAsEditor();
        LockedList list = lists.lock(letterId);
        assertThat(list.signatures()).isEmpty();
        assertThat(list.hashMatches()).isTrue();
        assertThat(list.canonicalForm()).endsWith("\nsignatures 0\n");
    }

    @Test
    void publicationMailsEverySignerOnTheListInItsTransaction() {
        String aEmail = world.email("a");
        UUID a = invite("Leyla Məmmədova", aEmail);
        String bEmail = world.email("b");
        UUID b = invite("Nino Beridze", bEmail);
        String cEmail = world.email("c");
        invite("Declines Politely", cEmail);
        open();
        signFirst(a, aEmail, "Leyla Məmmədova");
        signFirst(b, bEmail, "Nino Beridze");
        world.actAsEditor();
        lists.lock(letterId);
        Fixtures.actAsNobody();

        // Rolled back with its caller: no mail.
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
                    signatureLists.mailPublished(letterId, "https://undersigned.example/letters/solidarity");
                    throw new IllegalStateException("publication failed");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(world.mails(aEmail, SigningMails.PUBLISHED)).isZero();

        tx.executeWithoutResult(
                status -> signatureLists.mailPublished(letterId, "https://undersigned.example/letters/solidarity"));
        for (String email : List.of(aEmail, bEmail)) {
            assertThat(world.mails(email, SigningMails.PUBLISHED)).isEqualTo(1);
            assertThat(world.lastMail(email, SigningMails.PUBLISHED))
                    .contains("https://undersigned.example/letters/solidarity");
        }
        assertThat(world.mails(cEmail, SigningMails.PUBLISHED)).isZero();
        // Outside a transaction it refuses rather than mail half the list.
        assertThatThrownBy(() -> signatureLists.mailPublished(letterId, "https://x.example/"))
                .isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
    }

    int currentRevision() {
        return jdbc.sql("SELECT current_revision FROM letter_signing WHERE letter_id = ?")
                .params(letterId)
                .query(Integer.class)
                .single();
    }

    int audits(String action) {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE letter_id = ? AND action = ?")
                .params(letterId, action)
                .query(Integer.class)
                .single();
    }
}
