package org.undersigned.signing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.audit.AuditLog;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;
import org.undersigned.letter.FrozenText;
import org.undersigned.letter.SignableLetter;
import org.undersigned.letter.SigningLetters;

/**
 * Locks a letter's signature list, by hand or at the deadline, and records it. Lock order: the
 * signing jobs' advisory lock (so the reminder job never holds an invitation this needs), the
 * letter row, the letter's current revision {@code FOR UPDATE} (it waits for every signature being
 * recorded, which holds it {@code FOR SHARE}, and every later signature waits for it and then sees
 * the letter locked), then invitations, and the audit chain last.
 */
@Component
class ListLocking {

    private final SigningLetters letters;
    private final InvitationRepository invitations;
    private final SignatureListRepository lists;
    private final SignatureRepository signatures;
    private final SigningMails mails;
    private final AuditLog audit;
    private final JdbcClient jdbc;

    ListLocking(
            SigningLetters letters,
            InvitationRepository invitations,
            SignatureListRepository lists,
            SignatureRepository signatures,
            SigningMails mails,
            AuditLog audit,
            JdbcClient jdbc) {
        this.letters = letters;
        this.invitations = invitations;
        this.lists = lists;
        this.signatures = signatures;
        this.mails = mails;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    /**
     * Locks the list now; refuses a letter that is not open for signatures.
     *
     * @param systemActor the audit actor when no one is signed in (the deadline job), else null
     */
    @Transactional(propagation = Propagation.MANDATORY)
    LockedList lock(UUID letterId, @Nullable String systemActor) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:lock)")
                .param("lock", SigningJobs.JOB_LOCK)
                .query()
                .listOfRows();
        SignableLetter letter = letters.find(letterId).orElseThrow(NotFoundException::new);
        LockedList[] recorded = new LockedList[1];
        letters.lockList(letterId, systemActor, lockedAt -> {
            int revision = invitations
                    .currentRevision(letterId, true)
                    .orElseThrow(() -> new RefusedException("The letter has no text open for signatures."));
            FrozenText text = invitations.text(letterId, revision).orElseThrow();
            ListOrder order = lists.order(letterId);
            LockedList list = build(letterId, text, lockedAt, order, lists.counting(letterId, revision), letter);
            lists.save(list, lockedAt);
            recorded[0] = list;
            int closed = closeOpenInvitations(letter, lockedAt, systemActor);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("revision", revision);
            details.put("textSha256", text.sha256());
            details.put("order", order.name());
            details.put("signatures", list.signatures().size());
            details.put("listSha256", list.listSha256());
            details.put("invitationsClosed", closed);
            details.put("by", systemActor == null ? "hand" : "deadline");
            return details;
        });
        return recorded[0];
    }

    /**
     * Re-records a locked list in the order now chosen (the same signatures, the same lock time);
     * the caller holds the letter row lock and checked that the letter is LOCKED. Appends a
     * {@code SIGNATURE_LIST_REORDERED} audit row with both hashes when the order changed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    LockedList reorder(UUID letterId, Instant now) {
        LockedList before = lists.find(letterId).orElseThrow(NotFoundException::new);
        SignableLetter letter = letters.find(letterId).orElseThrow(NotFoundException::new);
        java.util.Set<UUID> listed = new java.util.HashSet<>();
        before.signatures().forEach(l -> listed.add(l.signatureId()));
        List<ListOrdering.Counted> counted = lists.counting(letterId, before.revision()).stream()
                .filter(c -> listed.contains(c.id()))
                .toList();
        if (counted.size() != listed.size()) {
            throw new IllegalStateException("A locked signature changed after the lock.");
        }
        FrozenText text = invitations.text(letterId, before.revision()).orElseThrow();
        LockedList after = build(letterId, text, before.lockedAt(), lists.order(letterId), counted, letter);
        if (!after.listSha256().equals(before.listSha256())) {
            lists.replace(after, now);
            audit.append(
                    "SIGNATURE_LIST_REORDERED",
                    "letter",
                    letterId,
                    letterId,
                    Map.of("order", after.order(), "from", before.listSha256(), "to", after.listSha256()));
        }
        return after;
    }

    /** The signatures that count now, in the order chosen (while the letter is open). */
    List<LockedList.Line> preview(UUID letterId) {
        var revision = invitations.currentRevision(letterId);
        if (revision.isEmpty()) {
            return List.of();
        }
        SignableLetter letter = letters.find(letterId).orElseThrow(NotFoundException::new);
        return ListOrdering.lines(ListOrdering.sort(
                lists.counting(letterId, revision.get()),
                lists.order(letterId),
                Locale.forLanguageTag(letter.language())));
    }

    /**
     * Closes every unanswered invitation; those who had received one are told politely. All rows
     * are locked in one statement before the first audit row (the chain's lock is global).
     */
    private int closeOpenInvitations(SignableLetter letter, Instant now, @Nullable String systemActor) {
        List<InvitationRepository.Closed> closed = invitations.closeOpen(letter.id(), now);
        for (InvitationRepository.Closed c : closed) {
            invitations.retireTokens(c.id(), now);
            signatures.deleteCode(c.id());
            if (c.was() == InvitationState.SENT || c.was() == InvitationState.OPENED) {
                mails.closed(invitations.find(c.id()).orElseThrow(), letter.title(), letter.publisherName());
            }
        }
        for (InvitationRepository.Closed c : closed) {
            Map<String, Object> details = Map.of("was", c.was().name());
            if (systemActor == null) {
                audit.append("INVITATION_CLOSED", "invitation", c.id(), letter.id(), details);
            } else {
                audit.appendAs(systemActor, "INVITATION_CLOSED", "invitation", c.id(), letter.id(), details);
            }
        }
        return closed.size();
    }

    static LockedList build(
            UUID letterId,
            FrozenText text,
            Instant lockedAt,
            ListOrder order,
            List<ListOrdering.Counted> counted,
            SignableLetter letter) {
        List<LockedList.Line> lines =
                ListOrdering.lines(ListOrdering.sort(counted, order, Locale.forLanguageTag(letter.language())));
        String canonical =
                LockedList.canonicalForm(letterId, text.revision(), text.sha256(), lockedAt, order.name(), lines);
        return new LockedList(
                letterId, text.revision(), text.sha256(), lockedAt, order.name(), LockedList.sha256(canonical), lines);
    }
}
