package org.undersigned.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Fixtures;
import org.undersigned.IntegrationTest;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;

@IntegrationTest
class LetterDiscussionTest {

    @Autowired
    LetterService letters;

    @Autowired
    LetterDiscussion discussion;

    @Autowired
    LetterHistory history;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void nobody() {
        Fixtures.actAsNobody();
    }

    @Test
    void commentsThreadResolveAndMentionMailsTheCoDrafterWithoutTheText() {
        var people = new People(jdbc);
        UUID org = people.organisation("Org");
        var jane = people.member(org, "Jane Doe");
        var leyla = people.member(org, "Leyla Məmmədova");
        var outsider = people.member(people.organisation("Other"), "Outsider Person");
        jane.actAs();
        UUID letterId = letters.create(new NewLetter("Secret title", "az", org, null, null, null));
        Block p = letters.blocks(letterId).get(3);

        UUID thread = discussion.comment(
                letterId, p.id(), "@leyla məmmədova please check. @Outsider Person too. <script>x</script>");
        leyla.actAs();
        discussion.reply(letterId, thread, "Done, @Jane Doe.");
        discussion.resolve(letterId, thread);

        var threads = discussion.comments(letterId);
        assertThat(threads).hasSize(1);
        assertThat(threads.getFirst().body()).contains("<script>x</script>");
        assertThat(threads.getFirst().replies()).extracting(c -> c.body()).containsExactly("Done, @Jane Doe.");
        assertThat(threads.getFirst().resolved()).isTrue();

        assertThat(mails(leyla.email())).isEqualTo(1);
        assertThat(mails(jane.email())).isEqualTo(1);
        assertThat(mails(outsider.email())).as("only co-drafters are mailed").isZero();
        String body = jdbc.sql("SELECT text_body FROM mail_outbox WHERE recipient = ?")
                .params(leyla.email())
                .query(String.class)
                .single();
        assertThat(body)
                .doesNotContain("Secret title")
                .doesNotContain("please check")
                .contains("/drafts/" + letterId);

        outsider.actAs();
        assertThatThrownBy(() -> discussion.comments(letterId)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> discussion.comment(letterId, p.id(), "hi")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void suggestionsAreAcceptedAsRevisionsOrRejectedByEditorsOnly() {
        var people = new People(jdbc);
        UUID org = people.organisation("Org");
        UUID partner = people.organisation("Partner");
        var editor = people.member(org, "Editor");
        var commenter = people.member(partner, "Commenter");
        editor.actAs();
        UUID letterId = letters.create(new NewLetter("Letter", "ka", org, null, null, null));
        letters.inviteOrganisation(letterId, partner, DraftingRole.COMMENTER);
        Block p = letters.blocks(letterId).get(3);

        commenter.actAs();
        UUID first = discussion.suggest(letterId, p.id(), "ქართული ტექსტი");
        UUID second = discussion.suggest(letterId, p.id(), "Another idea");
        assertThatThrownBy(() -> discussion.accept(letterId, first, p.version()))
                .isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> discussion.suggest(letterId, p.id(), "bad\u202E"))
                .isInstanceOf(InvalidInputException.class);

        editor.actAs();
        assertThat(discussion.accept(letterId, first, p.version())).isInstanceOf(BlockSave.Saved.class);
        assertThat(letters.block(letterId, p.id()).text()).isEqualTo("ქართული ტექსტი");
        // accepting against the version seen before is a conflict, not an overwrite
        assertThat(discussion.accept(letterId, second, p.version())).isInstanceOf(BlockSave.Conflict.class);
        discussion.reject(letterId, second);
        assertThatThrownBy(() -> discussion.reject(letterId, second)).isInstanceOf(RefusedException.class);

        assertThat(discussion.suggestions(letterId))
                .extracting(Suggestion::state)
                .containsExactlyInAnyOrder(Suggestion.State.ACCEPTED, Suggestion.State.REJECTED);
        assertThat(history.revisions(letterId).getFirst().authorName()).isEqualTo("Editor");
    }

    private long mails(String email) {
        return jdbc.sql("SELECT count(*) FROM mail_outbox WHERE recipient = ? AND kind = 'LETTER_MENTION'")
                .params(email)
                .query(Long.class)
                .single();
    }
}
