package org.undersigned.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.undersigned.Fixtures;
import org.undersigned.IntegrationTest;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;

@IntegrationTest
class LetterServiceTest {

    @Autowired
    LetterService letters;

    @Autowired
    LetterHistory history;

    @Autowired
    LetterPreview preview;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LetterBroadcaster broadcaster;

    @Autowired
    DraftingInvitations invitations;

    People people;
    UUID org;
    People.Person editor;
    UUID letterId;

    @BeforeEach
    void letter() {
        people = new People(jdbc);
        org = people.organisation("Society for the Protection of Rights");
        editor = people.member(org, "Jane Doe");
        editor.actAs();
        letterId = letters.create(
                new NewLetter("Solidarity letter", "en", org, "6 April, 2024", "Baku, Azerbaijan", null));
    }

    @AfterEach
    void nobody() {
        Fixtures.actAsNobody();
    }

    Block block(BlockKind kind) {
        return letters.blocks(letterId).stream()
                .filter(b -> b.kind() == kind)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void newLetterStartsWithTheUsualBlocksAndRevisionOne() {
        assertThat(letters.blocks(letterId))
                .extracting(Block::kind)
                .containsExactly(
                        BlockKind.HEADING,
                        BlockKind.DATE_PLACE,
                        BlockKind.SALUTATION,
                        BlockKind.PARAGRAPH,
                        BlockKind.CLOSING);
        assertThat(block(BlockKind.DATE_PLACE).text()).isEqualTo("6 April, 2024 — Baku, Azerbaijan");
        assertThat(history.revisions(letterId)).extracting(RevisionInfo::number).containsExactly(1);
        assertThat(letters.myLetters()).extracting(LetterSummary::id).contains(letterId);
        assertThat(letters.get(letterId).state()).isEqualTo(LetterState.DRAFT);
    }

    @Test
    void saveAgainstAnOldVersionIsAConflictThatSavesNothing() {
        Block p = block(BlockKind.PARAGRAPH);
        var first = letters.saveBlock(letterId, p.id(), p.version(), "Their text.");
        assertThat(first).isInstanceOf(BlockSave.Saved.class);

        var second = letters.saveBlock(letterId, p.id(), p.version(), "My text.");

        assertThat(second).isInstanceOfSatisfying(BlockSave.Conflict.class, c -> {
            assertThat(c.theirs().text()).isEqualTo("Their text.");
            assertThat(c.theirs().version()).isEqualTo(p.version() + 1);
            assertThat(c.yours()).isEqualTo("My text.");
        });
        assertThat(block(BlockKind.PARAGRAPH).text()).isEqualTo("Their text.");
        assertThat(history.revisions(letterId)).hasSize(2);
    }

    @Test
    void twoThreadsSavingOneBlockNeverLoseEitherText() throws Exception {
        Block p = block(BlockKind.PARAGRAPH);
        var auth = SecurityContextHolder.getContext().getAuthentication();
        for (int round = 0; round < 10; round++) {
            int version = block(BlockKind.PARAGRAPH).version();
            var barrier = new CyclicBarrier(2);
            try (var pool = Executors.newFixedThreadPool(2)) {
                var results = new ArrayList<Future<BlockSave>>();
                for (String text : List.of("Alpha " + round, "Beta " + round)) {
                    results.add(pool.submit(() -> {
                        SecurityContextHolder.getContext().setAuthentication(auth);
                        barrier.await();
                        return letters.saveBlock(letterId, p.id(), version, text);
                    }));
                }
                var a = results.get(0).get();
                var b = results.get(1).get();
                assertThat(List.of(a, b))
                        .filteredOn(r -> r instanceof BlockSave.Saved)
                        .hasSize(1);
                var conflict = (BlockSave.Conflict) (a instanceof BlockSave.Conflict ? a : b);
                var saved = ((BlockSave.Saved) (a instanceof BlockSave.Saved ? a : b)).block();
                // The loser gets both texts back: nothing is lost, and the merge can be saved.
                assertThat(List.of(conflict.yours(), conflict.theirs().text()))
                        .containsExactlyInAnyOrder("Alpha " + round, "Beta " + round);
                var merged = letters.saveBlock(
                        letterId, p.id(), saved.version(), conflict.theirs().text() + " / " + conflict.yours());
                assertThat(merged).isInstanceOf(BlockSave.Saved.class);
            }
        }
        String all = history.revisions(letterId).stream()
                .map(r -> history.revision(letterId, r.number()).canonicalText())
                .reduce("", String::concat);
        for (int round = 0; round < 10; round++) {
            assertThat(all).contains("Alpha " + round).contains("Beta " + round);
        }
    }

    @Test
    void everyScriptRoundTripsThroughSaveHistoryDiffAndPreview() {
        String text =
                "Azərbaycan: ə ğ ı ş ç ö ü İ\nქართული ენა\nРусский текст\nالنص العربي\n<script>alert('x')</script> & \"q\"";
        Block p = block(BlockKind.PARAGRAPH);
        assertThat(letters.saveBlock(letterId, p.id(), p.version(), text)).isInstanceOf(BlockSave.Saved.class);

        assertThat(block(BlockKind.PARAGRAPH).text()).isEqualTo(text);
        int latest = history.revisions(letterId).getFirst().number();
        assertThat(history.revision(letterId, latest).blocks())
                .extracting(BlockText::text)
                .contains(text);
        var diff = history.diff(letterId, 1, latest);
        assertThat(diff)
                .anyMatch(s -> s.kind() == WordDiff.Kind.INSERT && s.text().contains("ქართული ენა"));
        String html = preview.draft(letterId);
        assertThat(html)
                .contains("ə ğ ı ş ç ö ü İ", "ქართული ენა", "Русский текст", "النص العربي")
                .contains("&lt;script&gt;alert(")
                .doesNotContain("<script>");
    }

    @Test
    void hostileInputIsRefusedWithAMessageAndChangesNothing() {
        Block p = block(BlockKind.PARAGRAPH);
        int revisions = history.revisions(letterId).size();
        for (String bad : List.of("x".repeat(1_048_576), "NUL\u0000here", "evil \u202Etxt.exe", "zero\u200Bwidth")) {
            assertThatThrownBy(() -> letters.saveBlock(letterId, p.id(), p.version(), bad))
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(((InvalidInputException) e).fieldErrors())
                            .containsKey("text"));
        }
        assertThat(block(BlockKind.PARAGRAPH).version()).isEqualTo(p.version());
        assertThat(history.revisions(letterId)).hasSize(revisions);

        assertThatThrownBy(() -> letters.create(new NewLetter("Title\u202E", "en", org, null, null, null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("title"));
        assertThatThrownBy(() -> letters.create(new NewLetter("", "klingon!", UUID.randomUUID(), null, null, null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKeys("title", "language", "publisher"));
    }

    @Test
    void scriptInTheTitleIsStoredAsText() {
        UUID id = letters.create(new NewLetter("<script>alert(1)</script>", "az", org, null, null, null));
        assertThat(letters.get(id).title()).isEqualTo("<script>alert(1)</script>");
        assertThat(preview.draft(id)).contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>");
    }

    @Test
    void aMemberOfAnotherOrganisationAndAnonymousSeeNothing() {
        Block p = block(BlockKind.PARAGRAPH);
        var outsider = people.member(people.organisation("Other"), "Outsider");
        outsider.actAs();
        assertThatThrownBy(() -> letters.get(letterId)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> letters.blocks(letterId)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> letters.saveBlock(letterId, p.id(), p.version(), "x"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> history.revisions(letterId)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> preview.draft(letterId)).isInstanceOf(NotFoundException.class);
        assertThat(letters.myLetters()).extracting(LetterSummary::id).doesNotContain(letterId);
        // the same answer as for a letter that does not exist
        assertThatThrownBy(() -> letters.get(UUID.randomUUID())).isInstanceOf(NotFoundException.class);

        Fixtures.actAsNobody();
        assertThatThrownBy(() -> letters.get(letterId)).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> letters.saveBlock(letterId, p.id(), p.version(), "x"))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThat(block(letterId, p.id())).isEqualTo("");
    }

    @Test
    void aCommenterCanReadAndCommentButNotEdit() {
        UUID partner = people.organisation("Partner");
        var commenter = people.member(partner, "Commenter");
        letters.inviteOrganisation(letterId, partner, DraftingRole.COMMENTER);
        Block p = block(BlockKind.PARAGRAPH);

        commenter.actAs();
        assertThat(letters.access(letterId)).isEqualTo(LetterAccess.COMMENT);
        assertThat(letters.blocks(letterId)).isNotEmpty();
        assertThatThrownBy(() -> letters.saveBlock(letterId, p.id(), p.version(), "Changed"))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("not change its text");
        assertThatThrownBy(() -> letters.addBlock(letterId, null, BlockKind.PARAGRAPH))
                .isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> history.restore(letterId, 1)).isInstanceOf(RefusedException.class);
        editor.actAs();
        assertThat(block(BlockKind.PARAGRAPH).text()).isEmpty();
    }

    @Test
    void anAdministratorReadsButDoesNotEdit() {
        var admin = people.administrator("Admin");
        Fixtures.actAs(admin.id(), admin.email(), true, true);
        assertThat(letters.access(letterId)).isEqualTo(LetterAccess.READ);
        assertThat(letters.get(letterId).title()).isEqualTo("Solidarity letter");
        Block p = block(BlockKind.PARAGRAPH);
        assertThatThrownBy(() -> letters.saveBlock(letterId, p.id(), p.version(), "x"))
                .isInstanceOf(RefusedException.class);
        // without the second factor confirmed, an administrator is nobody special
        Fixtures.actAs(admin.id(), admin.email(), true, false);
        assertThatThrownBy(() -> letters.get(letterId)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aPersonInvitedByEmailDraftsToo() {
        var guest = people.person("Guest Editor");
        letters.invitePerson(letterId, guest.email().toUpperCase(), DraftingRole.EDITOR);
        // an unknown address gets the same answer: no hint whether an account exists
        letters.invitePerson(letterId, "nobody-" + UUID.randomUUID() + "@example.org", DraftingRole.EDITOR);
        guest.actAs();
        invitations.accept(
                new org.undersigned.TestAccounts(null, jdbc).tokenFromMail(guest.email(), "/drafting/invitation/"));
        Block p = block(BlockKind.PARAGRAPH);
        assertThat(letters.saveBlock(letterId, p.id(), p.version(), "From the guest"))
                .isInstanceOf(BlockSave.Saved.class);
    }

    @Test
    void addMoveRemoveAndRestoreKeepHistory() {
        Block closing = block(BlockKind.CLOSING);
        Block added = letters.addBlock(letterId, block(BlockKind.PARAGRAPH).id(), BlockKind.PARAGRAPH);
        letters.saveBlock(letterId, added.id(), added.version(), "Second paragraph");
        letters.moveBlock(letterId, closing.id(), -1);
        assertThat(letters.blocks(letterId))
                .extracting(Block::kind)
                .containsExactly(
                        BlockKind.HEADING,
                        BlockKind.DATE_PLACE,
                        BlockKind.SALUTATION,
                        BlockKind.PARAGRAPH,
                        BlockKind.CLOSING,
                        BlockKind.PARAGRAPH);
        int beforeRemoval = history.revisions(letterId).getFirst().number();
        letters.removeBlock(letterId, added.id());
        assertThat(letters.blocks(letterId)).extracting(Block::id).doesNotContain(added.id());

        int restored = history.restore(letterId, beforeRemoval);

        assertThat(restored).isEqualTo(beforeRemoval + 2);
        assertThat(history.revision(letterId, restored).canonicalText())
                .isEqualTo(history.revision(letterId, beforeRemoval).canonicalText());
        assertThat(letters.blocks(letterId)).extracting(Block::text).contains("Second paragraph");
        assertThat(history.revisions(letterId).getFirst().summary()).isEqualTo("Restored version " + beforeRemoval);
        history.name(letterId, restored, "Sent to partners");
        assertThat(history.revisions(letterId).getFirst().names()).containsExactly("Sent to partners");
    }

    @Test
    void revisionsAreAppendOnlyInTheDatabase() {
        assertThatThrownBy(() -> jdbc.sql("UPDATE letter_revision SET summary = 'x' WHERE letter_id = ?")
                        .params(letterId)
                        .update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM letter_revision_block").update())
                .hasMessageContaining("append-only");
    }

    @Test
    void editingTheHeadingRenamesTheLetter() {
        Block h = block(BlockKind.HEADING);
        letters.saveBlock(letterId, h.id(), h.version(), "Freedom for journalists");
        assertThat(letters.get(letterId).title()).isEqualTo("Freedom for journalists");
    }

    @Test
    void aLockedListFreezesTheText() {
        jdbc.sql("UPDATE letter SET state = 'LOCKED' WHERE id = ?")
                .params(letterId)
                .update();
        Block p = block(BlockKind.PARAGRAPH);
        assertThatThrownBy(() -> letters.saveBlock(letterId, p.id(), p.version(), "late change"))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("list locked");
        assertThatThrownBy(() -> letters.changeDetails(letterId, new LetterDetails("Late title", "en", org)))
                .isInstanceOf(RefusedException.class);
        assertThat(letters.get(letterId).title()).isEqualTo("Solidarity letter");
    }

    @Test
    void anEditorChangesTheDetailsAndTheyAreAuditedAndAnnounced() throws Exception {
        var other = people.organisation("Georgian Young Lawyers");
        editor.actAs();
        var heard = new java.util.concurrent.LinkedBlockingQueue<LetterEvent>();
        var sub = broadcaster.subscribe(letterId, heard::add);
        int revisions = history.revisions(letterId).size();

        letters.changeDetails(letterId, new LetterDetails("Azadlıq jurnalistlərə — თავისუფლება", "ka", org));

        Letter l = letters.get(letterId);
        assertThat(l.title()).isEqualTo("Azadlıq jurnalistlərə — თავისუფლება");
        assertThat(l.language()).isEqualTo("ka");
        assertThat(block(BlockKind.HEADING).text()).isEqualTo("Azadlıq jurnalistlərə — თავისუფლება");
        assertThat(history.revisions(letterId)).hasSize(revisions + 1);
        assertThat(jdbc.sql("SELECT details FROM audit_event WHERE letter_id = ? AND action = 'LETTER_DETAILS_CHANGED'")
                        .params(letterId)
                        .query(String.class)
                        .single())
                .contains("language")
                .contains("title");
        assertThat(heard.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
        sub.cancel();

        // Bad input: every field named, nothing changed.
        var bad = catchThrowableOfType(
                InvalidInputException.class,
                () -> letters.changeDetails(letterId, new LetterDetails("a\u202Eb\u0000", "no such tag!", other)));
        assertThat(bad.fieldErrors()).containsKeys("title", "language", "publisher");
        assertThat(letters.get(letterId).title()).isEqualTo("Azadlıq jurnalistlərə — თავისუფლება");
        assertThatThrownBy(() -> letters.changeDetails(letterId, new LetterDetails("x".repeat(1_000_000), "en", org)))
                .isInstanceOf(InvalidInputException.class);
        // <script> is kept as text.
        letters.changeDetails(letterId, new LetterDetails("<script>alert(1)</script>", "en", org));
        assertThat(letters.get(letterId).title()).isEqualTo("<script>alert(1)</script>");
    }

    @Test
    void aCommenterCannotChangeTheDetails() {
        var commenterOrg = people.organisation("Commenters");
        var commenter = people.member(commenterOrg, "Carl Commenter");
        editor.actAs();
        letters.inviteOrganisation(letterId, commenterOrg, DraftingRole.COMMENTER);
        commenter.actAs();
        assertThatThrownBy(() -> letters.changeDetails(letterId, new LetterDetails("Mine now", "en", commenterOrg)))
                .isInstanceOf(RefusedException.class);
        editor.actAs();
        assertThat(letters.get(letterId).title()).isEqualTo("Solidarity letter");
    }

    private String block(UUID letter, UUID blockId) {
        return jdbc.sql("SELECT text FROM letter_block WHERE id = ?")
                .params(blockId)
                .query(String.class)
                .single();
    }
}
