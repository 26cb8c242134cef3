-- The current text of a letter: an ordered list of blocks. Each save bumps version and is
-- accepted only against the version the person started from (optimistic locking).
-- A removed block keeps its row (removed_at) so that history can bring it back.
CREATE TABLE letter_block (
    id         uuid        PRIMARY KEY,
    letter_id  uuid        NOT NULL REFERENCES letter (id),
    position   integer     NOT NULL,
    kind       text        NOT NULL
        CHECK (kind IN ('HEADING', 'DATE_PLACE', 'SALUTATION', 'PARAGRAPH', 'CLOSING', 'FOOTER')),
    text       text        NOT NULL,
    version    integer     NOT NULL DEFAULT 1,
    updated_by uuid        NOT NULL REFERENCES account (id),
    updated_at timestamptz NOT NULL,
    removed_at timestamptz,
    CONSTRAINT letter_block_text_length CHECK (char_length(text) <= 20000)
);
CREATE INDEX letter_block_by_letter ON letter_block (letter_id, position);
