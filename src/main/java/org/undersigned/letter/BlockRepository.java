package org.undersigned.letter;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** SQL for the blocks of a letter and their append-only revisions. */
@Repository
class BlockRepository {

    private static final String BLOCK_COLUMNS = """
            b.id, b.letter_id, b.position, b.kind, b.text, b.version, b.updated_at, a.display_name AS updated_by_name""";

    private final JdbcClient jdbc;

    BlockRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Block> current(UUID letterId) {
        return jdbc.sql("SELECT " + BLOCK_COLUMNS + """
                          FROM letter_block b JOIN account a ON a.id = b.updated_by
                         WHERE b.letter_id = :letter AND b.removed_at IS NULL
                         ORDER BY b.position, b.id""")
                .param("letter", letterId)
                .query(Block.class)
                .list();
    }

    Optional<Block> find(UUID letterId, UUID blockId) {
        return jdbc.sql("SELECT " + BLOCK_COLUMNS + """
                          FROM letter_block b JOIN account a ON a.id = b.updated_by
                         WHERE b.id = :id AND b.letter_id = :letter AND b.removed_at IS NULL""")
                .param("id", blockId)
                .param("letter", letterId)
                .query(Block.class)
                .optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void insert(UUID id, UUID letterId, int position, BlockKind kind, String text, UUID by, Instant now) {
        jdbc.sql("""
                        INSERT INTO letter_block (id, letter_id, position, kind, text, updated_by, updated_at)
                        VALUES (:id, :letter, :position, :kind, :text, :by, :now)""")
                .param("id", id)
                .param("letter", letterId)
                .param("position", position)
                .param("kind", kind.name())
                .param("text", text)
                .param("by", by)
                .param("now", LetterRepository.ts(now))
                .update();
    }

    /**
     * Saves the text only if nobody saved the block since {@code expectedVersion}.
     *
     * @return whether it was saved (false: a newer version exists, or the block is gone)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean updateText(UUID letterId, UUID blockId, int expectedVersion, String text, UUID by, Instant now) {
        return jdbc.sql("""
                        UPDATE letter_block SET text = :text, version = version + 1, updated_by = :by, updated_at = :now
                         WHERE id = :id AND letter_id = :letter AND version = :version AND removed_at IS NULL""")
                        .param("text", text)
                        .param("by", by)
                        .param("now", LetterRepository.ts(now))
                        .param("id", blockId)
                        .param("letter", letterId)
                        .param("version", expectedVersion)
                        .update()
                == 1;
    }

    /** Sets a block's whole state (used by reorder, remove and restore); always bumps its version. */
    @Transactional(propagation = Propagation.MANDATORY)
    void overwrite(UUID letterId, BlockText state, boolean removed, UUID by, Instant now) {
        jdbc.sql("""
                        UPDATE letter_block SET position = :position, kind = :kind, text = :text, version = version + 1,
                               removed_at = CASE WHEN :removed THEN COALESCE(removed_at, :now) END,
                               updated_by = :by, updated_at = :now
                         WHERE id = :id AND letter_id = :letter""")
                .param("position", state.position())
                .param("kind", state.kind().name())
                .param("text", state.text())
                .param("removed", removed)
                .param("by", by)
                .param("now", LetterRepository.ts(now))
                .param("id", state.blockId())
                .param("letter", letterId)
                .update();
    }

    /** Every block the letter ever had, removed ones included, by id. */
    List<BlockText> allEver(UUID letterId) {
        return jdbc.sql("SELECT id AS block_id, position, kind, text FROM letter_block WHERE letter_id = :letter")
                .param("letter", letterId)
                .query(BlockText.class)
                .list();
    }

    int version(UUID blockId) {
        return jdbc.sql("SELECT version FROM letter_block WHERE id = :id")
                .param("id", blockId)
                .query(Integer.class)
                .single();
    }

    // --- revisions ---------------------------------------------------------------------------

    @Transactional(propagation = Propagation.MANDATORY)
    long insertRevision(UUID letterId, int number, UUID author, Instant now, String summary) {
        return jdbc.sql("""
                        INSERT INTO letter_revision (letter_id, number, author_id, created_at, summary)
                        VALUES (:letter, :number, :author, :now, :summary)
                        RETURNING id""")
                .param("letter", letterId)
                .param("number", number)
                .param("author", author)
                .param("now", LetterRepository.ts(now))
                .param("summary", summary)
                .query(Long.class)
                .single();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void recordBlock(long revisionId, BlockText block, boolean removed) {
        jdbc.sql("""
                        INSERT INTO letter_revision_block (revision_id, block_id, position, kind, text, removed)
                        VALUES (:revision, :block, :position, :kind, :text, :removed)""")
                .param("revision", revisionId)
                .param("block", block.blockId())
                .param("position", block.position())
                .param("kind", block.kind().name())
                .param("text", block.text())
                .param("removed", removed)
                .update();
    }

    private record RevisionRow(int number, Instant createdAt, String authorName, String summary, String names) {}

    List<RevisionInfo> revisions(UUID letterId) {
        return jdbc.sql("""
                        SELECT r.number, r.created_at, a.display_name AS author_name, r.summary,
                               COALESCE((SELECT string_agg(n.name, E'\\n' ORDER BY n.named_at)
                                           FROM named_version n
                                          WHERE n.letter_id = r.letter_id AND n.revision_number = r.number), '') AS names
                          FROM letter_revision r JOIN account a ON a.id = r.author_id
                         WHERE r.letter_id = :letter
                         ORDER BY r.number DESC
                         LIMIT 1000""").param("letter", letterId).query(RevisionRow.class).list().stream()
                .map(r -> new RevisionInfo(
                        r.number(),
                        r.createdAt(),
                        r.authorName(),
                        r.summary(),
                        r.names().isEmpty() ? List.of() : List.of(r.names().split("\n"))))
                .toList();
    }

    private record RevisionHead(Instant createdAt, String authorName) {}

    private record RevisionBlockRow(
            java.util.UUID blockId, int position, BlockKind kind, String text, boolean removed) {}

    /** The letter's text as of revision {@code number}: each block's latest record at or before it. */
    Optional<LetterRevision> revision(UUID letterId, int number) {
        var head = jdbc.sql("""
                        SELECT r.created_at, a.display_name AS author_name
                          FROM letter_revision r JOIN account a ON a.id = r.author_id
                         WHERE r.letter_id = :letter AND r.number = :number""")
                .param("letter", letterId)
                .param("number", number)
                .query(RevisionHead.class)
                .optional();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        List<BlockText> blocks = jdbc
                .sql("""
                        SELECT DISTINCT ON (rb.block_id) rb.block_id, rb.position, rb.kind, rb.text, rb.removed
                          FROM letter_revision_block rb JOIN letter_revision r ON r.id = rb.revision_id
                         WHERE r.letter_id = :letter AND r.number <= :number
                         ORDER BY rb.block_id, r.number DESC""")
                .param("letter", letterId)
                .param("number", number)
                .query(RevisionBlockRow.class)
                .list()
                .stream()
                .filter(r -> !r.removed())
                .map(r -> new BlockText(r.blockId(), r.position(), r.kind(), r.text()))
                .sorted(Comparator.comparingInt(BlockText::position).thenComparing(BlockText::blockId))
                .toList();
        return Optional.of(new LetterRevision(
                letterId, number, head.get().createdAt(), head.get().authorName(), blocks));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void nameRevision(UUID letterId, int number, String name, UUID by, Instant now) {
        jdbc.sql("""
                        INSERT INTO named_version (id, letter_id, revision_number, name, named_by, named_at)
                        VALUES (:id, :letter, :number, :name, :by, :now)""")
                .param("id", UUID.randomUUID())
                .param("letter", letterId)
                .param("number", number)
                .param("name", name)
                .param("by", by)
                .param("now", LetterRepository.ts(now))
                .update();
    }
}
