-- What signers sign. letter_signing holds a letter's signing settings and which frozen text is
-- current; signing_text keeps every text frozen for signing (the letter's canonical text at one
-- revision: Unicode NFC, LF line endings) with its SHA-256, append-only, so that a signature can
-- always be checked against exactly the words it was given for.
CREATE TABLE letter_signing (
    letter_id           uuid        PRIMARY KEY REFERENCES letter (id),
    current_revision    integer,
    expiry_days         integer     NOT NULL DEFAULT 30 CHECK (expiry_days BETWEEN 1 AND 365),
    first_reminder_days integer     NOT NULL DEFAULT 3 CHECK (first_reminder_days BETWEEN 1 AND 365),
    reminder_every_days integer     NOT NULL DEFAULT 4 CHECK (reminder_every_days BETWEEN 1 AND 365),
    max_reminders       integer     NOT NULL DEFAULT 3 CHECK (max_reminders BETWEEN 0 AND 10),
    opened_at           timestamptz
);

CREATE TABLE signing_text (
    letter_id uuid        NOT NULL REFERENCES letter (id),
    revision  integer     NOT NULL,
    title     text        NOT NULL,
    body      text        NOT NULL,
    sha256    text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    frozen_at timestamptz NOT NULL,
    PRIMARY KEY (letter_id, revision)
);

CREATE FUNCTION refuse_signing_text_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'frozen texts are append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER signing_text_append_only BEFORE UPDATE OR DELETE ON signing_text
    FOR EACH ROW EXECUTE FUNCTION refuse_signing_text_change();
