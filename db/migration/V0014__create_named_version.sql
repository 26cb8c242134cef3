-- A name people give to a revision ("sent to partners"). Kept apart so that revisions stay
-- append-only.
CREATE TABLE named_version (
    id              uuid        PRIMARY KEY,
    letter_id       uuid        NOT NULL REFERENCES letter (id),
    revision_number integer     NOT NULL,
    name            text        NOT NULL,
    named_by        uuid        NOT NULL REFERENCES account (id),
    named_at        timestamptz NOT NULL,
    CONSTRAINT named_version_revision FOREIGN KEY (letter_id, revision_number)
        REFERENCES letter_revision (letter_id, number),
    CONSTRAINT named_version_name_length CHECK (char_length(name) BETWEEN 1 AND 120)
);
CREATE INDEX named_version_by_letter ON named_version (letter_id, revision_number);
