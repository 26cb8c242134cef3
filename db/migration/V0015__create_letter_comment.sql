-- Comments anchored to a block. A thread is a root comment (parent_id NULL) and its replies;
-- resolving marks the root.
CREATE TABLE letter_comment (
    id          uuid        PRIMARY KEY,
    letter_id   uuid        NOT NULL REFERENCES letter (id),
    block_id    uuid        NOT NULL REFERENCES letter_block (id),
    parent_id   uuid        REFERENCES letter_comment (id),
    author_id   uuid        NOT NULL REFERENCES account (id),
    body        text        NOT NULL,
    created_at  timestamptz NOT NULL,
    resolved_at timestamptz,
    resolved_by uuid        REFERENCES account (id),
    CONSTRAINT letter_comment_body_length CHECK (char_length(body) BETWEEN 1 AND 5000)
);
CREATE INDEX letter_comment_by_letter ON letter_comment (letter_id, created_at);
