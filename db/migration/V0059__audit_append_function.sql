-- Appends one row to the hash-chained audit log in one round trip (decision 0068): takes the
-- chain's transaction-scoped advisory lock (p_lock: AuditLog.CHAIN_LOCK, given by the caller so
-- the number lives in one place), reads the last row's hash and
-- inserts the new row with row_hash = SHA-256(prev_hash || content), content being the canonical
-- UTF-8 bytes built by the application (AuditLog.canonical), exactly as AuditLog.rowHash computes
-- it. The function is VOLATILE and PL/pgSQL: each statement in it takes a new snapshot, so the
-- SELECT after the lock sees the row of the transaction that held the lock before (a single
-- statement would keep the snapshot it took before waiting for the lock).
CREATE FUNCTION audit_append(
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
DECLARE
    prev bytea;
BEGIN
    PERFORM pg_advisory_xact_lock(p_lock);
    SELECT row_hash INTO prev FROM audit_event ORDER BY id DESC LIMIT 1;
    IF prev IS NULL THEN
        prev := decode(repeat('00', 32), 'hex');
    END IF;
    INSERT INTO audit_event (occurred_at, actor, action, subject_type, subject_id, letter_id, details, prev_hash, row_hash)
    VALUES (p_at, p_actor, p_action, p_subject_type, p_subject_id, p_letter_id, p_details, prev, sha256(prev || p_content));
END;
$$;
