#!/usr/bin/env bash
# Fault (b): PostgreSQL stopped (fast shutdown: open transactions roll back) and started again
# while signers are going through the signing flow. Meanwhile the app must answer cleanly: no
# stack trace or exception text in any response, every 5xx is the app's own error page; nothing
# half-written (an invitation is SIGNED exactly when it has a signature); every confirmed signing
# stored once; and the first successful request must come within 30 s of PostgreSQL being back.
# Usage: bench/faults/pg-restart.sh [seconds down, default 15] [signers, default 600] [client threads, default 8]
# Takes ~2–4 min on a loaded 2-core machine.
PG_PORT=${PG_PORT:-18540}
. "$(dirname "$0")/../lib/common.sh"
DOWN=${1:-15}; SIGNERS=${2:-600}; THREADS=${3:-8}
APP_PORT=18514
bench_init pg-restart
ensure_jar
start_pg
start_app a $APP_PORT "${SIGNING_APP_ARGS[@]}"
wait_ready $APP_PORT
setup_signers "$SIGNERS"
start_storm "http://localhost:$APP_PORT" "$THREADS" 600
# Stop the database in the middle of the storm: once 40 signatures are stored (at most 5 min).
for _ in $(seq 1 1500); do [ "$(sql "SELECT count(*) FROM signature")" -ge 40 ] && break; sleep 0.2; done
t_stop=$(now_ms)
stop_pg fast
log "PostgreSQL stopped"
sleep "$DOWN"
pg_start_again
t_up=$(now_ms)
log "PostgreSQL started again"
wait "$STORM_PID" || true
cat "$WORK/storm.out" >&2
ev="$WORK/storm/events.tsv"
during=$(awk -F'\t' -v a="$t_stop" -v b="$t_up" '$1>=a && $1<b' "$ev" | wc -l)
during_err=$(awk -F'\t' -v a="$t_stop" -v b="$t_up" '$1>=a && $1<b && $4=="app-error-page"' "$ev" | wc -l)
statuses=$(awk -F'\t' -v a="$t_stop" -v b="$t_up" '$1>=a && $1<b {print $3}' "$ev" | sort | uniq -c | awk '{printf "%s×%s ", $1, $2}')
bad=$(awk -F'\t' '$4=="bad-response"' "$ev" | wc -l)
first_ok=$(awk -F'\t' -v b="$t_up" '$1>=b && $4=="ok" {print $1; exit}' <(sort -n "$ev"))
recovery=$(python3 -c "print(f'{($first_ok - $t_up)/1000:.1f}')" 2>/dev/null || echo "never")
signing_counts
echo "b pg-restart | $SIGNERS signers, $THREADS clients, PostgreSQL down ${DOWN}s under load: $during responses meanwhile ($statuses), $during_err app error pages, $bad with a stack trace or foreign error page; first success ${recovery}s after PostgreSQL was back | confirmed $CONFIRMED | found after $FOUND | lost $LOST | doubled $DOUBLED (half-written invitations: $HALF)"
ok=$(python3 -c "print(1 if '$recovery' != 'never' and float('$recovery') <= 30 else 0)")
[ "$LOST" = 0 ] && [ "$DOUBLED" = 0 ] && [ "$HALF" = 0 ] && [ "$bad" = 0 ] && [ "$ok" = 1 ]
