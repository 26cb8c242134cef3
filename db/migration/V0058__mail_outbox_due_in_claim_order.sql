-- The dispatcher claims the next due mail with
--   WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1
--   FOR UPDATE SKIP LOCKED.
-- With an index on next_attempt_at alone PostgreSQL read and sorted every pending row for each
-- claim (8 ms per claim with 2,000 rows queued in one transaction, as opening a letter for
-- signatures does: they share one next_attempt_at). An index in the claim's own order lets it
-- stop at the first unlocked row (0.4 ms).
CREATE INDEX mail_outbox_due_in_order ON mail_outbox (next_attempt_at, id) WHERE status = 'PENDING';
DROP INDEX mail_outbox_due;
