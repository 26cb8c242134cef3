package org.undersigned.letter;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

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

    /**
     * The guarded transition {@code OPEN_FOR_SIGNATURES → LOCKED}: locks the letter row, refuses
     * any other state with a plain-words {@code RefusedException} (nothing written), stamps {@code
     * locked_at}, then runs {@code record} with that time (the signing feature takes its own locks
     * and records the list there) and appends one {@code LETTER_LOCKED} audit row with the details
     * {@code record} returns. The audit row comes last because the chain's lock is global.
     *
     * @param systemActor the audit actor when no one is signed in (the deadline job), else null
     * @return the time the list was locked
     */
    Instant lockList(UUID letterId, @Nullable String systemActor, Function<Instant, Map<String, ?>> record);

    /**
     * Locks the letter row until the end of the caller's transaction and returns its state's name:
     * a change that is allowed only in some states (the list's order) checks it under this lock, so
     * a concurrent transition (such as requesting review) waits for it or refuses it.
     */
    String stateUnderLock(UUID letterId);

    /** When the letter was published, or empty while it is not. */
    Optional<Instant> publishedAt(UUID letterId);

    /** The published letters whose publication time is at or before {@code cutoff}, oldest first. */
    List<UUID> publishedUpTo(Instant cutoff);

    /** The addresses of the letter's editors (editor people, and members of editor organisations), not disabled. */
    List<String> editorEmails(UUID letterId);
}
