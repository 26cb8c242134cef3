-- A proposed replacement of a block's text, accepted (it becomes a revision) or rejected by an
-- editor. base_text is the block's text the proposer saw.
CREATE TABLE letter_suggestion (
    id            uuid        PRIMARY KEY,
    letter_id     uuid        NOT NULL REFERENCES letter (id),
    block_id      uuid        NOT NULL REFERENCES letter_block (id),
    base_version  integer     NOT NULL,
    base_text     text        NOT NULL,
    proposed_text text        NOT NULL,
    author_id     uuid        NOT NULL REFERENCES account (id),
    created_at    timestamptz NOT NULL,
    state         text        NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'ACCEPTED', 'REJECTED')),
    decided_by    uuid        REFERENCES account (id),
    decided_at    timestamptz,
    CONSTRAINT letter_suggestion_text_length CHECK (char_length(proposed_text) <= 20000)
);
CREATE INDEX letter_suggestion_by_letter ON letter_suggestion (letter_id, created_at);
