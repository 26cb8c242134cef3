-- Invitations still open when the list is locked are CLOSED (their invitees are told); after
-- publication and a retention period, the names and addresses of invitees who are not on the
-- published list are reduced to placeholders (decision 0024), with the time it was done.
ALTER TABLE invitation DROP CONSTRAINT invitation_state_check;
ALTER TABLE invitation ADD CONSTRAINT invitation_state_check
    CHECK (state IN ('CREATED', 'SENT', 'OPENED', 'SIGNED', 'DECLINED', 'WITHDRAWN', 'EXPIRED', 'REVOKED', 'BOUNCED', 'CLOSED'));
ALTER TABLE invitation
    ADD COLUMN closed_at  timestamptz,
    ADD COLUMN reduced_at timestamptz;

-- Per published letter: when the team was told of the coming reduction, and when it was done.
CREATE TABLE signing_retention (
    letter_id      uuid        PRIMARY KEY REFERENCES letter (id),
    notice_sent_at timestamptz,
    reduced_at     timestamptz
);
