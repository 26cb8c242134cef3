#!/usr/bin/env bash
# The physical limit of signing: the database writes of one verified signing (three transactions,
# bench/pgbench/signing.sql) replayed by pgbench on copies of the real tables, against a
# standalone PostgreSQL 17 with the settings of the signing bench's database (fsync=off,
# synchronous_commit=off; PG_FAST=0 for durable production settings). The ratio end-to-end
# signings/s ÷ pgbench signings/s says how much of the database's capacity the app reaches.
# Usage: bench/pgbench-signings.sh [end-to-end signings/s] [pgbench seconds, default 30] [clients, default 16]
#   Without a figure it runs bench/run-signing.sh $SIGNING_ARGS (default "1500 16 300") first.
# Takes ~1 min (plus the signing bench when it runs it).
PG_PORT=${PG_PORT:-18536}
. "$(dirname "$0")/lib/common.sh"
E2E=${1:-}; SECS=${2:-30}; CLIENTS=${3:-16}
export PG_FAST=${PG_FAST:-1}
bench_init pgbench-signings
if [ -z "$E2E" ]; then
  log "running bench/run-signing.sh ${SIGNING_ARGS:-1500 16 300} for the end-to-end figure"
  line=$("$BENCH_DIR/run-signing.sh" ${SIGNING_ARGS:-1500 16 300} 2>&1 | grep '^signing-bench' || true)
  echo "$line" >&2
  E2E=$(echo "$line" | sed -nE 's/.*signings\/s=([0-9.]+).*/\1/p')
  [ -n "$E2E" ] || { log "no signings/s figure from run-signing.sh"; exit 1; }
fi
start_pg
for f in $(ls db/migration/V*.sql | sort -V); do
  psql -X -q -h localhost -p "$PG_PORT" -U postgres -d "$PG_DB" -v ON_ERROR_STOP=1 -f "$f" >/dev/null
done
sql "
CREATE SEQUENCE bench_next;
CREATE TABLE bench_invitation (LIKE invitation INCLUDING ALL);
CREATE TABLE bench_invitation_token (LIKE invitation_token INCLUDING ALL);
CREATE TABLE bench_signing_code (LIKE signing_code INCLUDING ALL);
CREATE TABLE bench_signature (LIKE signature INCLUDING ALL);
CREATE TABLE bench_audit_event (LIKE audit_event INCLUDING ALL);
CREATE TABLE bench_mail_outbox (LIKE mail_outbox INCLUDING ALL);
CREATE TABLE bench_throttle (LIKE throttle INCLUDING ALL);
INSERT INTO bench_invitation (id, letter_id, name, email, state, created_by, created_at, sent_at)
  SELECT md5(g::text)::uuid, md5('letter')::uuid, 'Signer ' || g, 'signer' || g || '@bench.example.org', 'SENT', md5('editor')::uuid, now(), now()
    FROM generate_series(1, 400000) g;
INSERT INTO bench_invitation_token (token_hash, invitation_id, issued_at)
  SELECT sha256(('t' || g)::bytea), md5(g::text)::uuid, now() FROM generate_series(1, 400000) g;
INSERT INTO bench_audit_event (occurred_at, actor, action, subject_type, subject_id, details, prev_hash, row_hash)
  VALUES (now(), 'bench', 'START', 'bench', 'bench', '{}', '\x00', '\x01');" >/dev/null
sql "VACUUM ANALYZE" >/dev/null
load_start=$(load_avg)
out=$(pgbench -n -f bench/pgbench/signing.sql -c "$CLIENTS" -j 2 -T "$SECS" -h localhost -p "$PG_PORT" -U postgres "$PG_DB" 2>&1)
tps=$(echo "$out" | sed -nE 's/^tps = ([0-9.]+).*/\1/p' | head -1)
lat=$(echo "$out" | sed -nE 's/^latency average = (.*)$/\1/p')
failed=$(echo "$out" | sed -nE 's/^number of failed transactions: ([0-9]+).*/\1/p')
ratio=$(python3 -c "print(f'{100*$E2E/$tps:.1f}')")
met=$(python3 -c "print('met' if $E2E >= 0.2*$tps else 'NOT met')")
echo "pgbench-signings | pgbench -c $CLIENTS -j 2 -T $SECS bench/pgbench/signing.sql (fsync=$([ "$PG_FAST" = 1 ] && echo off || echo on)) | pgbench $tps signings/s (latency $lat, failed ${failed:-0}) vs end-to-end $E2E signings/s = ${ratio}% | target ≥ 20%: $met | $(nproc) cores, load $load_start at start"
