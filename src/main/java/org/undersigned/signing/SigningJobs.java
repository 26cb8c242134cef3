package org.undersigned.signing;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.undersigned.audit.AuditLog;
import org.undersigned.letter.SigningLetters;
import org.undersigned.mail.MailDeliveryFailed;

/**
 * What happens to invitations without anyone clicking: automatic reminders and expiry (a scheduled
 * job that only one instance runs at a time, under a PostgreSQL advisory lock), and bounces (a
 * mail that can never be delivered makes its invitation BOUNCED, shown to the organisers).
 */
@Component
class SigningJobs {

    /** The advisory lock of the job; any constant works, it only has to be shared by the instances. */
    static final long JOB_LOCK = 7_413_020L;

    private static final Logger log = LoggerFactory.getLogger(SigningJobs.class);

    private final InvitationRepository invitations;
    private final SigningLetters letters;
    private final InvitationSender sender;
    private final SignatureRepository signatures;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    SigningJobs(
            InvitationRepository invitations,
            SigningLetters letters,
            InvitationSender sender,
            SignatureRepository signatures,
            AuditLog audit,
            JdbcClient jdbc,
            TransactionTemplate tx,
            Clock clock) {
        this.invitations = invitations;
        this.letters = letters;
        this.sender = sender;
        this.signatures = signatures;
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${undersigned.signing.job-millis:300000}",
            initialDelayString = "${undersigned.signing.job-initial-millis:30000}")
    void poll() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("Signing reminders paused: {}", e.getMessage());
        }
    }

    /** One pass: expires what is due, then sends due reminders. Returns {expired, reminded}, or null when another instance holds the lock. */
    int[] run() {
        return tx.execute(status -> {
            boolean mine = jdbc.sql("SELECT pg_try_advisory_xact_lock(:lock)")
                    .param("lock", JOB_LOCK)
                    .query(Boolean.class)
                    .single();
            if (!mine) {
                return null;
            }
            Instant now = clock.instant();
            int expired = 0;
            for (UUID id : invitations.expiryDue(now, 500)) {
                var row = invitations.lock(id).orElseThrow();
                if (row.state().canTransitionTo(InvitationState.EXPIRED)
                        && row.expiresAt() != null
                        && !now.isBefore(row.expiresAt())) {
                    invitations.setState(id, InvitationState.EXPIRED, now);
                    invitations.retireTokens(id, now);
                    signatures.deleteCode(id);
                    audit.appendAs("system:signing", "INVITATION_EXPIRED", "invitation", id, row.letterId(), Map.of());
                    expired++;
                }
            }
            int reminded = 0;
            for (UUID id : invitations.reminderDue(now, 500)) {
                var row = invitations.lock(id).orElseThrow();
                if (!InvitationState.REMINDABLE.contains(row.state())) {
                    continue;
                }
                var letter = letters.find(row.letterId()).orElse(null);
                var revision = invitations.currentRevision(row.letterId());
                if (letter == null || !letter.open() || revision.isEmpty()) {
                    continue;
                }
                var settings = invitations.settings(row.letterId());
                if (row.remindersSent() >= settings.maxReminders()) {
                    continue;
                }
                sender.remind(
                        row,
                        letter,
                        invitations.text(row.letterId(), revision.get()).orElseThrow(),
                        settings,
                        "system:signing");
                reminded++;
            }
            return new int[] {expired, reminded};
        });
    }

    /** Runs in the dispatcher's transaction that marks the mail failed. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void bounced(MailDeliveryFailed failure) {
        for (var row : invitations.byMail(failure.outboxId())) {
            var locked = invitations.lock(row.id()).orElseThrow();
            if (locked.state().canTransitionTo(InvitationState.BOUNCED)) {
                invitations.setState(row.id(), InvitationState.BOUNCED, clock.instant());
                audit.appendAs(
                        "system:mail",
                        "INVITATION_BOUNCED",
                        "invitation",
                        row.id(),
                        row.letterId(),
                        Map.of("mail", failure.outboxId()));
            }
        }
    }
}
