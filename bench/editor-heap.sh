#!/bin/sh
# Retained heap per open letter editor: 50 real Vaadin UIs (headless Chromium tabs with push)
# on one instance, used heap after full GCs with and without them. Prints one summary line.
# Usage: bench/editor-heap.sh [editors] [co-drafters]   (defaults 50 and 5)
set -e
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
# A copy of the classes, so that a build during the run cannot change them under it.
rm -rf target/editor-heap-classes && mkdir -p target/editor-heap-classes
cp -r target/classes target/editor-heap-classes/main && cp -r target/test-classes target/editor-heap-classes/test
CP="target/editor-heap-classes/main:target/editor-heap-classes/test:$(cat target/bench.classpath)"
# The whole output goes to target/editor-heap.log; the summary line (and any failure) to the terminal.
"$JAVA_HOME/bin/java" -Xmx1g -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} -cp "$CP" bench/EditorHeapBench.java "$@" > target/editor-heap.log 2>&1 || true
grep -E "^HEAPDUMP|^editor-heap|^editor-heap-floor|^HISTO|^COMPONENTS|^LOG|Exception|Error|^\s+at org.undersigned" target/editor-heap.log | head -100
