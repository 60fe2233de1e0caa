# Shared shell functions of the benchmarks (bench/foundation.sh, bench/ideas.sh); sourced, not run.
# The caller sets ROOT (repository root) and RESULTS, then calls bench_init NAME. Every wait is bounded; only the
# application and the embedded PostgreSQL this script started are ever stopped.

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

require_tools() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || die "$tool is missing (apt-get install -y $tool)"
    done
}

READY_TIMEOUT="${READY_TIMEOUT:-180}"   # s, per start
STOP_TIMEOUT="${STOP_TIMEOUT:-90}"      # s, SIGTERM until exit
THREADS="${THREADS:-2}"

# parse_options HELP_LINES ARGS...: the options of the data benchmarks (ideas, blog); sets BUILD, SMALL, QUICK and
# WRITE_DOC; --help prints the lines HELP_LINES (a sed range such as 2,14p) of the calling script.
parse_options() {
    local help="$1" arg
    shift
    BUILD=1 SMALL=0 QUICK=0 WRITE_DOC=1
    for arg in "$@"; do
        case "$arg" in
            --no-build) BUILD=0 ;;
            --small) SMALL=1 ;;
            --quick) QUICK=1 ;;
            --no-doc) WRITE_DOC=0 ;;
            -h | --help) sed -n "$help" "$0"; exit 0 ;;
            *) echo "unknown option: $arg" >&2; exit 2 ;;
        esac
    done
}

# ---------------------------------------------------------------- JDK
# jmh_build WORK SOURCE...: JMH and the application's runtime classpath into WORK, SOURCE... compiled into
# WORK/classes; sets JMH_CP, the classpath to run them with (target/classes must be built). JMH_EXTRA_CP, when set,
# goes before the application's classes (e.g. target/test-classes).
jmh_build() {
    local work="$1" artifact jars
    shift
    mkdir -p "$work/jmh" "$work/classes"
    ./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=runtime
    for artifact in org.openjdk.jmh:jmh-core:1.37 org.openjdk.jmh:jmh-generator-annprocess:1.37 \
        net.sf.jopt-simple:jopt-simple:5.0.4 org.apache.commons:commons-math3:3.6.1; do
        ./mvnw -q -B -ntp dependency:copy -Dartifact="$artifact" -DoutputDirectory="$work/jmh"
    done
    jars="$(printf '%s:' "$work"/jmh/*.jar)"
    JMH_CP="${JMH_EXTRA_CP:+$JMH_EXTRA_CP:}$ROOT/target/classes:$(cat "$work/classpath.txt"):$jars"
    # JMH's annotation processor writes META-INF/BenchmarkList; javac expands no wildcard in -processorpath.
    "$JAVA_HOME/bin/javac" -nowarn -proc:full -d "$work/classes" -cp "$JMH_CP" -processorpath "$jars" "$@"
    JMH_CP="$work/classes:$JMH_CP"
}

java_feature() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}'; }
pick_java() {
    local candidates=() c v
    [[ -n ${BENCH_JAVA_HOME:-} ]] && candidates+=("$BENCH_JAVA_HOME")
    [[ -n ${JAVA_HOME:-} ]] && candidates+=("$JAVA_HOME")
    candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64)
    # First choice: an explicit BENCH_JAVA_HOME, then a JAVA_HOME of 25+, then the Temurin 25 path, then a JAVA_HOME of 21+.
    for c in "${candidates[@]}"; do
        [[ -x $c/bin/java ]] || continue
        v="$(java_feature "$c")"
        if [[ $c == "${BENCH_JAVA_HOME:-}" && $v -ge 21 ]] || [[ $v -ge 25 ]]; then echo "$c"; return; fi
    done
    if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java && $(java_feature "$JAVA_HOME") -ge 21 ]]; then echo "$JAVA_HOME"; return; fi
    die "no JDK 21+ found (set BENCH_JAVA_HOME or install Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64)"
}
# use_java: exports JAVA_HOME and sets JAVA, JAVA_VERSION_NUM, JAVA_VERSION_TEXT.
use_java() {
    JAVA_HOME="$(pick_java)"
    export JAVA_HOME
    JAVA="$JAVA_HOME/bin/java"
    JAVA_VERSION_NUM="$(java_feature "$JAVA_HOME")"
    JAVA_VERSION_TEXT="$("$JAVA" -version 2>&1 | sed -n 2p)"
    log "JDK: $JAVA_HOME ($JAVA_VERSION_TEXT)"
}

