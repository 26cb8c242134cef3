#!/usr/bin/env bash
# Mail outbox throughput against a raw Jakarta Mail loop to the same local SMTP sink.
# The app (production jar, standalone PostgreSQL with production settings) gets N outbox rows in
# one transaction; its dispatcher sends them (up to 20 rows leased per claim with FOR UPDATE SKIP
# LOCKED, SMTP, a mark per mail; decision 0072). The rate is taken from the sink's clock, first to last
# delivery. Then bench/RawMailLoop.java sends N messages of the same shape, one connection each.
# Usage: bench/mail-outbox.sh [mails, default 2000]     Takes ~1–2 min.
PG_PORT=${PG_PORT:-18542}
. "$(dirname "$0")/lib/common.sh"
N=${1:-2000}
SMTP_PORT=18527; APP_PORT=18516
bench_init mail-outbox
ensure_jar
start_pg
start_smtp $SMTP_PORT
start_app a $APP_PORT --spring.mail.host=localhost --spring.mail.port=$SMTP_PORT --logging.level.root=warn
wait_ready $APP_PORT
load_start=$(load_avg)
# Warm-up: 200 mails through the dispatcher and the raw loop, not counted.
queue_mails 200 BENCH_WARMUP
"$JAVA" -cp "$(jar_cp)" "$BENCH_DIR/RawMailLoop.java" localhost $SMTP_PORT 200 >/dev/null
while [ "$(sql "SELECT count(*) FROM mail_outbox WHERE status = 'PENDING'")" != 0 ]; do sleep 0.5; done
rec="$WORK/smtp-$SMTP_PORT.tsv"
skip=$(wc -l <"$rec")
queue_mails "$N" BENCH_OUTBOX
while [ "$(sql "SELECT count(*) FROM mail_outbox WHERE kind = 'BENCH_OUTBOX' AND status <> 'SENT'")" != 0 ]; do sleep 0.5; done
outbox=$(tail -n +$((skip + 1)) "$rec" | awk -F'\t' 'NR==1{a=$1} {b=$1; n++} END {printf "%.1f", (n-1)*1000/(b-a)}')
raw_line=$("$JAVA" -cp "$(jar_cp)" "$BENCH_DIR/RawMailLoop.java" localhost $SMTP_PORT "$N")
raw=$(echo "$raw_line" | sed -E 's/.*= ([0-9.]+)\/s/\1/')
ratio=$(python3 -c "print(f'{100*$outbox/$raw:.0f}')")
met=$(python3 -c "print('met' if $outbox >= 0.8*$raw else 'NOT met')")
echo "mail-outbox | $N mails | outbox $outbox/s vs raw Jakarta Mail loop $raw/s = ${ratio}% | target ≥ 80%: $met | $(nproc) cores, load $load_start at start"
