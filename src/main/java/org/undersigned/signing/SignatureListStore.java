package org.undersigned.signing;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.base.NotFoundException;
import org.undersigned.letter.SignableLetter;
import org.undersigned.letter.SigningLetters;

/** Signing's side of publication: the list as locked, and the mails to its signers. */
@Component
class SignatureListStore implements SignatureLists {

    private final SignatureListRepository lists;
    private final InvitationRepository invitations;
    private final SigningLetters letters;
    private final SigningMails mails;

    SignatureListStore(
            SignatureListRepository lists,
            InvitationRepository invitations,
            SigningLetters letters,
            SigningMails mails) {
        this.lists = lists;
        this.invitations = invitations;
        this.letters = letters;
        this.mails = mails;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<LockedList> locked(UUID letterId) {
        return lists.find(letterId);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void mailPublished(UUID letterId, String publicUrl) {
        SignableLetter letter = letters.find(letterId).orElseThrow(NotFoundException::new);
        for (UUID invitationId : lists.listedInvitations(letterId)) {
            InvitationRepository.Row row = invitations.find(invitationId).orElseThrow();
            mails.published(row, letter.title(), publicUrl);
        }
    }
}
