#!/usr/bin/env bash
# Foundation benchmark for Backchannel: ready time (cold, warm, warm with a JDK AOT cache), memory (RSS) and
# throughput/latency of the start page, a logged-in staff page and a static file, all against one local instance.
#
# Usage (from the repository root):  bench/foundation.sh [--no-build] [--quick] [--no-doc]
#   --no-build  use the existing target/backchannel.jar
#   --quick     short wrk runs (2 s + 5 s) and one start per variant, for trying the script out
#   --no-doc    do not append a section to docs/benchmarks.md
# Environment: STARTS (warm starts per variant, median reported, default 3), WARMUP / DURATION (wrk seconds,
# default 10 / 20), BENCH_JAVA_HOME (JDK to run with). Needs curl and wrk (apt-get install -y wrk).
# Only talks to 127.0.0.1; every wait is bounded; stops the application with SIGTERM and kills nothing it did not start.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BUILD=1 QUICK=0 WRITE_DOC=1
for arg in "$@"; do
    case "$arg" in
        --no-build) BUILD=0 ;;
        --quick) QUICK=1 ;;
        --no-doc) WRITE_DOC=0 ;;
        -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "unknown option: $arg" >&2; exit 2 ;;
    esac
done

STARTS="${STARTS:-3}"
WARMUP="${WARMUP:-10}"
DURATION="${DURATION:-20}"
if [[ $QUICK == 1 ]]; then STARTS=1 WARMUP=2 DURATION=5; fi
CONNECTIONS=32
ADMIN_EMAIL=admin@demo.backchannel.test
ADMIN_PASSWORD=demo-backchannel

RESULTS="$ROOT/bench/results"
EXTRACTED="$RESULTS/app"            # `java -Djarmode=tools -jar ... extract`: plain jars, needed for an AOT cache
AOT_CACHE="$RESULTS/app.aot"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_init bench
require_tools curl wrk awk ps
use_java
rm -rf "$AOT_CACHE"
build_app "$BUILD"

# A few requests through the main paths (used for the AOT training run and as a smoke test).
exercise() {
    local i
    for i in 1 2 3; do
        curl -sf -o /dev/null "$BASE/"
        curl -sf -o /dev/null "$BASE/static-reference.txt"
        curl -sf -o /dev/null "$BASE/css/app.css"
        curl -sf -o /dev/null "$BASE/register"
        curl -sf -o /dev/null "$BASE/actuator/health"
        login_session >/dev/null
        curl -sf -o /dev/null -H "Cookie: JSESSIONID=$SESSION" "$BASE/workspace"
        curl -sf -o /dev/null -H "Cookie: JSESSIONID=$SESSION" "$BASE/account"
        curl -sf -o /dev/null -H "Cookie: JSESSIONID=$SESSION" "$BASE/admin/accounts"
        curl -s -o /dev/null "$BASE/does-not-exist"
    done
}

# login_session: logs in as the demo admin; sets SESSION to the new JSESSIONID. The login form is throttled per
# client, so this is used a handful of times per run only.
SESSION=""
login_session() {
    local code
    SESSION="$(form_login "$ADMIN_EMAIL" "$ADMIN_PASSWORD")"
    code="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: JSESSIONID=$SESSION" "$BASE/workspace")"
    [[ $code == 200 ]] || die "/workspace answered $code with the new session, expected 200"
    echo "$SESSION"
}

# ================================================================ measurements
log "data dir $DATA_DIR, results in $RUN_DIR"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

# 1. Cold start: empty data dir -> initdb, migrations, demo company. Fat jar, as shipped.
log "cold start (initdb + demo data), fat jar"
FAT_JAR=1 start_app cold
COLD_MS="$(wait_ready)"
COLD_CPU="$(cpu_ms "$APP_PID")"
COLD_RSS="$(rss_kb "$APP_PID")"
log "  ready in $COLD_MS ms (java CPU $COLD_CPU ms), java RSS $(mb "$COLD_RSS") MB"
stop_app
COLD_STOP_MS="$STOP_MS"
log "  stopped in $STOP_MS ms"

