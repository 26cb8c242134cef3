#!/usr/bin/env bash
# Every measure in turn, one summary line each, then the table lines for bench/README.md.
# Usage: bench/run-all.sh [--faults]   (--faults adds the four fault scripts and two-instances.sh,
#   with their default, shorter durations: SMTP down 60 s instead of the issue's 10 minutes)
# Takes ~15–25 min on an idle 2-core machine (~35 min with --faults). Stop other work first: the
# figures depend on the machine being quiet; the load average is printed with every line.
set -uo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -f target/undersigned.jar ] || ./mvnw -B -q -o package -DskipTests
results=(); failed=0
run() {
  local name=$1; shift
  echo "== $name: $* (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  local out rc
  out=$("$@" 2>/dev/null | tee /dev/stderr); rc=$?
  local line
  line=$(echo "$out" | grep -E "${PATTERN:-.}" | tail -1)
  results+=("$(date -u +%F) | $name | rc=$rc | $line")
  [ $rc = 0 ] || failed=1
}
PATTERN='^signing-bench signers' run "signings/s (end to end, steady state)" bench/run-signing.sh 4000 4 300 10000
signings=$(echo "${results[-1]}" | sed -nE 's/.*signings\/s=([0-9.]+).*/\1/p')
heap=$( (bench/run-signing.sh 10 1 2000 0 2>/dev/null || true) | grep '^signing-session-heap' | tail -1)
results+=("$(date -u +%F) | heap per signing session | $heap")
PATTERN='^pgbench-signings' run "pgbench physical limit" bench/pgbench-signings.sh "${signings:-}"
PATTERN='^public-page' run "public page vs nginx" bench/public-page-vs-nginx.sh 15
PATTERN='^RESULT' run "co-drafting propagation" bench/propagation.sh 100
PATTERN='^mail-outbox' run "mail outbox vs raw loop" bench/mail-outbox.sh 2000
PATTERN='^jar-start' run "jar start to serving" bench/jar-start.sh 3
if [ "${1:-}" = --faults ]; then
  PATTERN='^a ' run "fault a: kill -9 during signings" bench/faults/signing-kill.sh
  PATTERN='^b ' run "fault b: PostgreSQL restart" bench/faults/pg-restart.sh
  PATTERN='^c ' run "fault c: SMTP down" bench/faults/smtp-down.sh 60
  PATTERN='^d ' run "fault d: kill -9 while mailing" bench/faults/mail-kill.sh
  PATTERN='.' run "two instances" bench/two-instances.sh
fi
echo
echo "machine: $(nproc) cores, load now $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "${results[@]}"
exit $failed
