-- One invited signatory of one letter. The state follows org.undersigned.signing.InvitationState;
-- each change stamps its *_at column. Emails are stored normalised (lower case) and are unique per
-- letter. last_mail_id points at the outbox row of the latest invitation or reminder, so that the
-- organisers see its delivery and a permanent failure turns the invitation BOUNCED.
CREATE TABLE invitation (
    id               uuid        PRIMARY KEY,
    letter_id        uuid        NOT NULL REFERENCES letter (id),
    name             text        NOT NULL,
    role_line        text,
    organisation     text,
    email            text        NOT NULL,
    language         text        NOT NULL DEFAULT 'en',
    state            text        NOT NULL DEFAULT 'CREATED'
        CHECK (state IN ('CREATED', 'SENT', 'OPENED', 'SIGNED', 'DECLINED', 'WITHDRAWN', 'EXPIRED', 'REVOKED', 'BOUNCED')),
    created_by       uuid        NOT NULL REFERENCES account (id),
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz,
    opened_at        timestamptz,
    signed_at        timestamptz,
    declined_at      timestamptz,
    decline_reason   text,
    withdrawn_at     timestamptz,
    expired_at       timestamptz,
    revoked_at       timestamptz,
    bounced_at       timestamptz,
    expires_at       timestamptz,
    reminders_sent   integer     NOT NULL DEFAULT 0,
    next_reminder_at timestamptz,
    last_mail_id     bigint      REFERENCES mail_outbox (id),
    CONSTRAINT invitation_email_once UNIQUE (letter_id, email),
    CONSTRAINT invitation_name_length CHECK (char_length(name) BETWEEN 1 AND 200),
    CONSTRAINT invitation_role_length CHECK (char_length(role_line) <= 300),
    CONSTRAINT invitation_organisation_length CHECK (char_length(organisation) <= 300),
    CONSTRAINT invitation_email_length CHECK (char_length(email) <= 254),
    CONSTRAINT invitation_reason_length CHECK (char_length(decline_reason) <= 2000)
);
CREATE INDEX invitation_by_letter ON invitation (letter_id, created_at);
CREATE INDEX invitation_by_mail ON invitation (last_mail_id);
CREATE INDEX invitation_reminder_due ON invitation (next_reminder_at) WHERE state IN ('SENT', 'OPENED');
CREATE INDEX invitation_expiry_due ON invitation (expires_at) WHERE state IN ('SENT', 'OPENED', 'BOUNCED');

-- Links mailed to an invitee: only the SHA-256 of each 256-bit token is kept. Every mail carries a
-- fresh token; a token is retired when it can no longer be used (the invitation was signed with
-- it or another), so that a retired link gets a clear "already used" page.
CREATE TABLE invitation_token (
    token_hash    bytea       PRIMARY KEY,
    invitation_id uuid        NOT NULL REFERENCES invitation (id) ON DELETE CASCADE,
    issued_at     timestamptz NOT NULL,
    retired_at    timestamptz
);
CREATE INDEX invitation_token_by_invitation ON invitation_token (invitation_id);
