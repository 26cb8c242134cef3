-- Append-only history: every save is a revision, numbered per letter from 1. A revision
-- records the full state of each block it touched; the letter as of revision n is, for each
-- block, its latest record at or before n. Rows are never updated or deleted (triggers refuse).
CREATE TABLE letter_revision (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    letter_id  uuid        NOT NULL REFERENCES letter (id),
    number     integer     NOT NULL,
    author_id  uuid        NOT NULL REFERENCES account (id),
    created_at timestamptz NOT NULL,
    summary    text        NOT NULL,
    CONSTRAINT letter_revision_number_once UNIQUE (letter_id, number)
);

CREATE TABLE letter_revision_block (
    revision_id bigint  NOT NULL REFERENCES letter_revision (id),
    block_id    uuid    NOT NULL,
    position    integer NOT NULL,
    kind        text    NOT NULL,
    text        text    NOT NULL,
    removed     boolean NOT NULL,
    PRIMARY KEY (revision_id, block_id)
);
CREATE INDEX letter_revision_block_by_block ON letter_revision_block (block_id);

CREATE FUNCTION refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'history is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER letter_revision_append_only BEFORE UPDATE OR DELETE ON letter_revision
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER letter_revision_no_truncate BEFORE TRUNCATE ON letter_revision
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER letter_revision_block_append_only BEFORE UPDATE OR DELETE ON letter_revision_block
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER letter_revision_block_no_truncate BEFORE TRUNCATE ON letter_revision_block
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
