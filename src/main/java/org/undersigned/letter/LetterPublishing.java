package org.undersigned.letter;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.audit.AuditLog;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;

/** The letter's side of publication ({@link PublishingLetters}), in a file of its own. */
@Component
class LetterPublishing implements PublishingLetters {

    private final LetterRepository letters;
    private final BlockRepository blocks;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final LetterEvents events;

    LetterPublishing(
            LetterRepository letters,
            BlockRepository blocks,
            JdbcClient jdbc,
            AuditLog audit,
            Clock clock,
            LetterEvents events) {
        this.events = events;
        this.letters = letters;
        this.blocks = blocks;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Optional<PublishableLetter> find(UUID letterId) {
        return letters.find(letterId)
                .map(l -> new PublishableLetter(
                        l.id(),
                        l.title(),
                        l.language(),
                        Languages.rightToLeft(l.language()),
                        l.publisherOrganisationId(),
                        l.publisherName(),
                        l.state(),
                        l.lockedAt(),
                        l.reviewRequestedAt(),
                        l.publishedAt()));
    }

    @Override
    public boolean edits(UUID letterId, UUID accountId) {
        return letters.roleOf(letterId, accountId).orElse(null) == DraftingRole.EDITOR;
    }

    @Override
    public boolean drafts(UUID letterId, UUID accountId) {
        return letters.roleOf(letterId, accountId).isPresent();
    }

    @Override
    public List<UUID> draftingOrganisations(UUID letterId) {
        return letters.parties(letterId).stream()
                .map(DraftingParty::organisationId)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    @Override
    public List<TeamMember> editors(UUID letterId) {
        return jdbc.sql("""
                        SELECT DISTINCT a.id AS account_id, a.display_name AS name, a.email
                          FROM drafting_party p
                          LEFT JOIN membership m ON m.organisation_id = p.organisation_id
                          JOIN account a ON a.id = COALESCE(p.account_id, m.account_id)
                         WHERE p.letter_id = :letter AND p.role = 'EDITOR'
                           AND a.disabled_at IS NULL AND a.email_verified_at IS NOT NULL
                         ORDER BY a.email""").param("letter", letterId).query(TeamMember.class).list();
    }

    @Override
    public LetterRevision revision(UUID letterId, int number) {
        return blocks.revision(letterId, number).orElseThrow(NotFoundException::new);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public LetterState lockRow(UUID letterId) {
        return letters.lock(letterId).orElseThrow(NotFoundException::new);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Instant requestReview(UUID letterId, Map<String, ?> auditDetails) {
        LetterState state = lockRow(letterId);
        if (!state.canTransitionTo(LetterState.IN_REVIEW)) {
            throw new RefusedException(
                    state == LetterState.IN_REVIEW
                            ? "Publication has already been requested; an administrator will review it."
                            : "The letter is “" + state.label()
                                    + "”: lock the list of signatures before you request publication.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        move(letterId, LetterState.IN_REVIEW, now);
        audit.append("LETTER_REVIEW_REQUESTED", "letter", letterId, letterId, auditDetails);
        return now;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void returnToLocked(UUID letterId, Map<String, ?> auditDetails) {
        LetterState state = lockRow(letterId);
        if (state != LetterState.IN_REVIEW) {
            throw new RefusedException(
                    "The letter is “" + state.label() + "”: only a letter in review can be sent back.");
        }
        // Back to LOCKED keeps the original locked_at: the list was locked then, not now.
        jdbc.sql("UPDATE letter SET state = 'LOCKED' WHERE id = :id")
                .param("id", letterId)
                .update();
        // Open editors show the new state and next step (delivered if this commits).
        events.publish(new LetterEvent.LetterChanged(letterId));
        audit.append("LETTER_REVIEW_REJECTED", "letter", letterId, letterId, auditDetails);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(UUID letterId, Instant at, @Nullable String systemActor, Map<String, ?> auditDetails) {
        LetterState state = lockRow(letterId);
        if (!state.canTransitionTo(LetterState.PUBLISHED)) {
            throw new RefusedException(
                    state == LetterState.PUBLISHED
                            ? "The letter is already published."
                            : "The letter is “" + state.label() + "”: only a letter in review can be published.");
        }
        move(letterId, LetterState.PUBLISHED, at);
        if (systemActor == null) {
            audit.append("LETTER_PUBLISHED", "letter", letterId, letterId, auditDetails);
        } else {
            audit.appendAs(systemActor, "LETTER_PUBLISHED", "letter", letterId, letterId, auditDetails);
        }
    }

    private void move(UUID letterId, LetterState next, Instant at) {
        jdbc.sql("UPDATE letter SET state = :state, " + next.stampColumn() + " = :at WHERE id = :id")
                .param("state", next.name())
                .param("at", Timestamp.from(at))
                .param("id", letterId)
                .update();
        // Open editors show the new state and next step (delivered if this commits).
        events.publish(new LetterEvent.LetterChanged(letterId));
    }
}
