package org.undersigned.signing;

import java.util.Optional;
import java.util.UUID;

/**
 * What publication needs of signing once a list is locked. Methods that change data run in the
 * caller's transaction (they write to the mail outbox).
 */
public interface SignatureLists {

    /** The list as locked, or empty while the letter is not locked (or unknown). No access check. */
    Optional<LockedList> locked(UUID letterId);

    /**
     * Writes, in the caller's transaction, one mail to every signer on the locked list with the
     * public link of the published letter (in each invitee's language).
     */
    void mailPublished(UUID letterId, String publicUrl);
}
