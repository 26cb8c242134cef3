package org.undersigned.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.undersigned.letter.LetterState.DRAFT;
import static org.undersigned.letter.LetterState.IN_REVIEW;
import static org.undersigned.letter.LetterState.LOCKED;
import static org.undersigned.letter.LetterState.OPEN_FOR_SIGNATURES;
import static org.undersigned.letter.LetterState.PUBLISHED;
import static org.undersigned.letter.LetterState.WITHDRAWN;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LetterStateTest {

    /** Every allowed transition, written out; every other pair of states is refused. */
    static final Map<LetterState, Set<LetterState>> ALLOWED = Map.of(
            DRAFT, EnumSet.of(OPEN_FOR_SIGNATURES, WITHDRAWN),
            OPEN_FOR_SIGNATURES, EnumSet.of(LOCKED, WITHDRAWN),
            LOCKED, EnumSet.of(IN_REVIEW, WITHDRAWN),
            IN_REVIEW, EnumSet.of(PUBLISHED, LOCKED, WITHDRAWN),
            PUBLISHED, EnumSet.noneOf(LetterState.class),
            WITHDRAWN, EnumSet.noneOf(LetterState.class));

    @Test
    void everyPairOfStatesIsAllowedOrRefusedAsTheLifecycleSays() {
        assertThat(ALLOWED.keySet()).containsExactlyInAnyOrder(LetterState.values());
        int pairs = 0;
        for (LetterState from : LetterState.values()) {
            for (LetterState to : LetterState.values()) {
                assertThat(from.canTransitionTo(to))
                        .as("%s → %s", from, to)
                        .isEqualTo(ALLOWED.get(from).contains(to));
                pairs++;
            }
        }
        assertThat(pairs).isEqualTo(36);
    }

    @Test
    void onlyAnOpenLetterCanBeSignedAndOnlyAnOpenListLocked() {
        assertThat(LetterState.SIGNABLE).containsExactly(OPEN_FOR_SIGNATURES);
        for (LetterState from : LetterState.values()) {
            assertThat(from.canTransitionTo(LOCKED))
                    .as("%s → LOCKED", from)
                    .isEqualTo(from == OPEN_FOR_SIGNATURES || from == IN_REVIEW);
        }
    }

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
