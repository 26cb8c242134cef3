package org.undersigned.letter;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a letter stands. {@code DRAFT → OPEN_FOR_SIGNATURES → LOCKED → IN_REVIEW → PUBLISHED},
 * a rejected review goes back {@code IN_REVIEW → LOCKED}, and any state before publication may
 * end in {@code WITHDRAWN}. Each transition stamps a column ({@link #stampColumn()}).
 */
public enum LetterState {
    DRAFT("Draft"),
    OPEN_FOR_SIGNATURES("Open for signatures"),
    LOCKED("List locked"),
    IN_REVIEW("In review"),
    PUBLISHED("Published"),
    WITHDRAWN("Withdrawn");

    /**
     * States in which co-drafters may change the text. A change while open for signatures is
     * announced as a {@link LetterTextChanged} event: the signing feature freezes the new text and
     * asks everyone who signed an earlier version to confirm again. From {@code LOCKED} on the text
     * is final.
     */
    public static final Set<LetterState> EDITABLE = EnumSet.of(DRAFT, OPEN_FOR_SIGNATURES);

    /** States in which invited signatories may sign. */
    public static final Set<LetterState> SIGNABLE = EnumSet.of(OPEN_FOR_SIGNATURES);

    /** States from which a letter may still be withdrawn. */
    public static final Set<LetterState> WITHDRAWABLE = EnumSet.of(DRAFT, OPEN_FOR_SIGNATURES, LOCKED, IN_REVIEW);

    /** States that only the drafting organisations and administrators may see. */
    public static final Set<LetterState> PRIVATE = EnumSet.of(DRAFT, OPEN_FOR_SIGNATURES, LOCKED, IN_REVIEW, WITHDRAWN);

    private final String label;

    LetterState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean editable() {
        return EDITABLE.contains(this);
    }

    public boolean canTransitionTo(LetterState next) {
        if (next == WITHDRAWN) {
            return WITHDRAWABLE.contains(this);
        }
        return switch (this) {
            case DRAFT -> next == OPEN_FOR_SIGNATURES;
            case OPEN_FOR_SIGNATURES -> next == LOCKED;
            case LOCKED -> next == IN_REVIEW;
            case IN_REVIEW -> next == PUBLISHED || next == LOCKED;
            case PUBLISHED, WITHDRAWN -> false;
        };
    }

    /** The {@code letter} column stamped when a letter enters this state, or null for DRAFT. */
    public String stampColumn() {
        return switch (this) {
            case DRAFT -> "created_at";
            case OPEN_FOR_SIGNATURES -> "opened_at";
            case LOCKED -> "locked_at";
            case IN_REVIEW -> "review_requested_at";
            case PUBLISHED -> "published_at";
            case WITHDRAWN -> "withdrawn_at";
        };
    }
}
