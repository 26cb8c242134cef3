package org.undersigned.letter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LetterStateTest {

    @Test
    void followsTheLifecycleForwardOnly() {
        assertThat(LetterState.DRAFT.canTransitionTo(LetterState.OPEN_FOR_SIGNATURES))
                .isTrue();
        assertThat(LetterState.OPEN_FOR_SIGNATURES.canTransitionTo(LetterState.LOCKED))
                .isTrue();
        assertThat(LetterState.LOCKED.canTransitionTo(LetterState.IN_REVIEW)).isTrue();
        assertThat(LetterState.IN_REVIEW.canTransitionTo(LetterState.PUBLISHED)).isTrue();
        assertThat(LetterState.IN_REVIEW.canTransitionTo(LetterState.LOCKED))
                .as("a rejected review")
                .isTrue();

        assertThat(LetterState.DRAFT.canTransitionTo(LetterState.PUBLISHED)).isFalse();
        assertThat(LetterState.LOCKED.canTransitionTo(LetterState.OPEN_FOR_SIGNATURES))
                .isFalse();
        assertThat(LetterState.PUBLISHED.canTransitionTo(LetterState.DRAFT)).isFalse();
        assertThat(LetterState.DRAFT.canTransitionTo(LetterState.DRAFT)).isFalse();
    }

    @Test
    void canBeWithdrawnOnlyBeforePublication() {
        for (LetterState s : LetterState.values()) {
            boolean expected = s != LetterState.PUBLISHED && s != LetterState.WITHDRAWN;
            assertThat(s.canTransitionTo(LetterState.WITHDRAWN)).as(s.name()).isEqualTo(expected);
        }
        assertThat(LetterState.WITHDRAWN.canTransitionTo(LetterState.DRAFT)).isFalse();
    }

    @Test
    void draftsAndLettersOpenForSignaturesAreEditableAndNothingLater() {
        assertThat(LetterState.EDITABLE).containsExactly(LetterState.DRAFT, LetterState.OPEN_FOR_SIGNATURES);
        assertThat(LetterState.OPEN_FOR_SIGNATURES.editable()).isTrue();
        assertThat(LetterState.LOCKED.editable()).isFalse();
        assertThat(LetterState.IN_REVIEW.editable()).isFalse();
        assertThat(LetterState.PUBLISHED.editable()).isFalse();
        assertThat(LetterState.WITHDRAWN.editable()).isFalse();
        assertThat(LetterState.PRIVATE).doesNotContain(LetterState.PUBLISHED);
    }

    @Test
    void everyStateStampsItsOwnColumn() {
        assertThat(LetterState.OPEN_FOR_SIGNATURES.stampColumn()).isEqualTo("opened_at");
        assertThat(LetterState.PUBLISHED.stampColumn()).isEqualTo("published_at");
        assertThat(java.util.Arrays.stream(LetterState.values())
                        .map(LetterState::stampColumn)
                        .distinct())
                .hasSize(LetterState.values().length);
    }
}
