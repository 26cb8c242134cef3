package org.undersigned.letter;

import java.util.UUID;

/**
 * A co-drafter changed the text of a letter that is open for signatures: {@code revision} is the
 * new latest revision. Published as a Spring application event inside the transaction of the
 * change, so that a listener's work (the signing feature freezes the new text and asks earlier
 * signers to confirm again, with mails through the outbox) commits or rolls back with it.
 */
public record LetterTextChanged(UUID letterId, int revision, UUID changedBy) {}
