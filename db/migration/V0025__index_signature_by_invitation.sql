-- Every signing step looks its invitation's signature up. (IF NOT EXISTS: a few development
-- databases got this index from an edit of V0022, since reverted; landed migrations stay as they were.)
CREATE INDEX IF NOT EXISTS signature_by_invitation ON signature (invitation_id);
