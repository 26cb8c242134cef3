package org.undersigned.signing;

import org.undersigned.base.RefusedException;

/** A signing step that cannot be taken, with the reason the page explains. Nothing was recorded. */
public class SigningRefused extends RefusedException {

    public enum Reason {
        INVALID_LINK(
                404,
                "This link does not work",
                "The link is incomplete or not one we sent. Please open the link from your invitation email again, exactly as it is."),
        USED_LINK(
                410,
                "This link has been used",
                "This link was already used and works no more. If you signed, the confirmation email has a link to see or withdraw your signature."),
        EXPIRED(
                410,
                "This invitation has expired",
                "The invitation is no longer valid. If you still want to sign, please ask the organisers to send it again."),
        REVOKED(410, "This invitation was withdrawn", "The organisers withdrew this invitation. Nothing was recorded."),
        DECLINED(
                410,
                "You declined this invitation",
                "You told us you will not sign this letter. If that was a mistake, please contact the organisers."),
        WITHDRAWN(410, "Your signature was withdrawn", "You withdrew your signature from this letter."),
        CLOSED(409, "Signing is closed", "This letter is not open for signatures any more. Nothing was recorded."),
        LOCKED(
                409,
                "The list of signatures is locked",
                "The organisers locked the list of signatures; your signature was not recorded."),
        NO_SESSION(
                401,
                "Please open your link again",
                "Your signing session has ended or was never started in this browser. Open the link from your invitation email again."),
        OTHER_INVITATION(
                409,
                "This page belongs to another invitation",
                "This browser has since opened a different invitation link. Nothing was recorded. Please open the link of the invitation you want to answer again."),
        TOO_MANY_TRIES(429, "Too many tries", "Please wait a few minutes and try again."),
        NO_CODE(
                409,
                "Ask for a new code",
                "There is no valid code for this signature any more. Please go back and ask for a new code."),
        ALREADY_SIGNED(409, "You have already signed", "Your signature is recorded once; nothing more was added.");

        private final int status;
        private final String heading;
        private final String explanation;

        Reason(int status, String heading, String explanation) {
            this.status = status;
            this.heading = heading;
            this.explanation = explanation;
        }

        public int status() {
            return status;
        }

        public String heading() {
            return heading;
        }

        public String explanation() {
            return explanation;
        }
    }

    private final Reason reason;
    private final String explanation;

    public SigningRefused(Reason reason) {
        this(reason, reason.explanation());
    }

    /** A refusal whose page says more than the reason's standard words (a date, for instance). */
    public SigningRefused(Reason reason, String explanation) {
        super(explanation);
        this.reason = reason;
        this.explanation = explanation;
    }

    /** What the page says. */
    public String explanation() {
        return explanation;
    }

    public Reason reason() {
        return reason;
    }
}
