package org.undersigned.signing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.audit.AuditLog;
import org.undersigned.letter.FrozenText;
import org.undersigned.letter.SignableLetter;

/**
 * Sends an invitation or a reminder: a fresh link token, the mail through the outbox, the state
 * and the next reminder, and the audit row, all in the caller's transaction on a locked invitation.
 */
@Component
class InvitationSender {

    private final InvitationRepository invitations;
    private final SigningMails mails;
    private final AuditLog audit;
    private final Clock clock;

    InvitationSender(InvitationRepository invitations, SigningMails mails, AuditLog audit, Clock clock) {
        this.invitations = invitations;
        this.mails = mails;
        this.audit = audit;
        this.clock = clock;
    }

    /** @param systemActor null when a signed-in organiser acts, else e.g. {@code system:reminders} */
    @Transactional(propagation = Propagation.MANDATORY)
    void send(
            InvitationRepository.Row row,
            SignableLetter letter,
            FrozenText text,
            SigningSettings settings,
            String action,
            @Nullable String systemActor) {
        Instant now = clock.instant();
        Instant expires = now.plus(Duration.ofDays(settings.expiryDays()));
        String token = invitations.issueToken(row.id(), now);
        long mail = mails.invitation(row, letter, text, token, expires, false);
        Instant next = settings.maxReminders() > 0 ? now.plus(Duration.ofDays(settings.firstReminderDays())) : null;
        invitations.markSent(row.id(), now, expires, next, mail);
        append(systemActor, action, row, letter, Map.of("mail", mail));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void remind(
            InvitationRepository.Row row,
            SignableLetter letter,
            FrozenText text,
            SigningSettings settings,
            @Nullable String systemActor) {
        Instant now = clock.instant();
        String token = invitations.issueToken(row.id(), now);
        Instant expires = row.expiresAt() == null ? now.plus(Duration.ofDays(settings.expiryDays())) : row.expiresAt();
        long mail = mails.invitation(row, letter, text, token, expires, true);
        Instant next = row.remindersSent() + 1 < settings.maxReminders()
                ? now.plus(Duration.ofDays(settings.reminderEveryDays()))
                : null;
        invitations.markReminded(row.id(), next, mail);
        append(
                systemActor,
                "INVITATION_REMINDED",
                row,
                letter,
                Map.of("mail", mail, "reminder", row.remindersSent() + 1));
    }

    private void append(
            @Nullable String systemActor,
            String action,
            InvitationRepository.Row row,
            SignableLetter letter,
            Map<String, ?> details) {
        if (systemActor == null) {
            audit.append(action, "invitation", row.id(), letter.id(), details);
        } else {
            audit.appendAs(systemActor, action, "invitation", row.id(), letter.id(), details);
        }
    }
}
