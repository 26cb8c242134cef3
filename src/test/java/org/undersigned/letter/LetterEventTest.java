package org.undersigned.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class LetterEventTest {

    @Test
    void roundTripsEveryKindWithoutText() {
        UUID letter = UUID.randomUUID();
        UUID block = UUID.randomUUID();
        LetterEvent[] events = {
            new LetterEvent.BlockChanged(letter, block, 42),
            new LetterEvent.LetterChanged(letter),
            new LetterEvent.DiscussionChanged(letter),
            new LetterEvent.PresenceChanged(letter, UUID.randomUUID(), UUID.randomUUID(), block, true),
            new LetterEvent.PresenceChanged(letter, UUID.randomUUID(), UUID.randomUUID(), null, false),
        };
        for (LetterEvent e : events) {
            String payload = LetterEvent.encode(e);
            assertThat(payload.length()).isLessThan(200);
            assertThat(LetterEvent.decode(payload)).contains(e);
        }
    }

    @Test
    void ignoresAnythingMalformed() {
        for (String bad : new String[] {
            "",
            "B",
            "B|x|y|z",
            "L|not-a-uuid",
            "X|" + UUID.randomUUID(),
            "B|" + UUID.randomUUID(),
            "P|1|2|3|4|5",
            "x".repeat(5000)
        }) {
            assertThat(LetterEvent.decode(bad))
                    .as(bad.length() > 50 ? "long" : bad)
                    .isEmpty();
        }
        assertThat(LetterEvent.decode(null)).isEmpty();
    }
}
