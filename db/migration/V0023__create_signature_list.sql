-- The signature list as it was locked (see docs/decisions/0021-locked-signature-list.md): one row
-- per locked letter with the frozen text it counts for, the order chosen and the SHA-256 over the
-- canonical form of the ordered lines; one row per listed signature with its display line copied
-- exactly as signed. Reordering before review re-records positions and hash (with an audit row).
CREATE TABLE signature_list (
    letter_id   uuid        PRIMARY KEY REFERENCES letter (id),
    revision    integer     NOT NULL,
    text_sha256 text        NOT NULL CHECK (text_sha256 ~ '^[0-9a-f]{64}$'),
    locked_at   timestamptz NOT NULL,
    list_order  text        NOT NULL CHECK (list_order IN ('SIGNING_TIME', 'FAMILY_NAME', 'BY_HAND')),
    list_sha256 text        NOT NULL CHECK (list_sha256 ~ '^[0-9a-f]{64}$'),
    recorded_at timestamptz NOT NULL,
    CONSTRAINT signature_list_text FOREIGN KEY (letter_id, revision) REFERENCES signing_text (letter_id, revision)
);

CREATE TABLE signature_list_line (
    letter_id         uuid        NOT NULL REFERENCES signature_list (letter_id),
    position          integer     NOT NULL CHECK (position >= 1),
    signature_id      uuid        NOT NULL REFERENCES signature (id),
    display_name      text        NOT NULL,
    role_line         text,
    organisation      text,
    personal_capacity boolean     NOT NULL,
    level             text        NOT NULL CHECK (level IN ('EMAIL_CODE', 'ORGANISATION_DOMAIN')),
    signed_at         timestamptz NOT NULL,
    PRIMARY KEY (letter_id, position),
    CONSTRAINT signature_list_line_once UNIQUE (letter_id, signature_id)
);

-- The order the team chose (while open or locked), the lock deadline set in advance, and, per
-- signature, a hand-corrected family name for alphabetical order and a position for the order by hand.
ALTER TABLE letter_signing
    ADD COLUMN list_order    text NOT NULL DEFAULT 'SIGNING_TIME'
        CHECK (list_order IN ('SIGNING_TIME', 'FAMILY_NAME', 'BY_HAND')),
    ADD COLUMN lock_deadline timestamptz;
CREATE INDEX letter_signing_lock_due ON letter_signing (lock_deadline) WHERE lock_deadline IS NOT NULL;

ALTER TABLE signature
    ADD COLUMN family_name   text CHECK (char_length(family_name) BETWEEN 1 AND 200),
    ADD COLUMN hand_position integer CHECK (hand_position >= 1);