# warm_starts NAME [JVM options...]: STARTS restarts on the now initialised data dir; sets WARM (median ready ms),
# WARM_ALL (each), WARM_CPU (median java CPU ms used until ready) and WARM_STOP (last stop ms).
warm_starts() {
    local name="$1"; shift
    local i ms cpu all=() cpus=()
    for i in $(seq 1 "$STARTS"); do
        start_app "$name-$i" "$@"
        ms="$(wait_ready)"
        cpu="$(cpu_ms "$APP_PID")"
        all+=("$ms") cpus+=("$cpu")
        sleep 1
        log "  $name #$i: ready in $ms ms (java CPU $cpu ms), java RSS $(mb "$(rss_kb "$APP_PID")") MB"
        stop_app
        log "  stopped in $STOP_MS ms"
    done
    WARM="$(median "${all[@]}")"
    WARM_ALL="${all[*]}"
    WARM_CPU="$(median "${cpus[@]}")"
    WARM_STOP="$STOP_MS"
}

log "warm restarts, fat jar (java -jar target/backchannel.jar)"
FAT_JAR=1 warm_starts warm-fatjar
WARM_FAT="$WARM" WARM_FAT_ALL="$WARM_ALL" WARM_FAT_CPU="$WARM_CPU" STOP_WARM="$WARM_STOP"

log "warm restarts, extracted jar (java -jar bench/results/app/backchannel.jar)"
warm_starts warm-extracted
WARM_EXT="$WARM" WARM_EXT_ALL="$WARM_ALL" WARM_EXT_CPU="$WARM_CPU"

# 2. AOT cache (JEP 483/514, JDK 25+): training run that records, then writes the cache when the JVM exits.
AOT_OK=0 WARM_AOT="" WARM_AOT_ALL="" WARM_AOT_CPU="" WARM_C1="" WARM_C1_ALL="" AOT_TRAIN_MS="" AOT_SIZE=""
AOT_FLAGS=()
if ((JAVA_VERSION_NUM >= 25)); then
    log "AOT training run (-XX:AOTCacheOutput=$AOT_CACHE)"
    t0="$(now_ms)"
    start_app aot-training -XX:AOTCacheOutput="$AOT_CACHE" -Xlog:aot=info:file="$RUN_DIR/aot-training-jvm.log"
    wait_ready >/dev/null
    exercise
    stop_app
    AOT_TRAIN_MS=$(($(now_ms) - t0))
    if [[ -s $AOT_CACHE ]]; then
        AOT_OK=1
        AOT_SIZE="$(mb "$(($(stat -c %s "$AOT_CACHE") / 1024))")"
        log "  AOT cache written: $AOT_CACHE ($AOT_SIZE MB) in $AOT_TRAIN_MS ms"
        # AOTMode=on: the JVM refuses to start if it cannot use the cache, so a ready time proves it was used.
        AOT_FLAGS=(-XX:AOTCache="$AOT_CACHE" -XX:AOTMode=on)
        log "warm restarts with the AOT cache"
        warm_starts warm-aot "${AOT_FLAGS[@]}" -Xlog:aot=info:file="$RUN_DIR/aot-use-jvm.log"
        WARM_AOT="$WARM" WARM_AOT_ALL="$WARM_ALL" WARM_AOT_CPU="$WARM_CPU"
        grep -q -i 'AOT cache' "$RUN_DIR/aot-use-jvm.log" 2>/dev/null && log "  $(grep -i -m1 'AOT cache' "$RUN_DIR/aot-use-jvm.log" | sed 's/^\[[^]]*\]//')"
    else
        log "WARNING: no AOT cache was written (see $RUN_DIR/aot-training.log)"
    fi
else
    log "JDK $JAVA_VERSION_NUM: no AOT cache (needs JDK 25)"
fi

