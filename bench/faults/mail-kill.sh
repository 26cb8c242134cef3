#!/usr/bin/env bash
# Fault (d): the app is killed (-9) while its dispatcher is sending mail, several times; after
# each restart the dispatcher resumes. Every queued mail must arrive; a mail arrives twice only if
# the kill fell between the SMTP server's "250 OK" and the dispatcher's commit (the window of
# docs/decisions/0004-mail-outbox.md): such a copy carries the same Message-ID as the first.
# Usage: bench/faults/mail-kill.sh [kills, default 5] [mails per round, default 400]
# Takes about kills × (app start + a few seconds); on a loaded 2-core machine ~1 min per kill.
PG_PORT=${PG_PORT:-18541}
. "$(dirname "$0")/../lib/common.sh"
KILLS=${1:-5}; PER_ROUND=${2:-400}
SMTP_PORT=18526; APP_PORT=18512
bench_init mail-kill
ensure_jar
start_pg
start_smtp $SMTP_PORT
app_args=(--spring.mail.host=localhost --spring.mail.port=$SMTP_PORT --logging.level.root=warn
  --undersigned.mail.initial-delay-millis=0 --undersigned.mail.poll-millis=200)
start_app a $APP_PORT "${app_args[@]}"
wait_ready $APP_PORT
sent_now() { sql "SELECT count(*) FROM mail_outbox WHERE kind = 'FAULT_MAIL_KILL' AND status = 'SENT'"; }
for k in $(seq 1 "$KILLS"); do
  queue_mails "$PER_ROUND" FAULT_MAIL_KILL
  before=$(sent_now)
  # Wait until the dispatcher is sending, then kill at a random moment within the next second.
  for _ in $(seq 1 300); do [ "$(sent_now)" -gt "$before" ] && break; sleep 0.1; done
  sleep "0.$((RANDOM % 10))"
  kill_app a 9
  log "kill $k/$KILLS: killed while sending ($(sent_now) sent, $(wc -l < "$WORK/smtp-$SMTP_PORT.tsv") delivered so far)"
  start_app a $APP_PORT "${app_args[@]}"
  wait_ready $APP_PORT
done
start=$(now_ms)
while [ $(( $(now_ms) - start )) -lt 300000 ]; do
  [ "$(sql "SELECT count(*) FROM mail_outbox WHERE kind = 'FAULT_MAIL_KILL' AND status = 'PENDING'")" = 0 ] && break
  sleep 1
done
sleep 1
queued=$(sql "SELECT count(*) FROM mail_outbox WHERE kind = 'FAULT_MAIL_KILL'")
ids=$(sql "SELECT id FROM mail_outbox WHERE kind = 'FAULT_MAIL_KILL'" | sort)
rec="$WORK/smtp-$SMTP_PORT.tsv"
delivered=$(cut -f2 "$rec" | sort | join - <(echo "$ids") | wc -l)
distinct=$(cut -f2 "$rec" | sort -u | join - <(echo "$ids") | wc -l)
distinct_mid=$(cut -f2,3 "$rec" | sort -u | cut -f1 | sort | join - <(echo "$ids") | wc -l)
lost=$((queued - distinct)); doubled=$((delivered - distinct))
same="yes"; [ "$distinct_mid" = "$distinct" ] || same="NO ($((distinct_mid - distinct)) copies with a new Message-ID)"
echo "d mail-kill | $KILLS × kill -9 while sending, $queued mails | confirmed $queued (committed outbox rows) | found after $distinct delivered | lost $lost | doubled $doubled (copies share the first's Message-ID: $same)"
[ "$lost" = 0 ] && [ "$doubled" = 0 ]
