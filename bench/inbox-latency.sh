#!/usr/bin/env bash
# Capture-to-inbox latency (issue 5, "capture-to-inbox p95 ≤ 1 s at 1,000 posts/s"): starts a fresh instance with a
# default team of three, creates a webhook connector through the admin form, then bench/CaptureLatency.java posts
# signed webhook deliveries at a fixed rate (short posts in the post languages, 5,000 distinct customers) and listens
# until each post's conversation is there (analysed, routed, committed; a trigger the harness adds reports each first
# message at its commit). Latency runs from the instant a post was due to that report, so a stalled server cannot hide
# its delay by slowing the load.
#
# Usage (from the repository root):  bench/inbox-latency.sh [--no-build] [--quick]
#   --no-build  use the existing target/backchannel.jar
#   --quick     3 s of posts instead of 30 s
# Environment: RATE (posts/s, default 1000), CONNECTIONS (kept-alive connections the deliveries share, default 64; a
# post due while all are busy waits, and its wait counts), SECONDS_OF_POSTS (default 30), WARMUP_SECONDS (default 150: posts sent at
# the same rate first and not counted, so that the measured posts meet a server whose code is compiled, as a server that
# has been running is; on 2 cores C2 still compiled about 1,000 methods per 20 s two minutes in, and after a 20 s
# warm-up two runs of the same code gave p95 0.36 s and 3.8 s; 0 measures from a cold start), BENCH_JAVA_HOME, BENCH_JVM_OPTS.
# Needs curl. Prints a Markdown table to stdout and keeps the output in bench/results/<stamp>; stops what it started
# and deletes its data.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
parse_options '2,13p' "$@"

RATE="${RATE:-1000}" CONNECTIONS="${CONNECTIONS:-64}" SECONDS_OF_POSTS="${SECONDS_OF_POSTS:-30}" WARMUP_SECONDS="${WARMUP_SECONDS:-150}"
if [[ $QUICK == 1 ]]; then SECONDS_OF_POSTS=3; fi
PASSWORD=bench-password
TARGET_P95_MS=1000

RESULTS="$ROOT/bench/results"
EXTRACTED="$RESULTS/app"
bench_init inbox-latency
require_tools curl awk
use_java
build_app "$BUILD"
log "data dir $DATA_DIR, results in $RUN_DIR"

HARNESS="$RUN_DIR/harness"
"$JAVA_HOME/bin/javac" -nowarn -d "$HARNESS" -cp "$EXTRACTED/lib/*" bench/CaptureLatency.java
harness() { "$JAVA" -cp "$HARNESS:$EXTRACTED/lib/*" CaptureLatency "$@" --url "$DB_URL"; }

export BACKCHANNEL_DEMO_DATA=false BACKCHANNEL_PUBLIC_WRITES_PER_MINUTE=100000000
# shellcheck disable=SC2086
start_app inbox-latency ${BENCH_JVM_OPTS:-}
READY_MS="$(wait_ready)"
DB_URL="jdbc:postgresql://127.0.0.1:$(postgres_port)/backchannel?user=postgres"
log "ready in $READY_MS ms; creating the team and the webhook connector"
harness setup --password "$PASSWORD"

SESSION="$(form_login latency-admin@bench.backchannel.test "$PASSWORD")"
FORM="$(curl -sf -H "Cookie: JSESSIONID=$SESSION" "$BASE/admin/channels/new?kind=WEBHOOK")" || die "no connector form"
CSRF="$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' <<<"$FORM" | head -1)"
SECRET="whsec_bench_$(date +%s%N)"
LOCATION="$(curl -s -o /dev/null -w '%{redirect_url}' -H "Cookie: JSESSIONID=$SESSION" \
    --data-urlencode kind=WEBHOOK --data-urlencode name="Latency webhook" --data-urlencode url= \
    --data-urlencode secret="$SECRET" --data-urlencode intervalMinutes=15 --data-urlencode filters= \
    --data-urlencode "_csrf=$CSRF" "$BASE/admin/channels")"
CONNECTOR="${LOCATION##*/admin/channels/}"
[[ $CONNECTOR =~ ^[0-9a-f-]{36}$ ]] || die "creating the webhook connector redirected to '$LOCATION'"

if [[ $WARMUP_SECONDS -gt 0 ]]; then
    log "warming up: $RATE posts/s for $WARMUP_SECONDS s, not counted"
    harness run --base "$BASE" --connector "$CONNECTOR" --secret "$SECRET" --rate "$RATE" --connections "$CONNECTIONS" \
        --seconds "$WARMUP_SECONDS" >"$RUN_DIR/warmup.txt"
fi
log "posting $RATE posts/s for $SECONDS_OF_POSTS s to connector $CONNECTOR"
CPU0="$(cpu_ms "$APP_PID")"
harness run --base "$BASE" --connector "$CONNECTOR" --secret "$SECRET" --rate "$RATE" --connections "$CONNECTIONS" \
    --seconds "$SECONDS_OF_POSTS" | tee "$RUN_DIR/latency.txt" >&2
CPU1="$(cpu_ms "$APP_PID")"
stop_app

value() { awk -v k="$1" '$1 == k {print $2}' "$RUN_DIR/latency.txt"; }
SENT="$(value sent)"
CPU_US="$(awk -v c=$((CPU1 - CPU0)) -v n="$SENT" 'BEGIN {printf "%.0f", c * 1000 / n}')"
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
{
    echo "### Capture to inbox $(date -u '+%Y-%m-%d %H:%M UTC') — commit $COMMIT"
    echo
    machine_line
    echo "Signed webhook deliveries at $RATE posts/s for $SECONDS_OF_POSTS s over $CONNECTIONS kept-alive connections, after $WARMUP_SECONDS s of the same not counted;" \
        "latency until the conversation's row is committed."
    echo
    echo "| posts | refused | lost | p50 / p95 / p99 / max | java CPU/post | target | result |"
    echo "|---|---|---|---|---|---|---|"
    echo "| $SENT | $(value refused) | $(value lost) | $(value p50_ms) / $(value p95_ms) / $(value p99_ms) / $(value max_ms) ms" \
        "| $CPU_US µs | p95 ≤ $TARGET_P95_MS ms | $(pf "$(value p95_ms)" "$TARGET_P95_MS" '<=') |"
} | tee "$RUN_DIR/section.md"
