package org.undersigned.signing;

import java.util.Optional;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.base.AppRoles;
import org.undersigned.base.CurrentUser;
import org.undersigned.base.NotFoundException;
import org.undersigned.letter.SignableLetter;
import org.undersigned.letter.SigningLetters;

/**
 * The drafting team's side of the signature list: locking it, its order, the lock deadline. Only
 * editors of the letter may use it; to anyone else the letter does not exist.
 */
@Service
@PreAuthorize(AppRoles.HAS_USER)
public class SignatureListService {

    private final SigningLetters letters;
    private final SignatureListRepository lists;
    private final ListLocking locking;

    SignatureListService(SigningLetters letters, SignatureListRepository lists, ListLocking locking) {
        this.letters = letters;
        this.lists = lists;
        this.locking = locking;
    }

    /**
     * Locks the list now: from this moment nobody can sign, decline or withdraw, and the list that
     * will be published is recorded with its hash. Refused unless the letter is open for signatures.
     */
    @Transactional
    public LockedList lock(UUID letterId) {
        requireOrganiser(letterId);
        return locking.lock(letterId, null);
    }

    /** The list as locked, or empty while it is not. */
    @Transactional(readOnly = true)
    public Optional<LockedList> locked(UUID letterId) {
        requireOrganiser(letterId);
        return lists.find(letterId);
    }

    private SignableLetter requireOrganiser(UUID letterId) {
        UUID me = CurrentUser.requireId();
        if (!letters.drafts(letterId, me)) {
            throw new NotFoundException();
        }
        return letters.find(letterId).orElseThrow(NotFoundException::new);
    }
}
