package org.undersigned.letter;

import java.util.Optional;
import java.util.UUID;

/**
 * What signing needs to know of a letter, answered by the letter feature (the one place where
 * signing depends on co-drafting). Methods that change the letter run in the caller's
 * transaction.
 */
public interface SigningLetters {

    /** The letter as signers see it, without any access check; empty for an unknown id. */
    Optional<SignableLetter> find(UUID letterId);

    /** Whether the account drafts the letter (a member of a drafting organisation, or invited in person). */
    boolean drafts(UUID letterId, UUID accountId);

    /**
     * The guarded transition {@code DRAFT → OPEN_FOR_SIGNATURES}: freezes the current revision and
     * stamps {@code opened_at}; refuses any other state with a plain-words {@code RefusedException}.
     */
    FrozenText openForSignatures(UUID letterId);

    /** The canonical text of the letter's latest revision (to freeze again after a change). */
    FrozenText currentText(UUID letterId);
}
