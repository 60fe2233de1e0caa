#!/usr/bin/env bash
# Archive record build (issue 4, "Performance"): a JMH run of the archive's CPU work per record outside the database
# and the index, on the archive benchmark's posts: building the WARC record with its digests and chain link and
# compressing it into a gzip member (ArchiveRecordBuild.record), and the compression alone (compress), in µs per record.
#
# Usage (from the repository root):  bench/archive-records.sh [--no-build] [--quick]
#   --no-build  use the existing target/classes and target/test-classes
#   --quick     a short JMH run (1 s warm-up, 1 s measurement) to prove the benchmark runs
# Environment: BENCH_JAVA_HOME. Prints the results; docs/benchmarks.md is written by hand.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
parse_options '2,9p' "$@"
use_java

WORK="$ROOT/target/bench-archive-records"
if [[ $BUILD == 1 ]]; then
    log "compiling the application and its test classes (the posts come from ArchiveBenchmark)"
    ./mvnw -q -B -ntp test-compile -Djacoco.skip=true
fi
JMH_EXTRA_CP="$ROOT/target/test-classes" jmh_build "$WORK" bench/ArchiveRecordBuild.java
if [[ $QUICK == 1 ]]; then JMH_TIMES=(-wi 1 -w 1s -i 1 -r 1s); else JMH_TIMES=(-wi 3 -w 5s -i 5 -r 5s); fi
"$JAVA" -cp "$JMH_CP" org.openjdk.jmh.Main ArchiveRecordBuild -f 1 -t 1 "${JMH_TIMES[@]}" -jvmArgs "-Xmx512m" \
    -rf text -rff "$WORK/jmh-result.txt"
machine_line
cat "$WORK/jmh-result.txt"
