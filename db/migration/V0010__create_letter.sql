-- A letter being drafted (and, later, signed and published). The state follows
-- org.undersigned.letter.LetterState; each transition stamps its *_at column.
-- revision_count is the number of the latest revision: bumping it locks the letter row, so
-- every write to a letter's text is serialised and revision numbers have no gaps.
CREATE TABLE letter (
    id                        uuid        PRIMARY KEY,
    title                     text        NOT NULL,
    language                  text        NOT NULL,
    publisher_organisation_id uuid        NOT NULL REFERENCES organisation (id),
    state                     text        NOT NULL DEFAULT 'DRAFT'
        CHECK (state IN ('DRAFT', 'OPEN_FOR_SIGNATURES', 'LOCKED', 'IN_REVIEW', 'PUBLISHED', 'WITHDRAWN')),
    revision_count            integer     NOT NULL DEFAULT 0,
    created_by                uuid        NOT NULL REFERENCES account (id),
    created_at                timestamptz NOT NULL,
    updated_by                uuid        NOT NULL REFERENCES account (id),
    updated_at                timestamptz NOT NULL,
    opened_at                 timestamptz,
    locked_at                 timestamptz,
    review_requested_at       timestamptz,
    published_at              timestamptz,
    withdrawn_at              timestamptz,
    CONSTRAINT letter_title_length CHECK (char_length(title) BETWEEN 1 AND 300),
    CONSTRAINT letter_language_tag CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$')
);
CREATE INDEX letter_by_publisher ON letter (publisher_organisation_id);
