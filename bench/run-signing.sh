#!/bin/sh
# End-to-end signing load: the whole app on the test PostgreSQL, signers driven over HTTP.
# Usage: bench/run-signing.sh [signers] [client-threads] [heap-sessions]
set -e
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
CP="target/classes:target/test-classes:$(cat target/bench.classpath)"
exec "$JAVA_HOME/bin/java" -Xmx2g -XX:+UseG1GC -cp "$CP" bench/SigningBench.java "$@"
