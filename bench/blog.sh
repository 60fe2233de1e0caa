#!/usr/bin/env bash
# Company blog benchmark (issue 6, "Performance"): loads a large blog (10,000 posts in 5 languages with translations,
# 200,000 comments) into a fresh instance, then measures with wrk /blog, random post pages, the Atom feed and a static
# file as the reference of the same run, all as anonymous visitors; checks revalidation (304) on the way.
#
# Usage (from the repository root):  bench/blog.sh [--no-build] [--small] [--quick] [--no-doc]
#   --no-build  use the existing target/backchannel.jar
#   --small     1,000 posts and 20,000 comments (for trying the script out)
#   --quick     short wrk runs (2 s + 5 s)
#   --no-doc    do not append the section to docs/benchmarks.md
# Environment: POSTS, COMMENTS (data size), SLUGS (how many distinct posts the post run asks for, the newest first,
# default all of them; every one is a real public post), WARMUP / DURATION (wrk seconds,
# default 10 / 30), CONNECTIONS (default 64), BENCH_JAVA_HOME, BENCH_JVM_OPTS. Needs curl and wrk.
# Exits non-zero when a step fails; stops what it started and deletes its data.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
parse_options '2,14p' "$@"

if [[ $SMALL == 1 ]]; then
    POSTS="${POSTS:-1000}" COMMENTS="${COMMENTS:-20000}"
fi
POSTS="${POSTS:-10000}" COMMENTS="${COMMENTS:-200000}" SLUGS="${SLUGS:-$POSTS}"
WARMUP="${WARMUP:-10}" DURATION="${DURATION:-30}" CONNECTIONS="${CONNECTIONS:-64}"
if [[ $QUICK == 1 ]]; then WARMUP=2 DURATION=5; fi

RESULTS="$ROOT/bench/results"
EXTRACTED="$RESULTS/app"
bench_init blog
require_tools curl wrk awk ps
use_java
build_app "$BUILD"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
log "data dir $DATA_DIR, results in $RUN_DIR"

# The generator runs on the application's class path (PostgreSQL driver) and reuses IdeasGenerator's COPY helpers.
GEN_CLASSES="$RUN_DIR/generator"
"$JAVA_HOME/bin/javac" -nowarn -d "$GEN_CLASSES" -cp "$EXTRACTED/lib/*" bench/IdeasGenerator.java bench/BlogGenerator.java
generator() { "$JAVA" -cp "$GEN_CLASSES:$EXTRACTED/lib/*" BlogGenerator "$@" --url "$DB_URL"; }

# No demo company (its posts would not matter, but the load expects an empty blog).
export BACKCHANNEL_DEMO_DATA=false
# shellcheck disable=SC2086
start_app blog ${BENCH_JVM_OPTS:-}
READY_MS="$(wait_ready)"
DB_URL="jdbc:postgresql://127.0.0.1:$(postgres_port)/backchannel?user=postgres"
log "ready in $READY_MS ms; loading $POSTS posts and $COMMENTS comments"
generator load --posts "$POSTS" --comments "$COMMENTS" | tee "$RUN_DIR/load.txt" >&2
LOAD_MS="$(awk '$1 == "load_ms" {print $2}' "$RUN_DIR/load.txt")"
SLUG_FILE="$RUN_DIR/slugs.txt"
generator slugs --count "$SLUGS" --out "$SLUG_FILE" >&2
SLUG_COUNT="$(wc -l <"$SLUG_FILE")"
((SLUG_COUNT > 0)) || die "no public posts to ask for"
DB_SIZE="$(du -sm "$DATA_DIR/postgres" | cut -f1)"
FIRST_POST="/blog/$(head -1 "$SLUG_FILE")"

# Smoke test: the pages answer 200 and show the generated data; a revalidation with the ETag answers 304.
for path in "/blog" "/blog?page=20" "$FIRST_POST" "/blog/feed.atom" "/blog/feed.rss" "/sitemap.xml" "/static-reference.txt"; do
    code="$(curl -s -o "$RUN_DIR/smoke.out" -w '%{http_code}' "$BASE$path")"
    [[ $code == 200 ]] || die "GET $path answered $code"
done
grep -q "News from the company" <(curl -s "$BASE/blog") || die "/blog does not show the generated posts"
ETAG="$(curl -s -D - -o /dev/null "$BASE$FIRST_POST" | awk -F': ' 'tolower($1) == "etag" {print $2}' | tr -d '\r')"
[[ -n $ETAG ]] || die "no ETag on $FIRST_POST"
code="$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $ETAG" "$BASE$FIRST_POST")"
[[ $code == 304 ]] || die "revalidating $FIRST_POST with its ETag answered $code, expected 304"