# build_app BUILD: builds target/backchannel.jar when BUILD is 1 and extracts it to EXTRACTED (plain jars, which an
# AOT cache needs and which give the benchmark helpers the application's class path); sets JAR and APP_JAR.
build_app() {
    JAR="$ROOT/target/backchannel.jar"
    if [[ $1 == 1 ]]; then
        log "building target/backchannel.jar"
        (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
    fi
    [[ -f $JAR ]] || die "$JAR not found (build first or drop --no-build)"
    rm -rf "$EXTRACTED"
    "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$EXTRACTED" >/dev/null
    APP_JAR="$EXTRACTED/backchannel.jar"
}

# ---------------------------------------------------------------- application lifecycle
APP_PID="" APP_START_MS=0 PORT="" BASE="" STOP_MS="" DATA_DIR="" RUN_DIR="" STAMP=""

# bench_init NAME: a results directory for this run, a fresh data directory, and the cleanup on exit.
bench_init() {
    STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
    RUN_DIR="$RESULTS/$STAMP"
    mkdir -p "$RUN_DIR"
    DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/backchannel-$1.XXXXXX")"
    trap cleanup EXIT
    trap 'exit 130' INT TERM
}

postmaster_pid() {
    local f="$DATA_DIR/postgres/postmaster.pid" p
    [[ -f $f ]] || return 0
    p="$(head -1 "$f")"
    # Only a live postgres whose command line names our data directory.
    if [[ -n $p ]] && tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q -- "$DATA_DIR/postgres"; then echo "$p"; fi
}

# The embedded PostgreSQL's port, from its postmaster.pid (4th line).
postgres_port() { sed -n 4p "$DATA_DIR/postgres/postmaster.pid" 2>/dev/null; }

cleanup() {
    local rc=$? pm
    if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
        log "cleanup: stopping the application (pid $APP_PID)"
        kill -TERM "$APP_PID" 2>/dev/null || true
        for _ in $(seq 1 $((STOP_TIMEOUT * 10))); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$APP_PID" 2>/dev/null && kill -KILL "$APP_PID" 2>/dev/null || true
    fi
    pm="$(postmaster_pid || true)"
    if [[ -n $pm ]]; then
        log "cleanup: stopping our embedded PostgreSQL (pid $pm)"
        kill -INT "$pm" 2>/dev/null || true   # postgres "fast shutdown"
        for _ in $(seq 1 100); do kill -0 "$pm" 2>/dev/null || break; sleep 0.1; done
    fi
    [[ -n $DATA_DIR ]] && rm -rf "$DATA_DIR"
    exit $rc
}

free_port() {
    local p
    for _ in $(seq 1 100); do
        p=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
    done
    die "no free port found"
}

# start_app NAME [JVM options...]: launches the app (extracted jar unless FAT_JAR=1) in the background. Further
# settings come from the caller's exported BACKCHANNEL_* variables.
start_app() {
    local name="$1"; shift
    local jar="$APP_JAR"
    [[ ${FAT_JAR:-0} == 1 ]] && jar="$JAR"
    PORT="$(free_port)"
    BASE="http://127.0.0.1:$PORT"
    APP_LOG="$RUN_DIR/$name.log"
    APP_START_MS="$(now_ms)"
    BACKCHANNEL_DATA_DIR="$DATA_DIR" BACKCHANNEL_PORT="$PORT" BACKCHANNEL_BASE_URL="$BASE" \
        "$JAVA" "$@" -jar "$jar" >"$APP_LOG" 2>&1 &
    APP_PID=$!
}

# wait_ready: prints ms from launch until /actuator/health/readiness answers 200 (polled every 50 ms).
wait_ready() {
    local code deadline=$(($(now_ms) + READY_TIMEOUT * 1000))
    while :; do
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/actuator/health/readiness" || true)"
        if [[ $code == 200 ]]; then echo $(($(now_ms) - APP_START_MS)); return; fi
        kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$APP_LOG" >&2; die "application exited before it was ready (log: $APP_LOG)"; }
        (($(now_ms) < deadline)) || die "not ready after ${READY_TIMEOUT}s (log: $APP_LOG)"
        sleep 0.05
    done
}

# stop_app: SIGTERM, wait (bounded); sets STOP_MS. Kills (SIGKILL) only our own java process, and only on timeout.
stop_app() {
    local t0 pm rc=0
    t0="$(now_ms)"
    pm="$(postmaster_pid || true)"
    kill -TERM "$APP_PID"
    for _ in $(seq 1 $((STOP_TIMEOUT * 20))); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.05; done
    if kill -0 "$APP_PID" 2>/dev/null; then
        log "WARNING: no exit ${STOP_TIMEOUT}s after SIGTERM, killing pid $APP_PID"
        kill -KILL "$APP_PID" || true
    fi
    wait "$APP_PID" 2>/dev/null || rc=$?
    STOP_MS=$(($(now_ms) - t0))
    APP_PID=""
    if [[ -n $pm ]]; then
        for _ in $(seq 1 100); do kill -0 "$pm" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pm" 2>/dev/null && log "WARNING: embedded PostgreSQL (pid $pm) still running after the application stopped"
    fi
    # 143 = terminated by SIGTERM without System.exit; both that and 0 count as a graceful stop.
    [[ $rc == 0 || $rc == 143 ]] || log "WARNING: application exit code $rc"
}

CLK_TCK="$(getconf CLK_TCK)"
# CPU time (user + sys, ms) the process has used so far: steadier than wall time on a shared machine.
cpu_ms() { awk -v t="$CLK_TCK" '{sub(/^.*\) /, ""); printf "%d", ($12 + $13) * 1000 / t}' "/proc/$1/stat" 2>/dev/null || echo 0; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
# Postgres: the postmaster and all its children. RSS sums count shared memory once per process; PSS does not.
pg_mem_kb() {  # prints "rss_kb pss_kb count"
    local pm pids p rss=0 pss=0 n=0
    pm="$(postmaster_pid || true)"
    [[ -n $pm ]] || { echo "0 0 0"; return; }
    pids="$pm $(ps -o pid= --ppid "$pm" | tr '\n' ' ')"
    for p in $pids; do
        rss=$((rss + $(rss_kb "$p")))
        pss=$((pss + $(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)))
        n=$((n + 1))
    done
    echo "$rss $pss $n"
}
# CPU time (ms) of the embedded PostgreSQL: the postmaster and its children, live ones only.
pg_cpu_ms() {
    local pm p sum=0
    pm="$(postmaster_pid || true)"
    [[ -n $pm ]] || { echo 0; return; }
    for p in $pm $(ps -o pid= --ppid "$pm"); do sum=$((sum + $(cpu_ms "$p"))); done
    echo "$sum"
}
mb() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }

# form_login EMAIL PASSWORD: signs in through the login form (with its CSRF token) and prints the new JSESSIONID.
# The login form is throttled per client address (backchannel.rate-limit.public-writes-per-minute).
form_login() {
    local jar page csrf code session
    jar="$(mktemp)"
    page="$(curl -sf -c "$jar" -b "$jar" "$BASE/login")" || { rm -f "$jar"; die "GET /login failed"; }
    csrf="$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' <<<"$page" | head -1)"
    [[ -n $csrf ]] || { rm -f "$jar"; die "no _csrf field on /login"; }
    code="$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
        --data-urlencode "email=$1" --data-urlencode "password=$2" \
        --data-urlencode "_csrf=$csrf" "$BASE/login")"
    session="$(awk '$6 == "JSESSIONID" {print $7}' "$jar" | tail -1)"
    rm -f "$jar"
    [[ $code == 302 ]] || die "POST /login as $1 answered $code, expected 302"
    [[ -n $session ]] || die "no JSESSIONID after login as $1"
    echo "$session"
}

