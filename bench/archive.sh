#!/usr/bin/env bash
# Archive benchmark (issue 4, "Performance"): capture of small posts durable into WARC + hash chain + PostgreSQL +
# Lucene, in batches (captureAll) and as single captures from many threads (group commits), each as a ratio to raw
# jwarc + Lucene writing the same records in the same run (gzip per record, one fsync per batch); searches while a
# further RECORDS/5 records are captured; then a full verification and the /archive search's latency (platform list,
# index search with filters and highlights, rows) for a mix of queries. The harness (src/test/java/.../archive/internal/
# ArchiveBenchmark.java) runs the archive's real classes against an embedded PostgreSQL of its own, in one JVM.
#
# Usage (from the repository root):  bench/archive.sh [--quick] [--no-build]
#   --quick     50,000 records (else 1,000,000)
#   --no-build  use the classes already compiled in target/
# Environment: RECORDS (batch-captured records), SINGLE (single captures, default RECORDS/20), CAPTURE_THREADS (default 16),
# BATCH (default 500), QUERIES (default 2000), WARM (records written by each path first, not counted; default the
# smaller of 5,000 and RECORDS/5), BENCH_JAVA_HOME, BENCH_JVM_OPTS (default -Xmx4g).
# Targets: >= 20,000 records/s, search p95 <= 50 ms and verification <= 60 s over 1,000,000 records.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
parse_options 2,17p "$@"
if [[ $QUICK == 1 ]]; then RECORDS="${RECORDS:-50000}"; fi
RECORDS="${RECORDS:-1000000}"
SINGLE="${SINGLE:-$((RECORDS / 20))}" CAPTURE_THREADS="${CAPTURE_THREADS:-16}" BATCH="${BATCH:-500}" QUERIES="${QUERIES:-2000}"
WARM="${WARM:-$((RECORDS / 5 < 5000 ? RECORDS / 5 : 5000))}"

RESULTS="$ROOT/bench/results"
bench_init archive
use_java
if [[ $BUILD == 1 ]]; then
    log "compiling (main and test classes)"
    ./mvnw -B -q -ntp test-compile -Djacoco.skip=true
fi
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$RUN_DIR/classpath.txt" >/dev/null
CLASSPATH_ALL="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$RUN_DIR/classpath.txt")"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
log "$RECORDS records in batches of $BATCH, $SINGLE single captures from $CAPTURE_THREADS threads; work in $DATA_DIR"

# shellcheck disable=SC2086
"$JAVA" ${BENCH_JVM_OPTS:--Xmx4g} -cp "$CLASSPATH_ALL" io.backchannel.archive.internal.ArchiveBenchmark \
    --records "$RECORDS" --single "$SINGLE" --threads "$CAPTURE_THREADS" --batch "$BATCH" --queries "$QUERIES" --warm "$WARM" \
    --dir "$DATA_DIR/work" >"$RUN_DIR/harness.log" 2>&1
grep -E '^[a-z0-9_]+ [0-9.]+$' "$RUN_DIR/harness.log" | tee "$RUN_DIR/results.txt" >&2

value() { awk -v k="$1" '$1 == k {print $2}' "$RUN_DIR/results.txt"; }
[[ $(value verify_ok) == 1 ]] || die "the store did not verify (see $RUN_DIR/harness.log)"
TOTAL="$(value search_records)"
{
    echo "### Archive ($(date -u +%Y-%m-%d), $TOTAL records)"
    echo
    machine_line
    echo "Load average before: $LOAD_BEFORE."
    echo
    echo "| measure | result | target |"
    echo "|---|---|---|"
    echo "| raw jwarc + Lucene (fsync per batch of $BATCH) | $(value raw_per_s) records/s | reference |"
    echo "| captureAll, batches of $BATCH | $(value batch_per_s) records/s ($(value batch_ratio) × raw) | ≥ 20,000/s: $(pf "$(value batch_per_s)" 20000 '>=') |"
    echo "| capture from $CAPTURE_THREADS threads | $(value single_per_s) records/s ($(value single_ratio) × raw) | |"
    echo "| searches while capturing ($(value during_capture_searches), one every 250 ms) | p50 / p95 / max $(value during_capture_search_p50_ms) / $(value during_capture_search_p95_ms) / $(value during_capture_search_max_ms) ms; capture meanwhile $(value during_capture_per_s) records/s | |"
    echo "| verify $(value verify_records) records | $(value verify_s) s ($(value verify_per_million_s) s, CPU $(value verify_cpu_per_million_s) s per 1,000,000) | ≤ 60 s for 1,000,000: $(pf "$(value verify_per_million_s)" 60 '<=') |"
    echo "| search p50 / p95 / p99 ($QUERIES queries) | $(value search_p50_ms) / $(value search_p95_ms) / $(value search_p99_ms) ms | p95 ≤ 50 ms: $(pf "$(value search_p95_ms)" 50 '<=') |"
} | tee "$RUN_DIR/summary.md"
