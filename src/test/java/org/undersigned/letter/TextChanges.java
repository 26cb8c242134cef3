package org.undersigned.letter;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * For signing tests: changes a paragraph of a letter that is already open for signatures, through
 * the letter's own write path ({@link Drafting#record}) but without its "only drafts are editable"
 * guard, which the co-drafting feature keeps until editing while open is wired to re-consent.
 */
@Component
public class TextChanges {

    private final BlockRepository blocks;
    private final Drafting drafting;
    private final TransactionTemplate tx;

    TextChanges(BlockRepository blocks, Drafting drafting, TransactionTemplate tx) {
        this.blocks = blocks;
        this.drafting = drafting;
        this.tx = tx;
    }

    /** Replaces the text of the letter's first paragraph and records a revision; returns its number. */
    public int changeFirstParagraph(UUID letterId, UUID by, String text) {
        return tx.execute(status -> {
            Block paragraph = blocks.current(letterId).stream()
                    .filter(b -> b.kind() == BlockKind.PARAGRAPH)
                    .findFirst()
                    .orElseThrow();
            Instant now = Instant.now();
            blocks.updateText(letterId, paragraph.id(), paragraph.version(), text, by, now);
            return drafting.record(
                    letterId,
                    by,
                    now,
                    "Edited the paragraph",
                    List.of(new BlockText(paragraph.id(), paragraph.position(), paragraph.kind(), text)),
                    List.of());
        });
    }
}
