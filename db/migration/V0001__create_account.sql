-- A person who can sign in. Emails are stored normalised (NFC, trimmed, lower-case) so that
-- uniqueness does not depend on how someone typed their address.
CREATE TABLE account (
    id                uuid        PRIMARY KEY,
    email             text        NOT NULL,
    display_name      text        NOT NULL,
    password_hash     text,
    is_admin          boolean     NOT NULL DEFAULT false,
    email_verified_at timestamptz,
    disabled_at       timestamptz,
    totp_secret       bytea, -- AES-GCM sealed under the key file, never stored in the clear
    totp_confirmed_at timestamptz,
    totp_last_step    bigint,
    created_at        timestamptz NOT NULL,
    CONSTRAINT account_email_unique UNIQUE (email),
    CONSTRAINT account_email_length CHECK (char_length(email) <= 254),
    CONSTRAINT account_name_length CHECK (char_length(display_name) BETWEEN 1 AND 200)
);
