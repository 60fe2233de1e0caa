#!/usr/bin/env bash
# Listening inbox benchmark (issue 5, "p99 ≤ 50 ms with 1,000,000 conversations"): loads a large inbox (1,000,000
# conversations of 200,000 customers, 20 staff in 4 teams) into a fresh instance, prints the query plans of the inbox's
# lists, then measures with wrk, signed in as staff, the inbox's common views: my teams' open conversations, mine,
# everything, a page half-way down by keyset cursor, a sentiment filter and a search. Each view is measured twice:
# saturated (CONNECTIONS asking flat out, which shows the throughput) and paced (the same connections each waiting
# about PACE_MS between answer and next request, bench/inbox.lua: a realistic offered load of a large support team,
# on which the p99 target is judged).
#
# Usage (from the repository root):  bench/inbox.sh [--no-build] [--small] [--quick]
#   --no-build  use the existing target/backchannel.jar
#   --small     20,000 conversations (for trying the script out)
#   --quick     short wrk runs (2 s + 5 s)
# Environment: CONVERSATIONS (data size), WARMUP / DURATION (wrk seconds, default 10 / 30), CONNECTIONS (default 16),
# PACE_MS (default 110: about 130 req/s with 16 connections), JIT_WARMUP (s per view before any is measured, default 5),
# BENCH_JAVA_HOME, BENCH_JVM_OPTS. Needs curl and wrk. Prints a Markdown table to stdout and keeps the wrk output and
# plans in bench/results/<stamp>; stops what it started and deletes its data.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
parse_options '2,17p' "$@"

if [[ $SMALL == 1 ]]; then CONVERSATIONS="${CONVERSATIONS:-20000}"; fi
CONVERSATIONS="${CONVERSATIONS:-1000000}"
WARMUP="${WARMUP:-10}" DURATION="${DURATION:-30}" CONNECTIONS="${CONNECTIONS:-16}" PACE_MS="${PACE_MS:-110}"
JIT_WARMUP="${JIT_WARMUP:-5}"
if [[ $QUICK == 1 ]]; then WARMUP=2 DURATION=5 JIT_WARMUP=2; fi
PASSWORD=bench-password
TARGET_P99_MS=50

RESULTS="$ROOT/bench/results"
EXTRACTED="$RESULTS/app"
bench_init inbox
require_tools curl wrk awk
use_java
build_app "$BUILD"
log "data dir $DATA_DIR, results in $RUN_DIR"

GEN_CLASSES="$RUN_DIR/generator"
"$JAVA_HOME/bin/javac" -nowarn -d "$GEN_CLASSES" -cp "$EXTRACTED/lib/*" bench/InboxGenerator.java
generator() { "$JAVA" -cp "$GEN_CLASSES:$EXTRACTED/lib/*" InboxGenerator "$@" --url "$DB_URL"; }

export BACKCHANNEL_DEMO_DATA=false BACKCHANNEL_PUBLIC_WRITES_PER_MINUTE=100000000
# shellcheck disable=SC2086
start_app inbox ${BENCH_JVM_OPTS:-}
READY_MS="$(wait_ready)"
DB_URL="jdbc:postgresql://127.0.0.1:$(postgres_port)/backchannel?user=postgres"
log "ready in $READY_MS ms; loading $CONVERSATIONS conversations"
generator load --conversations "$CONVERSATIONS" --password "$PASSWORD" | tee "$RUN_DIR/load.txt" >&2
LOAD_MS="$(awk '$1 == "load_ms" {print $2}' "$RUN_DIR/load.txt")"
generator explain >"$RUN_DIR/plans.txt"
log "query plans in $RUN_DIR/plans.txt:"
grep -E '^==|Execution Time' "$RUN_DIR/plans.txt" >&2
CURSOR="$(generator cursor | awk '$1 == "cursor" {print $2}')"
[[ -n $CURSOR ]] || die "no cursor half-way down the list"

SESSION="$(form_login bench0@bench.backchannel.test "$PASSWORD")"
COOKIE="Cookie: JSESSIONID=$SESSION"
VIEWS=(
    "my-teams-open|/workspace/inbox"
    "mine-open|/workspace/inbox?scope=mine"
    "everything|/workspace/inbox?scope=all&status=any"
    "half-way-down|/workspace/inbox?scope=all&status=any&after=$CURSOR"
    "negative|/workspace/inbox?scope=all&sentiment=NEGATIVE"
    "search|/workspace/inbox?scope=all&status=any&q=customer42"
)
for view in "${VIEWS[@]}"; do
    path="${view#*|}"
    code="$(curl -s -o "$RUN_DIR/smoke.html" -w '%{http_code}' -H "$COOKIE" "$BASE$path")"
    [[ $code == 200 ]] || die "GET $path answered $code"
    grep -q 'table class="inbox"' "$RUN_DIR/smoke.html" || die "GET $path shows no conversations"
done

WRK_SCRIPT="$ROOT/bench/inbox.lua"
# Every view flat out for a while first, so that the JIT has compiled the page before the first view is measured.
log "JIT warm-up: each view ${JIT_WARMUP}s"
for view in "${VIEWS[@]}"; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${JIT_WARMUP}s" -H "$COOKIE" "$BASE${view#*|}" >/dev/null
done
ROWS=()
for view in "${VIEWS[@]}"; do
    label="${view%%|*}" path="${view#*|}"
    run_wrk "$label" "$path" -H "$COOKIE" -s "$WRK_SCRIPT"
    ROWS+=("| $label | saturated | $RPS | $P50 / $P95 / $P99 ms | $CPU_US µs | ${ERRORS:-none} | — | — |")
    BENCH_PACE_MS=$PACE_MS run_wrk "$label-paced" "$path" -H "$COOKIE" -s "$WRK_SCRIPT"
    ROWS+=("| $label | paced | $RPS | $P50 / $P95 / $P99 ms | $CPU_US µs | ${ERRORS:-none} | p99 ≤ $TARGET_P99_MS ms | $(pf "$P99" "$TARGET_P99_MS" '<=') |")
done
stop_app

COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
{
    echo "### Inbox $(date -u '+%Y-%m-%d %H:%M UTC') — commit $COMMIT"
    echo
    machine_line
    echo "Data: $CONVERSATIONS conversations, loaded in $((LOAD_MS / 1000)) s; $CONNECTIONS connections, ${DURATION}s per view and load" \
        "(saturated: flat out; paced: each connection waits $((PACE_MS / 2))–$((PACE_MS * 3 / 2)) ms after an answer)."
    echo
    echo "| view | load | req/s | p50 / p95 / p99 | java CPU/request | errors | target | result |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${ROWS[@]}"
} | tee "$RUN_DIR/section.md"
