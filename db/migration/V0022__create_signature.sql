-- The code step. One pending code per invitation: only an HMAC of the 6 digits under the
-- platform key is kept, with the display line and the frozen revision it will confirm.
CREATE TABLE signing_code (
    invitation_id     uuid        PRIMARY KEY REFERENCES invitation (id) ON DELETE CASCADE,
    code_hash         bytea       NOT NULL,
    attempts          integer     NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL,
    display_name      text        NOT NULL,
    role_line         text,
    organisation      text,
    personal_capacity boolean     NOT NULL,
    revision          integer     NOT NULL
);

-- A signature: at most one per (letter, invitation), whatever the number of clicks, tabs or
-- threads. revision/text_sha256 are the frozen text the signer last consented to; earlier
-- consents stay in signature_consent. A withdrawn signature keeps its row (withdrawn_at).
CREATE TABLE signature (
    id                uuid        PRIMARY KEY,
    letter_id         uuid        NOT NULL,
    invitation_id     uuid        NOT NULL REFERENCES invitation (id),
    display_name      text        NOT NULL,
    role_line         text,
    organisation      text,
    personal_capacity boolean     NOT NULL,
    revision          integer     NOT NULL,
    text_sha256       text        NOT NULL CHECK (text_sha256 ~ '^[0-9a-f]{64}$'),
    email_link_used   boolean     NOT NULL,
    code_verified     boolean     NOT NULL,
    domain_matched    boolean     NOT NULL,
    signed_at         timestamptz NOT NULL,
    withdrawn_at      timestamptz,
    CONSTRAINT signature_once UNIQUE (letter_id, invitation_id),
    CONSTRAINT signature_text FOREIGN KEY (letter_id, revision) REFERENCES signing_text (letter_id, revision),
    CONSTRAINT signature_name_length CHECK (char_length(display_name) BETWEEN 1 AND 200),
    CONSTRAINT signature_role_length CHECK (char_length(role_line) <= 300),
    CONSTRAINT signature_organisation_length CHECK (char_length(organisation) <= 300)
);
CREATE INDEX signature_by_letter ON signature (letter_id, signed_at);

CREATE TABLE signature_consent (
    signature_id uuid        NOT NULL REFERENCES signature (id),
    revision     integer     NOT NULL,
    text_sha256  text        NOT NULL,
    consented_at timestamptz NOT NULL,
    PRIMARY KEY (signature_id, revision)
);
