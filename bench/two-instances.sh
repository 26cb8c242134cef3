#!/usr/bin/env bash
# Two app instances (ports 8080 and 8081, the production jar) on one standalone PostgreSQL 17,
# mail to a local SMTP sink, and the evidence that they work as one platform:
#   1. live co-drafting across them: Alice edits in her browser on A, Bob's editor on B shows it
#      (Playwright with Debian's Chromium, bench/TwoInstances.java);
#   2. mail sent once: 300 outbox rows, both dispatchers running (FOR UPDATE SKIP LOCKED), each
#      row delivered exactly once; the sink tells which instance sent it (each instance here has
#      its own sender domain, which the stable Message-ID carries);
#   3. a scheduled job run once: reminders of the signing job (signing/SigningJobs, every 2 s on
#      both instances here, under pg_try_advisory_xact_lock) — each due invitation reminded once;
#   4. the deadline lock run once: the letter's lock deadline passes, the list job (signing/ListJobs,
#      every 2 s on both) locks it, one LETTER_LOCKED audit event and one locked list.
# Usage: [ROUNDS=20] bench/two-instances.sh   (ROUNDS: edits on A awaited on B)   Takes ~3–5 min on a loaded 2-core machine. Needs /usr/bin/chromium.
PG_PORT=${PG_PORT:-18538}
. "$(dirname "$0")/lib/common.sh"
SMTP_PORT=${SMTP_PORT:-18528}; A=${A_PORT:-8080}; B=${B_PORT:-8081}; INVITEES=20
bench_init two-instances
ensure_jar
ensure_test_classpath
start_pg
start_smtp $SMTP_PORT
common=(--spring.mail.host=localhost --spring.mail.port=$SMTP_PORT --logging.level.root=warn
  --undersigned.signing.job-millis=2000 --undersigned.mail.poll-millis=200
  --undersigned.signing.list-job-millis=2000 --undersigned.signing.list-job-initial-millis=30000)
start_app a $A "${common[@]}" "--undersigned.mail.from=Undersigned <no-reply@a.undersigned.localhost>"
start_app b $B "${common[@]}" "--undersigned.mail.from=Undersigned <no-reply@b.undersigned.localhost>"
wait_ready $A; wait_ready $B
t_up=$(now_ms)
echo "instances: A on :$A (pid ${APP_PIDS[a]}), B on :$B (pid ${APP_PIDS[b]}), one PostgreSQL on :$PG_PORT, SMTP sink on :$SMTP_PORT"
"$JAVA" -Xmx768m -cp "$TEST_CP" "$BENCH_DIR/TwoInstances.java" setup "$(PG_URL)" "$WORK/keys" "$WORK/setup.properties" $INVITEES \
  2>>"$WORK/setup.log" >&2
rc=0

# 1. Co-drafting across instances.
if PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 "$JAVA" -Xmx512m -Drounds="${ROUNDS:-20}" -cp "$TEST_CP" "$BENCH_DIR/TwoInstances.java" codraft "http://localhost:$A" "http://localhost:$B" \
    "$WORK/setup.properties" 2>>"$WORK/codraft.log"; then :; else echo "co-drafting: FAILED (see $WORK/codraft.log; KEEP=1 keeps it)"; rc=1; fi

# 2. Mail sent once.
rec="$WORK/smtp-$SMTP_PORT.tsv"
queue_mails 300 TWO_INSTANCES
for _ in $(seq 1 600); do
  [ "$(sql "SELECT count(*) FROM mail_outbox WHERE kind = 'TWO_INSTANCES' AND status <> 'SENT'")" = 0 ] && break; sleep 0.5
