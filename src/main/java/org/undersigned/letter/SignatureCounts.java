package org.undersigned.letter;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * How far each letter's signature collection has come, for the dashboard. Answered by the signing
 * feature (letter does not depend on it); without access checks: the caller shows counts only for
 * letters the person may see.
 */
public interface SignatureCounts {

    /** Signatures so far (not withdrawn) and invitations sent (not revoked). */
    record Count(int signed, int invited) {}

    /** The counts of the letters that have any invitation; letters without one are left out. */
    Map<UUID, Count> of(Collection<UUID> letterIds);
}
