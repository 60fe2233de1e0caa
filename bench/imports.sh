#!/usr/bin/env bash
# Import benchmark (issue 4, "Performance"): an X archive of 2,000 posts imported from the command line (target
# ≤ 2 s for the import itself, as the command reports it), then a ~1 GB export (200,000 posts + 900 media files of
# 1 MB) imported with the heap capped at -Xmx512m (target: completes). Each import runs
# `java -jar backchannel.jar import FILE` against a fresh data directory (embedded PostgreSQL, archive).
#
# Usage (from the repository root):  bench/imports.sh [--no-build] [--small] [--quick] [--no-doc]
#   --no-build  use the existing target/backchannel.jar
#   --small / --quick  the large export is 2,000 posts + 20 media files of 1 MB (for trying the script out)
#   --no-doc    accepted for symmetry; this script never writes docs/benchmarks.md
# Environment: POSTS (default 2000), BIG_POSTS (200000), BIG_MEDIA (900), MEDIA_BYTES (1048576), BENCH_JAVA_HOME.
# Exits non-zero when an import fails.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
parse_options '2,15p' "$@"

BIG_POSTS_SET="${BIG_POSTS:-}" BIG_MEDIA_SET="${BIG_MEDIA:-}"
POSTS="${POSTS:-2000}" BIG_POSTS="${BIG_POSTS:-200000}" BIG_MEDIA="${BIG_MEDIA:-900}" MEDIA_BYTES="${MEDIA_BYTES:-1048576}"
if [[ $SMALL == 1 || $QUICK == 1 ]]; then BIG_POSTS="${BIG_POSTS_SET:-2000}" BIG_MEDIA="${BIG_MEDIA_SET:-20}"; fi

RESULTS="$ROOT/bench/results"
EXTRACTED="$RESULTS/app"
bench_init imports
use_java
build_app "$BUILD"
export BACKCHANNEL_DEMO_DATA=false

# import_run NAME HEAP FILE: one command-line import into this run's data directory; prints its summary line.
import_run() {
    local name="$1" heap="$2" file="$3" t0 rc=0
    t0="$(now_ms)"
    BACKCHANNEL_DATA_DIR="$DATA_DIR" "$JAVA" "-Xmx$heap" -jar "$APP_JAR" import "$file" \
        >"$RUN_DIR/$name.out" 2>"$RUN_DIR/$name.err" || rc=$?
    # The command's summary line; the application's own log lines come after it.
    tr '\r' '\n' <"$RUN_DIR/$name.out" | grep -E '^(DONE|FAILED) in' || true
    log "$name: exit $rc, $(($(now_ms) - t0)) ms including start-up (heap $heap)"
    [[ $rc == 0 ]] || { tail -20 "$RUN_DIR/$name.err" >&2; die "$name failed"; }
}

log "generating exports in $RUN_DIR"
"$JAVA" bench/XArchiveGenerator.java "$RUN_DIR/x-small.zip" "$POSTS" 0 0
"$JAVA" bench/XArchiveGenerator.java "$RUN_DIR/x-big.zip" "$BIG_POSTS" "$BIG_MEDIA" "$MEDIA_BYTES"

import_run small 512m "$RUN_DIR/x-small.zip"
import_run small-again 512m "$RUN_DIR/x-small.zip"
import_run big 512m "$RUN_DIR/x-big.zip"
log "done; outputs in $RUN_DIR"
