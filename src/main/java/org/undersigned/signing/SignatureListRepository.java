package org.undersigned.signing;

import static org.undersigned.signing.InvitationRepository.ts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** SQL for the locked signature list, the order chosen, and the lock deadline. */
@Repository
class SignatureListRepository {

    private record Header(
            UUID letterId, int revision, String textSha256, Instant lockedAt, String listOrder, String listSha256) {}

    private final JdbcClient jdbc;

    SignatureListRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The signatures that count for the frozen text {@code revision}: not withdrawn, and last
     * consented to that revision (a signature on an earlier revision awaits re-confirmation and
     * does not count).
     */
    List<ListOrdering.Counted> counting(UUID letterId, int revision) {
        return jdbc.sql("""
                        SELECT id, display_name, role_line, organisation, personal_capacity, code_verified,
                               domain_matched, signed_at, family_name, hand_position
                          FROM signature
                         WHERE letter_id = :letter AND withdrawn_at IS NULL AND revision = :revision
                         ORDER BY signed_at, id""")
                .param("letter", letterId)
                .param("revision", revision)
                .query(ListOrdering.Counted.class)
                .list();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void save(LockedList list, Instant recordedAt) {
        jdbc.sql("""
                        INSERT INTO signature_list (letter_id, revision, text_sha256, locked_at, list_order, list_sha256, recorded_at)
                        VALUES (:letter, :revision, :text, :locked, :order, :hash, :now)""")
                .param("letter", list.letterId())
                .param("revision", list.revision())
                .param("text", list.textSha256())
                .param("locked", ts(list.lockedAt()))
                .param("order", list.order())
                .param("hash", list.listSha256())
                .param("now", ts(recordedAt))
                .update();
        insertLines(list);
    }

    /** Re-records the order and hash of a locked list (same signatures, same lock time). */
    @Transactional(propagation = Propagation.MANDATORY)
    void replace(LockedList list, Instant recordedAt) {
        jdbc.sql("DELETE FROM signature_list_line WHERE letter_id = :letter")
                .param("letter", list.letterId())
                .update();
        jdbc.sql("""
                        UPDATE signature_list SET list_order = :order, list_sha256 = :hash, recorded_at = :now
                         WHERE letter_id = :letter""")
                .param("letter", list.letterId())
                .param("order", list.order())
                .param("hash", list.listSha256())
                .param("now", ts(recordedAt))
                .update();
        insertLines(list);
    }

    private void insertLines(LockedList list) {
        for (LockedList.Line l : list.signatures()) {
            jdbc.sql("""
                            INSERT INTO signature_list_line (letter_id, position, signature_id, display_name, role_line,
                                   organisation, personal_capacity, level, signed_at)
                            VALUES (:letter, :position, :signature, :name, :role, :org, :personal, :level, :signed)""")
                    .param("letter", list.letterId())
                    .param("position", l.position())
                    .param("signature", l.signatureId())
                    .param("name", l.displayName())
                    .param("role", l.roleLine())
                    .param("org", l.organisation())
                    .param("personal", l.personalCapacity())
                    .param("level", l.level().name())
                    .param("signed", ts(l.signedAt()))
                    .update();
        }
    }

    Optional<LockedList> find(UUID letterId) {
        return jdbc.sql("""
                        SELECT letter_id, revision, text_sha256, locked_at, list_order, list_sha256
                          FROM signature_list WHERE letter_id = :letter""")
                .param("letter", letterId)
                .query(Header.class)
                .optional()
                .map(h -> new LockedList(
                        h.letterId(),
                        h.revision(),
                        h.textSha256(),
                        h.lockedAt(),
                        h.listOrder(),
                        h.listSha256(),
                        jdbc.sql("""
                                        SELECT position, signature_id, display_name, role_line, organisation,
                                               personal_capacity, level, signed_at
                                          FROM signature_list_line WHERE letter_id = :letter ORDER BY position""")
                                .param("letter", letterId)
                                .query(LockedList.Line.class)
                                .list()));
    }

    Optional<Instant> lockedAt(UUID letterId) {
        return jdbc.sql("SELECT locked_at FROM signature_list WHERE letter_id = :letter")
                .param("letter", letterId)
                .query(Instant.class)
                .optional();
    }

    boolean listed(UUID letterId, UUID signatureId) {
        return jdbc.sql(
                        "SELECT EXISTS (SELECT 1 FROM signature_list_line WHERE letter_id = :letter AND signature_id = :sig)")
                .param("letter", letterId)
                .param("sig", signatureId)
                .query(Boolean.class)
                .single();
    }

    /** Who to tell on publication: each listed signer's invitation (for the address and language). */
    List<UUID> listedInvitations(UUID letterId) {
        return jdbc.sql("""
                        SELECT s.invitation_id FROM signature_list_line l JOIN signature s ON s.id = l.signature_id
                         WHERE l.letter_id = :letter ORDER BY l.position""").param("letter", letterId).query(UUID.class).list();
    }

    // --- the order chosen and the deadline (letter_signing) ---

    ListOrder order(UUID letterId) {
        return jdbc.sql("SELECT list_order FROM letter_signing WHERE letter_id = :letter")
                .param("letter", letterId)
                .query(ListOrder.class)
                .optional()
                .orElse(ListOrder.SIGNING_TIME);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void setOrder(UUID letterId, ListOrder order) {
        jdbc.sql("""
                        INSERT INTO letter_signing (letter_id, list_order) VALUES (:letter, :order)
                        ON CONFLICT (letter_id) DO UPDATE SET list_order = :order""").param("letter", letterId).param("order", order.name()).update();
    }

    Optional<Instant> deadline(UUID letterId) {
        return jdbc.sql(
                        "SELECT lock_deadline FROM letter_signing WHERE letter_id = :letter AND lock_deadline IS NOT NULL")
                .param("letter", letterId)
                .query(Instant.class)
                .optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void setDeadline(UUID letterId, @Nullable Instant deadline) {
        jdbc.sql("""
                        INSERT INTO letter_signing (letter_id, lock_deadline) VALUES (:letter, :deadline)
                        ON CONFLICT (letter_id) DO UPDATE SET lock_deadline = :deadline""").param("letter", letterId).param("deadline", ts(deadline)).update();
    }

    /** Letters whose lock deadline has passed (the job checks each one's state under its lock). */
    List<UUID> deadlineDue(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT letter_id FROM letter_signing WHERE lock_deadline <= :now
                           AND EXISTS (SELECT 1 FROM letter WHERE letter.id = letter_id AND letter.state = 'OPEN_FOR_SIGNATURES')
                         ORDER BY lock_deadline LIMIT :limit""")
                .param("now", ts(now))
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void setFamilyName(UUID letterId, UUID signatureId, @Nullable String familyName) {
        jdbc.sql("UPDATE signature SET family_name = :name WHERE id = :id AND letter_id = :letter")
                .param("name", familyName)
                .param("id", signatureId)
                .param("letter", letterId)
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void setHandPosition(UUID letterId, UUID signatureId, int position) {
        jdbc.sql("UPDATE signature SET hand_position = :position WHERE id = :id AND letter_id = :letter")
                .param("position", position)
                .param("id", signatureId)
                .param("letter", letterId)
                .update();
    }
}