done
ids=$(sql "SELECT id FROM mail_outbox WHERE kind = 'TWO_INSTANCES'" | sort)
mine=$(sort -t$'\t' -k2,2 "$rec" | join -t$'\t' -1 2 -2 1 - <(echo "$ids"))
deliveries=$(echo "$mine" | grep -c . || true)
distinct=$(echo "$mine" | cut -f1 | sort -u | grep -c . || true)
by_a=$(echo "$mine" | grep -c '@a.undersigned.localhost' || true)
by_b=$(echo "$mine" | grep -c '@b.undersigned.localhost' || true)
echo "mail once: 300 outbox rows, $(sql "SELECT count(*) FROM mail_outbox WHERE kind = 'TWO_INSTANCES' AND status = 'SENT'") SENT; the sink received $deliveries messages for $distinct distinct rows — $by_a sent by A, $by_b by B; duplicates: $((deliveries - distinct))"
[ "$deliveries" = 300 ] && [ "$distinct" = 300 ] || rc=1

# 3. The scheduled job once: every invitation of the open letter becomes due for a reminder.
open=$(grep '^open=' "$WORK/setup.properties" | cut -d= -f2)
sql "UPDATE invitation SET next_reminder_at = now() - interval '1 second' WHERE letter_id = '$open'" >/dev/null
# The job starts 30 s after each instance's start, then runs every 2 s on both.
sleep $(( t_up / 1000 + 35 - $(date +%s) > 0 ? t_up / 1000 + 35 - $(date +%s) : 0 ))
for _ in $(seq 1 120); do
  [ "$(sql "SELECT count(*) FROM invitation WHERE letter_id = '$open' AND reminders_sent = 0")" = 0 ] && break; sleep 1
done
sleep 10 # ~5 more passes of the job on each instance
reminders=$(sql "SELECT count(*) FROM mail_outbox o JOIN invitation i ON i.email = o.recipient WHERE i.letter_id = '$open' AND o.kind = 'SIGNING_REMINDER'")
twice=$(sql "SELECT count(*) FROM (SELECT o.recipient FROM mail_outbox o JOIN invitation i ON i.email = o.recipient WHERE i.letter_id = '$open' AND o.kind = 'SIGNING_REMINDER' GROUP BY o.recipient HAVING count(*) > 1) t")
sleep 2
rem_all=$(sql "SELECT count(*) FROM mail_outbox o JOIN invitation i ON i.email = o.recipient WHERE i.letter_id = '$open' AND o.kind = 'SIGNING_REMINDER' AND o.status = 'SENT'")
echo "job once: $INVITEES invitations due for a reminder, the signing job running every 2 s on A and B for $(( ($(now_ms) - t_up) / 1000 )) s: $reminders reminder mails queued ($rem_all delivered), invitations reminded twice: $twice"
[ "$reminders" = "$INVITEES" ] && [ "$twice" = 0 ] || rc=1

# 4. The deadline lock once: the same letter's lock deadline passes; the list job (every 2 s on
# both instances, signing/ListJobs under the same advisory lock) must lock it exactly once.
sql "UPDATE letter_signing SET lock_deadline = now() - interval '1 second' WHERE letter_id = '$open'" >/dev/null
t_due=$(now_ms)
for _ in $(seq 1 120); do
  [ "$(sql "SELECT state FROM letter WHERE id = '$open'")" = LOCKED ] && break; sleep 0.5
done
took=$(( $(now_ms) - t_due ))
sleep 10 # ~5 more passes of the list job on each instance
state=$(sql "SELECT state FROM letter WHERE id = '$open'")
locks=$(sql "SELECT count(*) FROM audit_event WHERE letter_id = '$open' AND action = 'LETTER_LOCKED'")
lists=$(sql "SELECT count(*) FROM signature_list WHERE letter_id = '$open'")
echo "deadline lock once: the lock deadline passed, the list job running every 2 s on A and B: letter $state after $((took / 1000)).$(( took % 1000 / 100 )) s, LETTER_LOCKED audit events: $locks, locked lists: $lists"
[ "$state" = LOCKED ] && [ "$locks" = 1 ] && [ "$lists" = 1 ] || rc=1
exit $rc
