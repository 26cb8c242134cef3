-- A person invited by email to co-draft a letter. Only the SHA-256 of the link's token is kept;
-- the invitation is pending until it is accepted, revoked or past expires_at.
CREATE TABLE drafting_invitation (
    id          uuid        PRIMARY KEY,
    letter_id   uuid        NOT NULL REFERENCES letter (id),
    email       text        NOT NULL,
    role        text        NOT NULL CHECK (role IN ('EDITOR', 'COMMENTER')),
    token_hash  bytea       NOT NULL UNIQUE,
    invited_by  uuid        NOT NULL REFERENCES account (id),
    invited_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    accepted_at timestamptz,
    accepted_by uuid        REFERENCES account (id),
    revoked_at  timestamptz,
    revoked_by  uuid        REFERENCES account (id),
    CONSTRAINT drafting_invitation_one_end CHECK (accepted_at IS NULL OR revoked_at IS NULL),
    CONSTRAINT drafting_invitation_accepted_by CHECK ((accepted_at IS NULL) = (accepted_by IS NULL))
);
CREATE INDEX drafting_invitation_pending ON drafting_invitation (letter_id, email)
    WHERE accepted_at IS NULL AND revoked_at IS NULL;
