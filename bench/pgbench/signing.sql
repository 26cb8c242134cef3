-- One verified signing as the database sees it (bench/pgbench-signings.sh): the writes of the
-- three transactions of SigningFlow (begin: the link opened; requestCode: the code mailed;
-- sign: the signature stored), on copies of the real tables (same columns, indexes, unique and
-- check constraints; no foreign keys). Each audit append takes the chain's advisory lock, reads the
-- last hash and inserts, as AuditLog.append does; both code throttles hit one row per client, as
-- all bench signers share one client address.
SELECT nextval('bench_next') AS i \gset
-- 1. landing + continue: token looked up, invitation locked and OPENED, audit appended
BEGIN;
SELECT invitation_id, retired_at FROM bench_invitation_token WHERE token_hash = sha256(('t' || :i)::bytea);
SELECT state FROM bench_invitation WHERE id = md5(:i::text)::uuid FOR UPDATE;
UPDATE bench_invitation SET state = 'OPENED', opened_at = now() WHERE id = md5(:i::text)::uuid;
SELECT pg_advisory_xact_lock(42);
SELECT row_hash AS prev FROM bench_audit_event ORDER BY id DESC LIMIT 1 \gset
INSERT INTO bench_audit_event (occurred_at, actor, action, subject_type, subject_id, letter_id, details, prev_hash, row_hash)
VALUES (now(), 'signer:' || :i, 'INVITATION_OPENED', 'invitation', md5(:i::text), md5('letter')::uuid, '{}', '\x00', sha256(('o' || :i)::bytea));
COMMIT;
-- 2. review + ask for a code: throttles, code stored, code mail queued, audit appended
BEGIN;
SELECT state FROM bench_invitation WHERE id = md5(:i::text)::uuid FOR UPDATE;
INSERT INTO bench_throttle (key_hash, failures, first_failure) VALUES (sha256('codes-per-client'::bytea), 1, now())
  ON CONFLICT (key_hash) DO UPDATE SET failures = bench_throttle.failures + 1;
INSERT INTO bench_throttle (key_hash, failures, first_failure) VALUES (sha256(('codes-per-invitation' || :i)::bytea), 1, now())
  ON CONFLICT (key_hash) DO UPDATE SET failures = bench_throttle.failures + 1;
INSERT INTO bench_signing_code (invitation_id, code_hash, attempts, created_at, expires_at, display_name, role_line, organisation, personal_capacity, revision)
VALUES (md5(:i::text)::uuid, sha256(('c' || :i)::bytea), 0, now(), now() + interval '15 minutes', 'Signer ' || :i, 'Director', 'Bench Org', false, 1)
  ON CONFLICT (invitation_id) DO UPDATE SET code_hash = excluded.code_hash, attempts = 0;
INSERT INTO bench_mail_outbox (kind, recipient, subject, text_body, html_body, next_attempt_at, created_at)
VALUES ('SIGNING_CODE', 'signer' || :i || '@bench.example.org', 'Your code', repeat('Your code is 123456. ', 40), '<p>' || repeat('Your code is 123456. ', 40) || '</p>', now(), now());
SELECT pg_advisory_xact_lock(42);
SELECT row_hash AS prev FROM bench_audit_event ORDER BY id DESC LIMIT 1 \gset
INSERT INTO bench_audit_event (occurred_at, actor, action, subject_type, subject_id, letter_id, details, prev_hash, row_hash)
VALUES (now(), 'signer:' || :i, 'SIGNING_CODE_SENT', 'invitation', md5(:i::text), md5('letter')::uuid, '{}', '\x00', sha256(('r' || :i)::bytea));
COMMIT;
-- 3. the code entered: code checked and deleted, tokens retired, a new one issued, signature
-- stored, invitation SIGNED, audit appended
BEGIN;
SELECT state FROM bench_invitation WHERE id = md5(:i::text)::uuid FOR UPDATE;
SELECT code_hash, attempts FROM bench_signing_code WHERE invitation_id = md5(:i::text)::uuid;
DELETE FROM bench_signing_code WHERE invitation_id = md5(:i::text)::uuid;
UPDATE bench_invitation_token SET retired_at = now() WHERE invitation_id = md5(:i::text)::uuid AND retired_at IS NULL;
INSERT INTO bench_invitation_token (token_hash, invitation_id, issued_at) VALUES (sha256(('n' || :i)::bytea), md5(:i::text)::uuid, now());
INSERT INTO bench_signature (id, letter_id, invitation_id, display_name, role_line, organisation, personal_capacity, revision, text_sha256, email_link_used, code_verified, domain_matched, signed_at)
VALUES (gen_random_uuid(), md5('letter')::uuid, md5(:i::text)::uuid, 'Signer ' || :i, 'Director', 'Bench Org', false, 1, encode(sha256('text'::bytea), 'hex'), true, true, false, now())
  ON CONFLICT (letter_id, invitation_id) DO NOTHING;
UPDATE bench_invitation SET state = 'SIGNED', signed_at = now() WHERE id = md5(:i::text)::uuid;
SELECT pg_advisory_xact_lock(42);
SELECT row_hash AS prev FROM bench_audit_event ORDER BY id DESC LIMIT 1 \gset
INSERT INTO bench_audit_event (occurred_at, actor, action, subject_type, subject_id, letter_id, details, prev_hash, row_hash)
VALUES (now(), 'signer:' || :i, 'SIGNED', 'invitation', md5(:i::text), md5('letter')::uuid, '{}', '\x00', sha256(('s' || :i)::bytea));
COMMIT;
