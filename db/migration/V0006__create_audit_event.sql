-- The audit log: every state change appends one row; rows are hash-chained. row_hash is
-- SHA-256(prev_hash || canonical content), where the canonical content is built by the
-- application (AuditLog.canonical) from the columns below. Personal data (names, emails) is never
-- written here, only ids, so that retention can erase people without breaking the chain.
CREATE TABLE audit_event (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at  timestamptz NOT NULL,
    actor        text        NOT NULL,
    action       text        NOT NULL,
    subject_type text        NOT NULL,
    subject_id   text        NOT NULL,
    letter_id    uuid,
    details      text        NOT NULL,
    prev_hash    bytea       NOT NULL,
    row_hash     bytea       NOT NULL UNIQUE
);
CREATE INDEX audit_event_by_letter ON audit_event (letter_id, id) WHERE letter_id IS NOT NULL;
CREATE INDEX audit_event_by_actor ON audit_event (actor, id);
CREATE INDEX audit_event_by_subject ON audit_event (subject_id, id);