log "warm restarts with -XX:TieredStopAtLevel=1 (C1 only)${AOT_FLAGS:+ and the AOT cache}"
warm_starts warm-c1 ${AOT_FLAGS[@]+"${AOT_FLAGS[@]}"} -XX:TieredStopAtLevel=1
WARM_C1="$WARM" WARM_C1_ALL="$WARM_ALL" WARM_C1_CPU="$WARM_CPU"

# 3. Load: best configuration (extracted jar + AOT cache when there is one), default JIT.
log "load run${AOT_FLAGS:+ (with AOT cache)}"
start_app load ${AOT_FLAGS[@]+"${AOT_FLAGS[@]}"}
LOAD_READY="$(wait_ready)"
sleep 5
IDLE_RSS="$(rss_kb "$APP_PID")"
read -r PG_IDLE_RSS PG_IDLE_PSS PG_IDLE_N < <(pg_mem_kb)
log "  idle: java RSS $(mb "$IDLE_RSS") MB, postgres RSS $(mb "$PG_IDLE_RSS") MB (PSS $(mb "$PG_IDLE_PSS") MB, $PG_IDLE_N processes)"
# Does the start page open an HTTP session for an anonymous visitor (each wrk request would then add one)?
ANON_SESSION="$(curl -s -D - -o /dev/null "$BASE/" | grep -ci '^set-cookie: *JSESSIONID' || true)"
((ANON_SESSION > 0)) && ANON_SESSION=yes || ANON_SESSION=no
login_session >/dev/null
log "  logged in as $ADMIN_EMAIL; /workspace answers 200 with JSESSIONID=${SESSION:0:6}..."

run_wrk static /static-reference.txt
S_RPS=$RPS S_P50=$P50 S_P99=$P99 S_CPU=$CPU_US S_ERR=$ERRORS
run_wrk home /
H_RPS=$RPS H_P50=$P50 H_P99=$P99 H_CPU=$CPU_US H_ERR=$ERRORS
run_wrk workspace /workspace -H "Cookie: JSESSIONID=$SESSION"
W_RPS=$RPS W_P50=$P50 W_P99=$P99 W_CPU=$CPU_US W_ERR=$ERRORS
code="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: JSESSIONID=$SESSION" "$BASE/workspace")"
[[ $code == 200 ]] || die "/workspace answered $code after the load run: the staff figures are not of the staff page"

LOAD_RSS="$(rss_kb "$APP_PID")"
read -r PG_LOAD_RSS PG_LOAD_PSS PG_LOAD_N < <(pg_mem_kb)
log "  after load: java RSS $(mb "$LOAD_RSS") MB, postgres RSS $(mb "$PG_LOAD_RSS") MB (PSS $(mb "$PG_LOAD_PSS") MB, $PG_LOAD_N processes)"
stop_app
LOAD_STOP_MS="$STOP_MS"

# 4. The start page with C1 only, to see what TieredStopAtLevel=1 costs in throughput.
log "load run with -XX:TieredStopAtLevel=1"
start_app load-c1 ${AOT_FLAGS[@]+"${AOT_FLAGS[@]}"} -XX:TieredStopAtLevel=1
wait_ready >/dev/null
run_wrk home-c1 /
C1_RPS=$RPS C1_P50=$P50 C1_P99=$P99 C1_CPU=$CPU_US
stop_app
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# ================================================================ report
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
BEST_MS="${WARM_AOT:-$WARM_EXT}"