WRK_SCRIPT="$ROOT/bench/blog.lua"
run_wrk static /static-reference.txt -s "$WRK_SCRIPT"
S_RPS=$RPS S_P50=$P50 S_P95=$P95 S_P99=$P99 S_CPU=$CPU_US S_ERR=$ERRORS
run_wrk list /blog -s "$WRK_SCRIPT"
L_RPS=$RPS L_P50=$P50 L_P95=$P95 L_P99=$P99 L_CPU=$CPU_US L_ERR=$ERRORS
BENCH_MODE=post BENCH_SLUGS=$SLUG_FILE run_wrk post /blog -s "$WRK_SCRIPT"
P_RPS=$RPS P_P50=$P50 P_P95=$P95 P_P99=$P99 P_CPU=$CPU_US P_ERR=$ERRORS
run_wrk feed /blog/feed.atom -s "$WRK_SCRIPT"
F_RPS=$RPS F_P50=$P50 F_P95=$P95 F_P99=$P99 F_CPU=$CPU_US F_ERR=$ERRORS

JAVA_RSS="$(rss_kb "$APP_PID")"
stop_app
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# ================================================================ report
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
row() {  # row LABEL RPS P50 P95 P99 CPU ERRORS MIN_RPS [MAX_P99]
    local target="—" result="—" ok=1
    if [[ -n ${8:-} ]]; then
        target="≥ $8/s"; [[ $(pf "$2" "$8" '>=') == pass ]] || ok=0
        if [[ -n ${9:-} ]]; then target+=", p99 ≤ $9 ms"; [[ $(pf "$5" "$9" '<=') == pass ]] || ok=0; fi
        ((ok)) && result=pass || result="**fail**"
    fi
    echo "| $1 | $2 | $3 / $4 / $5 ms | $6 µs | $(ratio "$2" "$S_RPS") | ${7:-none} | $target | $result |"
}
SECTION="$RUN_DIR/section.md"
{
    echo "### Blog — $(date -u '+%Y-%m-%d %H:%M UTC') — commit $COMMIT"
    echo
    machine_line
    echo "Load average before / after the run: $LOAD_BEFORE / $LOAD_AFTER. Data: $POSTS posts in 5 languages (originals in"
    echo "English or German with 0–4 translations), $COMMENTS comments, loaded in $((LOAD_MS / 1000)) s (COPY, including"
    echo "VACUUM ANALYZE; database $DB_SIZE MB). Post pages: $SLUG_COUNT distinct public posts, picked at random per request."
    echo "wrk: $THREADS threads, $CONNECTIONS connections, $WARMUP s warm-up (not recorded) then $DURATION s recorded; anonymous."
    echo
    echo "| Run | requests/s | p50 / p95 / p99 | java CPU/request | ÷ static | wrk errors | Target | Result |"
    echo "| --- | ---: | ---: | ---: | ---: | --- | --- | --- |"
    row "\`/static-reference.txt\` (reference)" "$S_RPS" "$S_P50" "$S_P95" "$S_P99" "$S_CPU" "$S_ERR"
    row "\`/blog\`" "$L_RPS" "$L_P50" "$L_P95" "$L_P99" "$L_CPU" "$L_ERR" 3000 30
    row "\`/blog/{language}/{slug}\` (random)" "$P_RPS" "$P_P50" "$P_P95" "$P_P99" "$P_CPU" "$P_ERR" 3000 30
    row "\`/blog/feed.atom\`" "$F_RPS" "$F_P50" "$F_P95" "$F_P99" "$F_CPU" "$F_ERR" 2000
    echo
    echo "java RSS after the runs: $(mb "$JAVA_RSS") MB. Raw output: \`bench/results/$STAMP/\` (not committed)."
    echo
} >"$SECTION"
cat "$SECTION"

if [[ $WRITE_DOC == 1 ]]; then
    { echo; cat "$SECTION"; } >>"$ROOT/docs/benchmarks.md"
    log "appended the results to docs/benchmarks.md"
fi
[[ "$S_ERR$L_ERR$P_ERR$F_ERR" != *Non-2xx* ]] || die "some requests were answered with 4xx/5xx (see the wrk errors)"
log "done"
