-- The head of the hash-chained audit log as one row (decision 0075). An append is one plain
-- statement: it moves the head (prev_hash := last_hash, last_hash := SHA-256(last_hash ||
-- content)) and inserts the row with both hashes. The head row's lock, held until commit, orders
-- appends across all instances as the advisory lock of V0059 did, and an UPDATE that waited for
-- it computes the new hash from the row its holder committed (READ COMMITTED re-reads the updated
-- row), so no PL/pgSQL function is needed to take a fresh snapshot.
CREATE TABLE audit_chain_head (
    one       boolean PRIMARY KEY DEFAULT true CHECK (one),
    prev_hash bytea   NOT NULL,
    last_hash bytea   NOT NULL
);

-- No append may slip in between reading the last row and creating the head.
LOCK TABLE audit_event IN SHARE MODE;

INSERT INTO audit_chain_head (one, prev_hash, last_hash)
SELECT true,
       coalesce((SELECT prev_hash FROM audit_event ORDER BY id DESC LIMIT 1), decode(repeat('00', 32), 'hex')),
       coalesce((SELECT row_hash FROM audit_event ORDER BY id DESC LIMIT 1), decode(repeat('00', 32), 'hex'));

-- An instance of the previous version still running during an upgrade appends through this
-- function: it now moves the same head, so the chain stays one.
CREATE OR REPLACE FUNCTION audit_append(
    p_lock bigint,
    p_at timestamptz,
    p_actor text,
    p_action text,
    p_subject_type text,
    p_subject_id text,
    p_letter_id uuid,
    p_details text,
    p_content bytea)
RETURNS void
LANGUAGE plpgsql VOLATILE
AS $$
BEGIN
    WITH head AS (
        UPDATE audit_chain_head SET prev_hash = last_hash, last_hash = sha256(last_hash || p_content)
        RETURNING prev_hash, last_hash)
    INSERT INTO audit_event (occurred_at, actor, action, subject_type, subject_id, letter_id, details, prev_hash, row_hash)
    SELECT p_at, p_actor, p_action, p_subject_type, p_subject_id, p_letter_id, p_details, head.prev_hash, head.last_hash
      FROM head;
END;
$$;
