#!/usr/bin/env bash
# Jar start to serving: `java -jar target/undersigned.jar` with the embedded default database,
# timed from the launch to the first HTTP 200 of /actuator/health (database migrated, web server
# up) and of / (the first Vaadin page), first on a fresh data directory (initdb of the embedded
# PostgreSQL, all Flyway migrations, key file created), then RUNS times on the reused directory.
# Extra JVM options can be given in JAVA_OPTS (e.g. JAVA_OPTS=-XX:AOTCache=target/app.aot).
# Usage: [LAYOUT=extracted] [AOT=1] bench/jar-start.sh [runs on the reused directory, default 3]
# Takes ~1–3 min.
. "$(dirname "$0")/lib/common.sh"
RUNS=${1:-3}
APP_PORT=18517; EMB_PORT=18535
bench_init jar-start
ensure_jar
# LAYOUT=extracted: run from Spring Boot's extracted layout (`java -Djarmode=tools -jar … extract`:
# the application jar plus lib/*.jar as plain jars) instead of the nested fat jar. AOT=1 (needs
# the extracted layout, JDK 25): first one training run that writes a JVM AOT cache
# (-XX:AOTCacheOutput, Spring stops right after the context refresh), then every timed start
# uses it (-XX:AOTCache).
label="java ${JAVA_OPTS:-}-jar target/undersigned.jar"
if [ "${LAYOUT:-jar}" = extracted ] || [ "${AOT:-0}" = 1 ]; then
  "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
  JAR="$WORK/app/undersigned.jar"
  label="java ${JAVA_OPTS:-}-jar (extracted layout) undersigned.jar"
fi
if [ "${AOT:-0}" = 1 ]; then
  log "AOT training run"
  t_train=$(now_ms)
  "$JAVA" -XX:AOTCacheOutput="$WORK/app.aot" -Dspring.context.exit=onRefresh -jar "$JAR" --server.port=$APP_PORT \
    --undersigned.data-directory="$WORK/train-data" --undersigned.embedded-database.port=$((EMB_PORT + 1)) \
    >>"$WORK/app-train.log" 2>&1 || true
  # The run stops without closing the context, so its embedded PostgreSQL outlives it: stop it by
  # its PID, or the timed starts would find a server already listening and skip starting theirs.
  if [ -f "$WORK/train-data/postgres/postmaster.pid" ]; then
    train_pg=$(head -1 "$WORK/train-data/postgres/postmaster.pid")
    kill "$train_pg" 2>/dev/null || true
    while kill -0 "$train_pg" 2>/dev/null; do sleep 0.1; done
  fi
  log "AOT cache written in $(( ($(now_ms) - t_train) / 1000 )) s: $(du -h "$WORK/app.aot" | cut -f1)"
  JAVA_OPTS="${JAVA_OPTS:-} -XX:AOTCache=$WORK/app.aot "
  label="java -XX:AOTCache=app.aot -jar (extracted layout) undersigned.jar"
fi
load_start=$(load_avg)

# one_start LABEL: prints "health-seconds page-seconds".
one_start() {
  local t0 health="" page="" pid
  t0=$(now_ms)
  "$JAVA" ${JAVA_OPTS:-} -jar "$JAR" --server.port=$APP_PORT --undersigned.data-directory="$WORK/data" \
    --undersigned.embedded-database.port=$EMB_PORT >>"$WORK/app-$1.log" 2>&1 &
  pid=$!
  APP_PIDS[start]=$pid
  while [ $(( $(now_ms) - t0 )) -lt 300000 ]; do
    if [ -z "$health" ] && curl -fs -o /dev/null --max-time 2 "http://localhost:$APP_PORT/actuator/health"; then
      health=$(( $(now_ms) - t0 ))
    fi
    if [ -n "$health" ] && curl -fs -o /dev/null --max-time 5 "http://localhost:$APP_PORT/"; then
      page=$(( $(now_ms) - t0 )); break
    fi
    sleep 0.05
  done
  # A clean stop, so that the embedded PostgreSQL shuts down with the app.
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  unset 'APP_PIDS[start]'
  echo "$health $page"
}
secs() { python3 -c "print(f'{$1/1000:.1f}')"; }
read -r fh fp <<<"$(one_start fresh)"
hs=(); ps=()
for i in $(seq 1 "$RUNS"); do
  read -r h p <<<"$(one_start "reused-$i")"
  hs+=("$h"); ps+=("$p")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mh=$(median "${hs[@]}"); mp=$(median "${ps[@]}")
met=$([ "$mh" -le 10000 ] && [ "$fh" -le 10000 ] && echo met || echo "NOT met")
echo "jar-start | $label, embedded PostgreSQL | fresh data dir: serving $(secs "$fh") s, first page $(secs "$fp") s | reused (median of $RUNS): serving $(secs "$mh") s, first page $(secs "$mp") s | target ≤ 10 s: $met | $(nproc) cores, load $load_start at start"
