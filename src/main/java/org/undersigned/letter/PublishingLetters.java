package org.undersigned.letter;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What publication needs of a letter: its facts, who drafts it, the text of a frozen revision,
 * and the guarded transitions {@code LOCKED → IN_REVIEW} (request), {@code IN_REVIEW → LOCKED}
 * (rejected) and {@code IN_REVIEW → PUBLISHED}. Each transition locks the letter row, refuses a
 * wrong state with a plain-words {@code RefusedException} (nothing written), stamps its column and
 * appends an audit row last. They run in the caller's transaction; access checks stay with the
 * caller (the publication services).
 */
public interface PublishingLetters {

    /** A letter as publication sees it. */
    record PublishableLetter(
            UUID id,
            String title,
            String language,
            boolean rightToLeft,
            UUID publisherOrganisationId,
            String publisherName,
            LetterState state,
            @Nullable Instant lockedAt,
            @Nullable Instant reviewRequestedAt,
            @Nullable Instant publishedAt) {}

    /** Someone of the drafting team to tell about the letter (editors). */
    record TeamMember(UUID accountId, String name, String email) {}

    /** The letter without any access check; empty for an unknown id. */
    Optional<PublishableLetter> find(UUID letterId);

    /** Whether the account may change the letter (an editor, through an organisation or in person). */
    boolean edits(UUID letterId, UUID accountId);

    /** Whether the account drafts the letter in any role (editor or commenter). */
    boolean drafts(UUID letterId, UUID accountId);

    /** The organisations drafting the letter, the publisher among them. */
    List<UUID> draftingOrganisations(UUID letterId);

    /** The editors of the letter, to mail them (active accounts only). */
    List<TeamMember> editors(UUID letterId);

    /** The letter's text at a revision, block by block. */
    LetterRevision revision(UUID letterId, int number);

    /** Locks the letter row for the rest of the transaction and returns its state. */
    LetterState lockRow(UUID letterId);

    /** {@code LOCKED → IN_REVIEW}; stamps {@code review_requested_at}; audits {@code LETTER_REVIEW_REQUESTED}. */
    Instant requestReview(UUID letterId, Map<String, ?> auditDetails);

    /** {@code IN_REVIEW → LOCKED}: the review sent it back; audits {@code LETTER_REVIEW_REJECTED}. */
    void returnToLocked(UUID letterId, Map<String, ?> auditDetails);

    /**
     * {@code IN_REVIEW → PUBLISHED}; stamps {@code published_at} with {@code at}; audits {@code
     * LETTER_PUBLISHED}, as {@code systemActor} when no one is signed in (the embargo job).
     */
    void publish(UUID letterId, Instant at, @Nullable String systemActor, Map<String, ?> auditDetails);
}