SECTION="$RUN_DIR/section.md"
{
    echo "## $(date -u '+%Y-%m-%d %H:%M UTC') — commit $COMMIT"
    echo
    machine_line
    echo "Load average before / after the run: $LOAD_BEFORE / $LOAD_AFTER. wrk: $THREADS threads, $CONNECTIONS connections,"
    echo "${WARMUP} s warm-up (not recorded) then ${DURATION} s recorded; warm ready times are the median of $STARTS starts."
    echo
    echo "| Figure | Value | Target | Result |"
    echo "| --- | ---: | --- | --- |"
    echo "| Ready, cold first start (initdb + migrations + demo data), fat jar | $COLD_MS ms (CPU $COLD_CPU ms) | — | — |"
    echo "| Ready, warm restart, fat jar \`java -jar target/backchannel.jar\` (runs: $WARM_FAT_ALL) | $WARM_FAT ms (CPU $WARM_FAT_CPU ms) | ≤ 5,000 ms | $(pf "$WARM_FAT" 5000 '<=') |"
    echo "| Ready, warm restart, extracted jar (runs: $WARM_EXT_ALL) | $WARM_EXT ms (CPU $WARM_EXT_CPU ms) | ≤ 5,000 ms | $(pf "$WARM_EXT" 5000 '<=') |"
    if [[ $AOT_OK == 1 ]]; then
        echo "| Ready, warm restart, extracted jar + AOT cache (runs: $WARM_AOT_ALL) | $WARM_AOT ms (CPU $WARM_AOT_CPU ms) | ≤ 5,000 ms | $(pf "$WARM_AOT" 5000 '<=') |"
    else
        echo "| Ready, warm restart, extracted jar + AOT cache | n/a (no cache) | ≤ 5,000 ms | — |"
    fi
    echo "| Ready, warm restart, as above + \`-XX:TieredStopAtLevel=1\` (runs: $WARM_C1_ALL) | $WARM_C1 ms (CPU $WARM_C1_CPU ms) | — | $( ((WARM_C1 < BEST_MS)) && echo faster || echo "not faster") |"
    echo "| Graceful stop (SIGTERM → exit): cold / warm / after load | $COLD_STOP_MS / $STOP_WARM / $LOAD_STOP_MS ms | — | — |"
    echo "| java RSS idle (after start${AOT_FLAGS:+, AOT cache}) | $(mb "$IDLE_RSS") MB | ≤ 400 MB | $(pf "$(mb "$IDLE_RSS")" 400 '<=') |"
    echo "| java RSS after the load runs | $(mb "$LOAD_RSS") MB | — | — |"
    echo "| PostgreSQL RSS total idle / after load ($PG_IDLE_N / $PG_LOAD_N processes) | $(mb "$PG_IDLE_RSS") / $(mb "$PG_LOAD_RSS") MB | — | — |"
    echo "| PostgreSQL PSS total idle / after load (shared memory counted once) | $(mb "$PG_IDLE_PSS") / $(mb "$PG_LOAD_PSS") MB | — | — |"
    echo "| \`/\` start page: requests/s | $H_RPS | ≥ 3,000 | $(pf "$H_RPS" 3000 '>=') |"
    echo "| \`/\` start page: p50 / p99 | $H_P50 / $H_P99 ms | p99 ≤ 30 ms | $(pf "$H_P99" 30 '<=') |"
    echo "| \`/\` opens an HTTP session for an anonymous visitor (Set-Cookie: JSESSIONID) | $ANON_SESSION | — | — |"
    echo "| \`/workspace\` (logged-in admin): requests/s | $W_RPS | — | — |"
    echo "| \`/workspace\`: p50 / p99 | $W_P50 / $W_P99 ms | — | — |"
    echo "| \`/static-reference.txt\` (reference): requests/s | $S_RPS | — | — |"
    echo "| \`/static-reference.txt\`: p50 / p99 | $S_P50 / $S_P99 ms | — | — |"
    echo "| java CPU per request: \`/\` / \`/workspace\` / static | $H_CPU / $W_CPU / $S_CPU µs | — | — |"
    echo "| Ratio \`/\` ÷ static req/s | $(ratio "$H_RPS" "$S_RPS") | — | — |"
    echo "| Ratio \`/workspace\` ÷ static req/s | $(ratio "$W_RPS" "$S_RPS") | — | — |"
    echo "| \`/\` with \`-XX:TieredStopAtLevel=1\`: requests/s, p50 / p99, CPU/request | $C1_RPS, $C1_P50 / $C1_P99 ms, $C1_CPU µs | — | $(ratio "$C1_RPS" "$H_RPS")× default JIT |"
    echo
    if [[ $AOT_OK == 1 ]]; then
        echo "AOT cache: $AOT_SIZE MB, training run (start, a short tour of the pages, SIGTERM, cache assembly at exit) took $AOT_TRAIN_MS ms;"
        echo "warm ready time with the cache: $WARM_AOT ms vs $WARM_EXT ms without ($(ratio "$WARM_AOT" "$WARM_EXT")×)."
    fi
    [[ -n $H_ERR$W_ERR$S_ERR ]] && echo "wrk errors: \`/\` ${H_ERR:-none}; \`/workspace\` ${W_ERR:-none}; static ${S_ERR:-none}."
    echo "Raw output: \`bench/results/$STAMP/\` (not committed)."
    echo
} >"$SECTION"
cat "$SECTION"

