package org.undersigned.signing;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.undersigned.letter.LetterTextChanged;

/**
 * When a co-drafter changes the text of a letter open for signatures, freezes the new text and
 * asks everyone who signed an earlier version to confirm again ({@link
 * InvitationService#textChanged}). Runs in the transaction of the change, as the co-drafter: the
 * re-consent mails go to the outbox with the change, or neither happens.
 */
@Component
class ReconsentOnTextChange {

    private final InvitationService invitations;

    ReconsentOnTextChange(InvitationService invitations) {
        this.invitations = invitations;
    }

    @EventListener
    void on(LetterTextChanged change) {
        invitations.textChanged(change.letterId());
    }
}
