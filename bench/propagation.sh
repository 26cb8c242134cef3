#!/usr/bin/env bash
# Edit propagation delay, same instance and across two instances (server side).
# Usage: bench/propagation.sh [rounds]   (default 200; 20 warm-up rounds are added)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
"$JAVA_HOME/bin/java" -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.undersigned.letter.PropagationBench "${1:-200}" 2>&1 | grep -E "^RESULT|Exception|^\s+at org.undersigned"
