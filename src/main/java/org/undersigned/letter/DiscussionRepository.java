package org.undersigned.letter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** SQL for comments and suggestions. */
@Repository
class DiscussionRepository {

    private final JdbcClient jdbc;

    DiscussionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record CommentRow(
            UUID id,
            UUID blockId,
            @Nullable UUID parentId,
            String authorName,
            String body,
            Instant createdAt,
            @Nullable Instant resolvedAt) {}

    List<Comment> threads(UUID letterId) {
        var rows =
                jdbc.sql("""
                        SELECT c.id, c.block_id, c.parent_id, a.display_name AS author_name, c.body, c.created_at, c.resolved_at
                          FROM letter_comment c JOIN account a ON a.id = c.author_id
                         WHERE c.letter_id = :letter
                         ORDER BY c.created_at, c.id""").param("letter", letterId).query(CommentRow.class).list();
        var roots = new LinkedHashMap<UUID, CommentRow>();
        var replies = new LinkedHashMap<UUID, List<Comment.Reply>>();
        for (CommentRow r : rows) {
            if (r.parentId() == null) {
                roots.put(r.id(), r);
            } else {
                replies.computeIfAbsent(r.parentId(), k -> new ArrayList<>())
                        .add(new Comment.Reply(r.id(), r.authorName(), r.body(), r.createdAt()));
            }
        }
        return roots.values().stream()
                .map(r -> new Comment(
                        r.id(),
                        r.blockId(),
                        r.authorName(),
                        r.body(),
                        r.createdAt(),
                        r.resolvedAt(),
                        replies.getOrDefault(r.id(), List.of())))
                .toList();
    }

    record Root(UUID id, UUID blockId) {}

    Optional<Root> root(UUID letterId, UUID commentId) {
        return jdbc.sql(
                        "SELECT id, block_id FROM letter_comment WHERE id = :id AND letter_id = :letter AND parent_id IS NULL")
                .param("id", commentId)
                .param("letter", letterId)
                .query(Root.class)
                .optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    UUID insertComment(UUID letterId, UUID blockId, @Nullable UUID parentId, UUID author, String body, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO letter_comment (id, letter_id, block_id, parent_id, author_id, body, created_at)
                        VALUES (:id, :letter, :block, :parent, :author, :body, :now)""")
                .param("id", id)
                .param("letter", letterId)
                .param("block", blockId)
                .param("parent", parentId)
                .param("author", author)
                .param("body", body)
                .param("now", LetterRepository.ts(now))
                .update();
        return id;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    int setResolved(UUID letterId, UUID commentId, @Nullable UUID by, @Nullable Instant at) {
        return jdbc.sql("""
                        UPDATE letter_comment SET resolved_at = :at, resolved_by = :by
                         WHERE id = :id AND letter_id = :letter AND parent_id IS NULL""")
                .param("at", at == null ? null : LetterRepository.ts(at))
                .param("by", by)
                .param("id", commentId)
                .param("letter", letterId)
                .update();
    }

    private static final String SUGGESTION_COLUMNS = """
            s.id, s.block_id, s.base_version, s.base_text, s.proposed_text, a.display_name AS author_name, s.created_at,
            s.state, d.display_name AS decided_by_name, s.decided_at""";

    List<Suggestion> suggestions(UUID letterId) {
        return jdbc.sql("SELECT " + SUGGESTION_COLUMNS + """
                          FROM letter_suggestion s
                          JOIN account a ON a.id = s.author_id
                          LEFT JOIN account d ON d.id = s.decided_by
                         WHERE s.letter_id = :letter
                         ORDER BY (s.state = 'OPEN') DESC, s.created_at DESC
                         LIMIT 500""")
                .param("letter", letterId)
                .query(Suggestion.class)
                .list();
    }

    /** Locks an open suggestion for deciding on it. */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Suggestion> lockOpen(UUID letterId, UUID suggestionId) {
        return jdbc.sql("SELECT " + SUGGESTION_COLUMNS + """
                          FROM letter_suggestion s
                          JOIN account a ON a.id = s.author_id
                          LEFT JOIN account d ON d.id = s.decided_by
                         WHERE s.id = :id AND s.letter_id = :letter AND s.state = 'OPEN'
                         FOR UPDATE OF s""")
                .param("id", suggestionId)
                .param("letter", letterId)
                .query(Suggestion.class)
                .optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    UUID insertSuggestion(UUID letterId, Block base, String proposed, UUID author, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO letter_suggestion (id, letter_id, block_id, base_version, base_text, proposed_text, author_id, created_at)
                        VALUES (:id, :letter, :block, :version, :base, :proposed, :author, :now)""")
                .param("id", id)
                .param("letter", letterId)
                .param("block", base.id())
                .param("version", base.version())
                .param("base", base.text())
                .param("proposed", proposed)
                .param("author", author)
                .param("now", LetterRepository.ts(now))
                .update();
        return id;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void decide(UUID suggestionId, Suggestion.State state, UUID by, Instant now) {
        jdbc.sql("UPDATE letter_suggestion SET state = :state, decided_by = :by, decided_at = :now WHERE id = :id")
                .param("state", state.name())
                .param("by", by)
                .param("now", LetterRepository.ts(now))
                .param("id", suggestionId)
                .update();
    }
}
