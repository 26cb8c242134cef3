package org.undersigned.letter;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.RefusedException;
import org.undersigned.base.Text;

/**
 * The one way a letter's text changes: lock the letter, check its state allows editing, write,
 * append a revision recording every block touched, and announce it, all in the caller's
 * transaction.
 */
@Component
class Drafting {

    private final LetterRepository letters;
    private final BlockRepository blocks;
    private final LetterEvents events;
    private final ApplicationEventPublisher publisher;

    Drafting(
            LetterRepository letters,
            BlockRepository blocks,
            LetterEvents events,
            ApplicationEventPublisher publisher) {
        this.letters = letters;
        this.blocks = blocks;
        this.events = events;
        this.publisher = publisher;
    }

    /** Locks the letter and refuses unless its state allows editing. */
    @Transactional(propagation = Propagation.MANDATORY)
    void lockEditable(UUID letterId) {
        LetterState state = letters.lock(letterId).orElseThrow(org.undersigned.base.NotFoundException::new);
        if (!state.editable()) {
            throw new RefusedException(
                    "This letter is " + state.label().toLowerCase() + ": its text can no longer be changed here.");
        }
    }

    /**
     * Appends the revision of an edit by a co-drafter ({@link #record}); when the letter is open for
     * signatures and its text really changed, tells the listeners of {@link LetterTextChanged} (the
     * signing feature asks earlier signers to confirm again), in this transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    int recordEdit(
            UUID letterId,
            UUID by,
            Instant now,
            String summary,
            Collection<BlockText> changed,
            Collection<BlockText> removed) {
        int number = record(letterId, by, now, summary, changed, removed);
        LetterState state = letters.lock(letterId).orElseThrow(org.undersigned.base.NotFoundException::new);
        if (state == LetterState.OPEN_FOR_SIGNATURES && number > 1) {
            String before = blocks.revision(letterId, number - 1)
                    .map(LetterRevision::sha256)
                    .orElse("");
            String after = blocks.revision(letterId, number)
                    .map(LetterRevision::sha256)
                    .orElseThrow();
            if (!before.equals(after)) {
                publisher.publishEvent(new LetterTextChanged(letterId, number, by));
            }
        }
        return number;
    }

    /** Appends a revision with the given blocks' new states. */
    @Transactional(propagation = Propagation.MANDATORY)
    int record(
            UUID letterId,
            UUID by,
            Instant now,
            String summary,
            Collection<BlockText> changed,
            Collection<BlockText> removed) {
        int number = letters.nextRevision(letterId, by, now);
        long revision = blocks.insertRevision(letterId, number, by, now, summary);
        changed.forEach(b -> blocks.recordBlock(revision, b, false));
        removed.forEach(b -> blocks.recordBlock(revision, b, true));
        return number;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void announce(LetterEvent event) {
        events.publish(event);
    }

    /** A block's text under the rules of its kind; an empty block is allowed while drafting. */
    static String text(BlockKind kind, String field, String raw) {
        if (kind.multiLine()) {
            return Text.paragraph(field, kind.label(), raw, kind.maxLength());
        }
        String v = Text.optionalLine(field, kind.label(), raw, kind.maxLength());
        return v == null ? "" : v;
    }

    /** The letter's title follows its first heading, when that has text. */
    @Transactional(propagation = Propagation.MANDATORY)
    void followHeading(UUID letterId) {
        blocks.current(letterId).stream()
                .filter(b -> b.kind() == BlockKind.HEADING && !b.text().isBlank())
                .findFirst()
                .ifPresent(b -> letters.setTitle(letterId, b.text()));
    }

    static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new InvalidInputException(field, message);
        }
    }
}
