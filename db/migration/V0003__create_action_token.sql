-- Single-use links sent by mail or printed in the log: only the SHA-256 of the token is kept.
-- A token is consumed by setting used_at in the same transaction as the action it allows.
CREATE TABLE action_token (
    token_hash      bytea       PRIMARY KEY,
    purpose         text        NOT NULL
        CHECK (purpose IN ('ADMIN_SETUP', 'VERIFY_EMAIL', 'PASSWORD_RESET', 'JOIN_ORGANISATION')),
    account_id      uuid        REFERENCES account (id),
    organisation_id uuid        REFERENCES organisation (id) ON DELETE CASCADE,
    email           text,
    role            text        CHECK (role IN ('OWNER', 'MEMBER')),
    created_by      uuid        REFERENCES account (id),
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz,
    used_at         timestamptz
);
CREATE INDEX action_token_by_account ON action_token (account_id);
