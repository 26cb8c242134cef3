#!/bin/sh
# End-to-end signing load: the whole app on the test PostgreSQL, signers driven over HTTP.
# Usage: bench/run-signing.sh [signers] [client-threads] [heap-sessions] [warm-up signers]
# The app sends its mail over SMTP to a sink in the bench's JVM, and each signer reads its code there.
# Environment: BENCH_JAVA_OPTS adds JVM options (e.g. -XX:StartFlightRecording=filename=target/signing.jfr;
# -Dbench.mail=capture: mail captured and codes read from the outbox; -Dbench.statements=true with
# -Dundersigned.test.pg.preload=pg_stat_statements: the statements per signing; -Dbench.hold=SECONDS:
# keep the database for psql afterwards), MVN_OFFLINE=-o builds without the network.
set -e
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q ${MVN_OFFLINE:-} test-compile
./mvnw -B -q ${MVN_OFFLINE:-} dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
CP="target/classes:target/test-classes:$(cat target/bench.classpath)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" -Xmx2g -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} -cp "$CP" bench/SigningBench.java "$@"