# ---------------------------------------------------------------- wrk
to_ms() {  # wrk latency like 512.00us, 13.36ms, 1.20s, 2.00m
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.2f", n }'
}
# run_wrk LABEL PATH [wrk args...]: warm-up (discarded), then the recorded run; uses THREADS, CONNECTIONS, WARMUP and
# DURATION; sets RPS P50 P99 CPU_US ERRORS, and P95 when the wrk script prints a line "p95_ms <value>".
run_wrk() {
    local label="$1" path="$2"; shift 2
    local out="$RUN_DIR/wrk-$label.txt"
    log "wrk $label: ${WARMUP}s warm-up, ${DURATION}s recorded ($path)"
    if ((WARMUP > 0)); then
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 5s "$@" "$BASE$path" >"$RUN_DIR/wrk-$label-warmup.txt"
    fi
    local cpu0 cpu1 n
    cpu0="$(cpu_ms "$APP_PID")"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s --latency "$@" "$BASE$path" >"$out"
    cpu1="$(cpu_ms "$APP_PID")"
    RPS="$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")"
    n="$(awk '/requests in/ {print $1}' "$out")"
    # java CPU per request (µs): what a request costs the server, much less sensitive to other load than req/s.
    CPU_US="$(awk -v c=$((cpu1 - cpu0)) -v n="$n" 'BEGIN {if (n > 0) printf "%.0f", c * 1000 / n; else print "n/a"}')"
    P50="$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")"
    P99="$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")"
    P95="$(awk '$1 == "p95_ms" {print $2}' "$out")"
    ERRORS="$(awk '/Non-2xx|Socket errors/' "$out" | tr -s ' ' | paste -sd ';' -)"
    log "  $RPS req/s, p50 $P50 ms,${P95:+ p95 $P95 ms,} p99 $P99 ms, java CPU $CPU_US µs/request${ERRORS:+, $ERRORS}"
}

# ---------------------------------------------------------------- report
pf() { if awk -v a="$1" -v b="$2" "BEGIN {exit !(a $3 b)}"; then echo pass; else echo "**fail**"; fi; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "n/a"}'; }
machine_line() {
    echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB (free -g), $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo); $JAVA_VERSION_TEXT."
}
