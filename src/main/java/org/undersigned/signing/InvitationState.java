package org.undersigned.signing;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where one invited signatory stands: {@code CREATED → SENT → OPENED → SIGNED | DECLINED}, plus
 * {@code EXPIRED}, {@code REVOKED}, {@code BOUNCED}, and {@code SIGNED → WITHDRAWN} while the list
 * is open; what is still open at lock becomes {@code CLOSED}. Each invitation moves on its own; nothing here touches the letter or another invitee.
 */
public enum InvitationState {
    CREATED("Not sent yet", "neutral"),
    SENT("Invited", "info"),
    OPENED("Opened", "info"),
    SIGNED("Signed", "success"),
    DECLINED("Declined", "neutral"),
    WITHDRAWN("Withdrawn", "neutral"),
    EXPIRED("Expired", "warning"),
    REVOKED("Revoked", "neutral"),
    BOUNCED("Bounced", "error"),
    /** Still open when the list was locked: it can no longer be used, and the invitee was told. */
    CLOSED("Closed at lock", "neutral");

    /** States in which the invitee may still sign (or decline) with a link. */
    public static final Set<InvitationState> SIGNABLE = EnumSet.of(SENT, OPENED);

    /** States in which the organisers may send the invitation again, or revoke it. */
    public static final Set<InvitationState> RESENDABLE = EnumSet.of(SENT, OPENED, BOUNCED, EXPIRED);

    /** States an automatic or manual reminder may go to. */
    public static final Set<InvitationState> REMINDABLE = EnumSet.of(SENT, OPENED);

    /** States after which the invitation changes no more. */
    public static final Set<InvitationState> FINAL = EnumSet.of(DECLINED, WITHDRAWN, REVOKED, CLOSED);

    /** States closed when the list is locked (the invitee had not answered). */
    public static final Set<InvitationState> OPEN_AT_LOCK = EnumSet.of(CREATED, SENT, OPENED, BOUNCED);

    private final String label;
    private final String tone;

    InvitationState(String label, String tone) {
        this.label = label;
        this.tone = tone;
    }

    public String label() {
        return label;
    }

    /** The badge colour in the organisers' view. */
    public String tone() {
        return tone;
    }

    public boolean canTransitionTo(InvitationState next) {
        return switch (this) {
            case CREATED -> next == SENT || next == CLOSED;
            case SENT ->
                next == OPENED
                        || next == SIGNED
                        || next == DECLINED
                        || next == EXPIRED
                        || next == REVOKED
                        || next == BOUNCED
                        || next == SENT
                        || next == CLOSED;
            case OPENED ->
                next == SIGNED
                        || next == DECLINED
                        || next == EXPIRED
                        || next == REVOKED
                        || next == BOUNCED
                        || next == SENT
                        || next == CLOSED;
            case BOUNCED -> next == SENT || next == OPENED || next == EXPIRED || next == REVOKED || next == CLOSED;
            case EXPIRED -> next == SENT || next == REVOKED;
            case SIGNED -> next == WITHDRAWN;
            case DECLINED, WITHDRAWN, REVOKED, CLOSED -> false;
        };
    }

    /** The column stamped when an invitation enters this state. */
    String stampColumn() {
        return switch (this) {
            case CREATED -> "created_at";
            case SENT -> "sent_at";
            case OPENED -> "opened_at";
            case SIGNED -> "signed_at";
            case DECLINED -> "declined_at";
            case WITHDRAWN -> "withdrawn_at";
            case EXPIRED -> "expired_at";
            case REVOKED -> "revoked_at";
            case BOUNCED -> "bounced_at";
            case CLOSED -> "closed_at";
        };
    }
}
