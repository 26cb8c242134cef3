#!/usr/bin/env bash
# Fault (a): kill -9 of the app during a storm of signings. Signers go through the HTTP signing
# flow (bench/FaultSigners.java); one whose flow breaks starts again from its link once the app
# is back, as a person would. After the restart every signing that was confirmed to its signer
# (the done page was shown) must be in the database, and none twice.
# Usage: bench/faults/signing-kill.sh [signers, default 400] [client threads, default 8] [signatures stored before the kill, default 60]
# Takes ~2–4 min on a loaded 2-core machine (two app starts and the setup).
PG_PORT=${PG_PORT:-18532}
. "$(dirname "$0")/../lib/common.sh"
SIGNERS=${1:-400}; THREADS=${2:-8}; KILL_AT=${3:-60}
APP_PORT=18513
bench_init signing-kill
ensure_jar
start_pg
start_app a $APP_PORT "${SIGNING_APP_ARGS[@]}"
wait_ready $APP_PORT
setup_signers "$SIGNERS"
start_storm "http://localhost:$APP_PORT" "$THREADS" 600
# Kill in the middle of the storm: once KILL_AT signatures are stored (at most 5 min).
for _ in $(seq 1 1500); do [ "$(sql "SELECT count(*) FROM signature")" -ge "$KILL_AT" ] && break; sleep 0.2; done
before=$(sql "SELECT count(*) FROM signature")
kill_app a 9
log "killed the app (-9) with $before signatures stored and $(grep -c . "$WORK/storm/confirmed.txt" 2>/dev/null || echo '?') confirmed so far"
start_app a $APP_PORT "${SIGNING_APP_ARGS[@]}"
wait_ready $APP_PORT
log "app back"
wait "$STORM_PID" || true
cat "$WORK/storm.out" >&2
signing_counts
echo "a signing-kill | $SIGNERS signers × HTTP signing flow, $THREADS clients, kill -9 mid-storm ($before signatures stored then), restart | confirmed $CONFIRMED | found after $FOUND | lost $LOST | doubled $DOUBLED (half-written invitations: $HALF)"
[ "$LOST" = 0 ] && [ "$DOUBLED" = 0 ] && [ "$HALF" = 0 ]
