package org.undersigned.signing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.audit.AuditLog;
import org.undersigned.base.AppRoles;
import org.undersigned.base.CurrentUser;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;
import org.undersigned.base.Text;
import org.undersigned.letter.SignableLetter;
import org.undersigned.letter.SigningLetters;

/**
 * The drafting team's side of the signature list: locking it (by hand or at a deadline set in
 * advance), and its order. Only editors of the letter may use it; to anyone else the letter does
 * not exist. The order can be chosen while the letter is open or locked (before review is
 * requested); after the lock, a new order re-records the list and its hash.
 */
@Service
@PreAuthorize(AppRoles.HAS_USER)
public class SignatureListService {

    private final SigningLetters letters;
    private final SignatureListRepository lists;
    private final InvitationRepository invitations;
    private final ListLocking locking;
    private final AuditLog audit;
    private final Clock clock;

    SignatureListService(
            SigningLetters letters,
            SignatureListRepository lists,
            InvitationRepository invitations,
            ListLocking locking,
            AuditLog audit,
            Clock clock) {
        this.letters = letters;
        this.lists = lists;
        this.invitations = invitations;
        this.locking = locking;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the lock's confirmation says: how many are on the list, waiting, and still open. */
    public record LockPreview(int signatures, int awaitingReconfirmation, int openInvitations) {}

    /**
     * Locks the list now: from this moment nobody can sign, decline or withdraw, the open
     * invitations are closed (their invitees told), and the list that will be published is
     * recorded with its hash. Refused unless the letter is open for signatures.
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

    /** The list in its order: as locked, or as it would be locked now. */
    @Transactional(readOnly = true)
    public List<LockedList.Line> ordered(UUID letterId) {
        requireOrganiser(letterId);
        return lists.find(letterId).map(LockedList::signatures).orElseGet(() -> locking.preview(letterId));
    }

    @Transactional(readOnly = true)
    public LockPreview lockPreview(UUID letterId) {
        requireOrganiser(letterId);
        int revision = invitations.currentRevision(letterId).orElse(0);
        int counting = lists.counting(letterId, revision).size();
        int earlier = (int) invitations.list(letterId).stream()
                .filter(i -> i.state() == InvitationState.SIGNED
                        && i.signedRevision() != null
                        && i.signedRevision() < revision)
                .count();
        int open = (int) invitations.list(letterId).stream()
                .filter(i -> InvitationState.OPEN_AT_LOCK.contains(i.state()))
                .count();
        return new LockPreview(counting, earlier, open);
    }

    // --- deadline ---

    @Transactional(readOnly = true)
    public Optional<Instant> deadline(UUID letterId) {
        requireOrganiser(letterId);
        return lists.deadline(letterId);
    }

    /**
     * Sets (or, with null, clears) the time at which the list locks itself. Editable until the list
     * is locked; it must lie in the future.
     */
    @Transactional
    public void setDeadline(UUID letterId, @Nullable Instant deadline) {
        requireOrganiser(letterId);
        String state = letters.stateUnderLock(letterId);
        if (!"DRAFT".equals(state) && !"OPEN_FOR_SIGNATURES".equals(state)) {
            throw new RefusedException("The list is already locked: its deadline can no longer change.");
        }
        if (deadline != null && !deadline.isAfter(clock.instant())) {
            throw new InvalidInputException("deadline", "The deadline must be in the future.");
        }
        lists.setDeadline(letterId, deadline);
        audit.append(
                "LOCK_DEADLINE_SET",
                "letter",
                letterId,
                letterId,
                Map.of("deadline", deadline == null ? "none" : LockedList.time(deadline)));
    }

    // --- order ---

    @Transactional(readOnly = true)
    public ListOrder order(UUID letterId) {
        requireOrganiser(letterId);
        return lists.find(letterId).map(l -> ListOrder.valueOf(l.order())).orElseGet(() -> lists.order(letterId));
    }

    /** Chooses how the list is ordered; after the lock, re-records the list and its hash. */
    @Transactional
    public void setOrder(UUID letterId, ListOrder order) {
        requireOrganiser(letterId);
        boolean locked = requireOrderable(letterId);
        lists.setOrder(letterId, order);
        audit.append("SIGNATURE_ORDER_CHOSEN", "letter", letterId, letterId, Map.of("order", order.name()));
        if (locked) {
            locking.reorder(letterId, clock.instant());
        }
    }

    /**
     * Moves one signature up ({@code -1}) or down ({@code +1}) in the list: the order becomes "by
     * hand", starting from the order shown.
     */
    @Transactional
    public void move(UUID letterId, UUID signatureId, int delta) {
        requireOrganiser(letterId);
        if (delta != -1 && delta != 1) {
            throw new InvalidInputException("delta", "Move one place up or down.");
        }
        boolean locked = requireOrderable(letterId);
        List<UUID> ids = new ArrayList<>(current(letterId, locked));
        int at = ids.indexOf(signatureId);
        if (at < 0) {
            throw new NotFoundException();
        }
        int to = at + delta;
        if (to < 0 || to >= ids.size()) {
            return; // already first or last: nothing changes
        }
        ids.set(at, ids.get(to));
        ids.set(to, signatureId);
        for (int i = 0; i < ids.size(); i++) {
            lists.setHandPosition(letterId, ids.get(i), i + 1);
        }
        lists.setOrder(letterId, ListOrder.BY_HAND);
        audit.append("SIGNATURE_MOVED", "signature", signatureId, letterId, Map.of("from", at + 1, "to", to + 1));
        if (locked) {
            locking.reorder(letterId, clock.instant());
        }
    }

    /**
     * Corrects the family name used for alphabetical order (empty: the last word of the name
     * again). It is never published; it only sorts.
     */
    @Transactional
    public void setFamilyName(UUID letterId, UUID signatureId, @Nullable String familyName) {
        requireOrganiser(letterId);
        String name = Text.optionalLine("familyName", "Family name", familyName, 200);
        boolean locked = requireOrderable(letterId);
        if (!current(letterId, locked).contains(signatureId)) {
            throw new NotFoundException();
        }
        lists.setFamilyName(letterId, signatureId, name);
        audit.append("SIGNATURE_FAMILY_NAME_SET", "signature", signatureId, letterId, Map.of("set", name != null));
        if (locked) {
            locking.reorder(letterId, clock.instant());
        }
    }

    /** The family name alphabetical order uses for each signature on the list (corrected or derived). */
    @Transactional(readOnly = true)
    public Map<UUID, String> familyNames(UUID letterId) {
        requireOrganiser(letterId);
        int revision = lists.find(letterId)
                .map(LockedList::revision)
                .orElseGet(() -> invitations.currentRevision(letterId).orElse(0));
        Map<UUID, String> names = new java.util.LinkedHashMap<>();
        for (ListOrdering.Counted c : lists.counting(letterId, revision)) {
            names.put(c.id(), c.sortName());
        }
        return names;
    }

    private List<UUID> current(UUID letterId, boolean locked) {
        List<LockedList.Line> lines =
                locked ? lists.find(letterId).orElseThrow().signatures() : locking.preview(letterId);
        return lines.stream().map(LockedList.Line::signatureId).toList();
    }

    /** Locks the letter row; true when the list is locked, false when still open; refuses otherwise. */
    private boolean requireOrderable(UUID letterId) {
        String state = letters.stateUnderLock(letterId);
        return switch (state) {
            case "OPEN_FOR_SIGNATURES" -> false;
            case "LOCKED" -> true;
            case "DRAFT" -> throw new RefusedException("The order is chosen once the letter is open for signatures.");
            default ->
                throw new RefusedException(
                        "Publication has been requested: the order of the list can no longer change.");
        };
    }

    private SignableLetter requireOrganiser(UUID letterId) {
        UUID me = CurrentUser.requireId();
        if (!letters.drafts(letterId, me)) {
            throw new NotFoundException();
        }
        return letters.find(letterId).orElseThrow(NotFoundException::new);
    }
}
