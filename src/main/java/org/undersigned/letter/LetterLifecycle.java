package org.undersigned.letter;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.audit.AuditLog;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;

/**
 * What the signing feature needs of a letter: its public facts, who drafts it, and the guarded
 * transition {@code DRAFT → OPEN_FOR_SIGNATURES} that freezes the current revision (its canonical
 * text — NFC, LF line endings — and SHA-256, see {@link LetterRevision#canonicalText()}). Added by
 * the signing work in a file of its own; access checks stay with the callers (the signing
 * services check {@link #drafts} before acting).
 */
@Component
class LetterLifecycle implements SigningLetters {

    private final LetterRepository letters;
    private final BlockRepository blocks;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final LetterEvents events;

    LetterLifecycle(
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
    public Optional<SignableLetter> find(UUID letterId) {
        // The signing pages read the letter joined to their invitation; this is for the rest.
        return jdbc.sql("SELECT " + SignableLetter.COLUMNS_OF_L + " FROM signable_letter l WHERE l.id = :id")
                .param("id", letterId)
                .query((rs, n) -> SignableLetter.at(rs, 0))
                .optional();
    }

    /** Editors only: commenters may read a letter but not invite people to sign it. */
    @Override
    public boolean drafts(UUID letterId, UUID accountId) {
        return letters.roleOf(letterId, accountId).orElse(null) == DraftingRole.EDITOR;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public FrozenText openForSignatures(UUID letterId) {
        LetterState state = letters.lock(letterId).orElseThrow(NotFoundException::new);
        if (!state.canTransitionTo(LetterState.OPEN_FOR_SIGNATURES)) {
            throw new RefusedException(
                    "The letter is “" + state.label() + "”: only a draft can be opened for signatures.");
        }
        FrozenText text = currentText(letterId);
        Instant now = clock.instant();
        jdbc.sql("UPDATE letter SET state = 'OPEN_FOR_SIGNATURES', opened_at = :now WHERE id = :id")
                .param("now", Timestamp.from(now))
                .param("id", letterId)
                .update();
        // Open editors show the new state, and become read-only where it asks (delivered if this commits).
        events.publish(new LetterEvent.LetterChanged(letterId));
        audit.append(
                "LETTER_OPENED_FOR_SIGNATURES",
                "letter",
                letterId,
                letterId,
                Map.of("revision", text.revision(), "sha256", text.sha256()));
        return text;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Instant lockList(UUID letterId, @Nullable String systemActor, Function<Instant, Map<String, ?>> record) {
        LetterState state = letters.lock(letterId).orElseThrow(NotFoundException::new);
        if (!state.canTransitionTo(LetterState.LOCKED)) {
            throw new RefusedException(
                    state == LetterState.LOCKED
                            ? "The list of signatures is already locked."
                            : "The letter is “" + state.label()
                                    + "”: only a letter open for signatures can have its list locked.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("UPDATE letter SET state = 'LOCKED', locked_at = :now WHERE id = :id")
                .param("now", Timestamp.from(now))
                .param("id", letterId)
                .update();
        // Open editors show the new state, and become read-only where it asks (delivered if this commits).
        events.publish(new LetterEvent.LetterChanged(letterId));
        Map<String, ?> details = record.apply(now);
        if (systemActor == null) {
            audit.append("LETTER_LOCKED", "letter", letterId, letterId, details);
        } else {
            audit.appendAs(systemActor, "LETTER_LOCKED", "letter", letterId, letterId, details);
        }
        return now;
    }

    @Override
    public FrozenText currentText(UUID letterId) {
        Letter letter = letters.find(letterId).orElseThrow(NotFoundException::new);
        if (letter.revision() < 1) {
            throw new RefusedException("The letter has no text yet.");
        }
        LetterRevision revision = blocks.revision(letterId, letter.revision()).orElseThrow(NotFoundException::new);
        FrozenText text = FrozenText.of(revision.number(), letter.title(), revision.canonicalText());
        if (!text.sha256().equals(revision.sha256())) {
            throw new IllegalStateException("Signing and drafting disagree on the canonical text.");
        }
        return text;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public String stateUnderLock(UUID letterId) {
        return letters.lock(letterId).orElseThrow(NotFoundException::new).name();
    }

    @Override
    public Optional<Instant> publishedAt(UUID letterId) {
        return jdbc.sql(
                        "SELECT published_at FROM letter WHERE id = :id AND state = 'PUBLISHED' AND published_at IS NOT NULL")
                .param("id", letterId)
                .query(Instant.class)
                .optional();
    }

    @Override
    public List<UUID> publishedUpTo(Instant cutoff) {
        return jdbc.sql(
                        "SELECT id FROM letter WHERE state = 'PUBLISHED' AND published_at <= :cutoff ORDER BY published_at, id")
                .param("cutoff", Timestamp.from(cutoff))
                .query(UUID.class)
                .list();
    }

    @Override
    public List<String> editorEmails(UUID letterId) {
        return jdbc.sql("""
                        SELECT DISTINCT a.email FROM drafting_party p
                          JOIN account a ON a.id = p.account_id
                                         OR a.id IN (SELECT m.account_id FROM membership m WHERE m.organisation_id = p.organisation_id)
                         WHERE p.letter_id = :letter AND p.role = 'EDITOR' AND a.disabled_at IS NULL
                         ORDER BY a.email""").param("letter", letterId).query(String.class).list();
    }
}