if [[ $WRITE_DOC == 1 ]]; then
    DOC="$ROOT/docs/benchmarks.md"
    if [[ ! -f $DOC ]]; then
        mkdir -p "$(dirname "$DOC")"
        cat >"$DOC" <<'EOF'
# Benchmarks

Run from the repository root: `bench/foundation.sh` (options: `--no-build`, `--quick`, `--no-doc`; needs `curl` and
`wrk`, e.g. `apt-get install -y wrk`). It takes about ten minutes, uses a fresh temporary data directory and a free
port, talks to 127.0.0.1 only, stops the application with SIGTERM, and appends one dated section below. Raw logs and
wrk outputs stay in `bench/results/<timestamp>/` (git-ignored). `bench/startup-profile.sh` shows where the startup
time goes (Spring's `BufferingApplicationStartup`, without changing the application).

What the foundation benchmark measures:

- **Ready time**: from launching `java` until `GET /actuator/health/readiness` answers 200 (polled every 50 ms),
  with the CPU time the java process used until then (steadier than wall time on a shared machine).
  *Cold* is the very first start on an empty data directory (initdb of the embedded PostgreSQL, migrations, demo
  company). *Warm* restarts reuse that data directory: with the fat jar as built; with the jar extracted by
  `java -Djarmode=tools -jar target/backchannel.jar extract` (plain jars on the class path, which an AOT cache
  needs); and with a JDK 25 AOT cache (JEP 483/514) made by a training run (`-XX:AOTCacheOutput`, a short tour of
  the pages, SIGTERM) and used with `-XX:AOTCache=… -XX:AOTMode=on` (the JVM refuses to start if it cannot use the
  cache). `-XX:TieredStopAtLevel=1` (C1 only) is measured for ready time and for the start page's throughput.
- **Memory**: VmRSS of the java process idle after start and after the load runs; the embedded PostgreSQL's
  processes (postmaster and children) separately, as an RSS sum and as a PSS sum (shared buffers counted once).
- **Throughput and latency**: wrk, 2 threads, 32 connections, 10 s warm-up (not recorded) then 20 s recorded with
  `--latency`, on the start page `/`, the logged-in staff page `/workspace` (demo admin's session cookie) and the
  static file `/static-reference.txt` served by the same instance in the same run, as a reference for what the
  machine and the servlet stack can do at all. The ratios page ÷ static and the java CPU time per request are less
  sensitive to other load on the machine than requests/s and latencies. wrk shares the 2 cores with the server.

Targets (2 cores, 24 GiB): warm ready ≤ 5 s; java RSS ≤ 400 MB idle; start page ≥ 3,000 requests/s with p99 ≤ 30 ms
at 32 connections. Figures taken on a machine shared with other work are indicative only; each section gives the
load average before and after its run.

EOF
    fi
    cat "$SECTION" >>"$DOC"
    log "appended the results to docs/benchmarks.md"
fi
log "done"
