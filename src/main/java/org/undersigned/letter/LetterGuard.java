package org.undersigned.letter;

import java.util.UUID;
import org.springframework.stereotype.Component;
import org.undersigned.base.CurrentUser;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;
import org.undersigned.base.SignedInUser;

/**
 * Who may do what with a letter. A draft is visible only to members of its drafting
 * organisations, people invited in person, and administrators (read-only); to anyone else it
 * does not exist ({@link NotFoundException}, the same as for a wrong id).
 */
@Component
class LetterGuard {

    private final LetterRepository letters;

    LetterGuard(LetterRepository letters) {
        this.letters = letters;
    }

    LetterAccess access(UUID letterId) {
        SignedInUser me = CurrentUser.get().orElseThrow(NotFoundException::new);
        var role = letters.roleOf(letterId, me.accountId());
        if (role.isPresent()) {
            return LetterAccess.of(role.get());
        }
        if (CurrentUser.isAdmin() && letters.find(letterId).isPresent()) {
            return LetterAccess.READ;
        }
        throw new NotFoundException();
    }

    SignedInUser read(UUID letterId) {
        access(letterId);
        return CurrentUser.require();
    }

    SignedInUser comment(UUID letterId) {
        if (!access(letterId).canComment()) {
            throw new RefusedException("Administrators can read drafts; only the co-drafters comment on them.");
        }
        return CurrentUser.require();
    }

    SignedInUser edit(UUID letterId) {
        LetterAccess access = access(letterId);
        if (!access.canEdit()) {
            throw new RefusedException(
                    access == LetterAccess.COMMENT
                            ? "You can comment on this letter and suggest changes, but not change its text."
                            : "Administrators can read drafts; only the co-drafters change them.");
        }
        return CurrentUser.require();
    }
}
