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
    private final JdbcClient jdbc;

    ListLocking(
            SigningLetters letters, InvitationRepository invitations, SignatureListRepository lists, JdbcClient jdbc) {
        this.letters = letters;
        this.invitations = invitations;
        this.lists = lists;
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
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("revision", revision);
            details.put("textSha256", text.sha256());
            details.put("order", order.name());
            details.put("signatures", list.signatures().size());
            details.put("listSha256", list.listSha256());
            details.put("by", systemActor == null ? "hand" : "deadline");
            return details;
        });
        return recorded[0];
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
