#!/usr/bin/env bash
# Ideas portal benchmark (issue 3, "Performance"): loads a large portal (100,000 ideas, 1,000,000 votes, 300,000
# comments, 20,000 accounts) into a fresh instance, then measures with wrk the Hot list (page 1 and 50), random idea
# pages (first visits, then again once every page was rendered and kept), search, casting votes as signed-in
# customers, and a static file as the reference of the same run; checks
# afterwards that every idea's promotes/demotes equal its vote rows and its hot score their decayed sum.
#
# Usage (from the repository root):  bench/ideas.sh [--no-build] [--small] [--quick] [--no-doc]
#   --no-build  use the existing target/backchannel.jar
#   --small     2,000 ideas, 20,000 votes, 6,000 comments, 1,000 accounts (for trying the script out)
#   --quick     short wrk runs (2 s + 5 s)
#   --no-doc    do not append the section to docs/benchmarks.md
# Environment: IDEAS, VOTES, COMMENTS, ACCOUNTS (data size), WARMUP / DURATION (wrk seconds, default 10 / 30),
# CONNECTIONS (default 64), SESSIONS (signed-in customers for the vote run, default 64), BENCH_JAVA_HOME,
# BENCH_JVM_OPTS (options for the application's JVM). Needs curl and wrk (apt-get install -y wrk).
# Exits non-zero when a step fails or the counts are not exact; stops what it started and deletes its data.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
parse_options '2,15p' "$@"

if [[ $SMALL == 1 ]]; then
    IDEAS="${IDEAS:-2000}" VOTES="${VOTES:-20000}" COMMENTS="${COMMENTS:-6000}" ACCOUNTS="${ACCOUNTS:-1000}"
fi
IDEAS="${IDEAS:-100000}" VOTES="${VOTES:-1000000}" COMMENTS="${COMMENTS:-300000}" ACCOUNTS="${ACCOUNTS:-20000}"
WARMUP="${WARMUP:-10}" DURATION="${DURATION:-30}" CONNECTIONS="${CONNECTIONS:-64}" SESSIONS="${SESSIONS:-64}"
if [[ $QUICK == 1 ]]; then WARMUP=2 DURATION=5; fi
HALF_LIFE_DAYS=7
PASSWORD=bench-password
EMAIL_PATTERN='bench%d@bench.backchannel.test'
FIRST_VOTER=100   # accounts below 20 are staff; voters are customers

RESULTS="$ROOT/bench/results"
EXTRACTED="$RESULTS/app"
bench_init ideas
require_tools curl wrk awk ps
use_java
build_app "$BUILD"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
log "data dir $DATA_DIR, results in $RUN_DIR"

# The generator runs on the application's own class path (PostgreSQL driver, BCrypt); compiled once per run.
GEN_CLASSES="$RUN_DIR/generator"
"$JAVA_HOME/bin/javac" -nowarn -d "$GEN_CLASSES" -cp "$EXTRACTED/lib/*" bench/IdeasGenerator.java
generator() { "$JAVA" -cp "$GEN_CLASSES:$EXTRACTED/lib/*" IdeasGenerator "$@" --url "$DB_URL" --half-life-days "$HALF_LIFE_DAYS"; }

# No demo company; limits on public writes (logins, votes) far above what the runs send.
export BACKCHANNEL_DEMO_DATA=false BACKCHANNEL_PUBLIC_WRITES_PER_MINUTE=100000000
export BACKCHANNEL_IDEAS_HOT_HALF_LIFE="${HALF_LIFE_DAYS}d"
# shellcheck disable=SC2086
start_app ideas ${BENCH_JVM_OPTS:-}
READY_MS="$(wait_ready)"
DB_URL="jdbc:postgresql://127.0.0.1:$(postgres_port)/backchannel?user=postgres"
log "ready in $READY_MS ms; loading $IDEAS ideas, $VOTES votes, $COMMENTS comments, $ACCOUNTS accounts"

generator load --ideas "$IDEAS" --votes "$VOTES" --comments "$COMMENTS" --accounts "$ACCOUNTS" \
    --email "$EMAIL_PATTERN" --password "$PASSWORD" | tee "$RUN_DIR/load.txt" >&2
LOAD_MS="$(awk '$1 == "load_ms" {print $2}' "$RUN_DIR/load.txt")"
MAX_NUMBER="$(awk '$1 == "max_number" {print $2}' "$RUN_DIR/load.txt")"
[[ -n $MAX_NUMBER && $MAX_NUMBER -ge 1 ]] || die "the generator reported no ideas"
DB_SIZE="$(du -sm "$DATA_DIR/postgres" | cut -f1)"

# Smoke test: the pages answer 200 and show the generated data.
for path in "/ideas" "/ideas?page=50" "/ideas/1" "/ideas/$MAX_NUMBER" "/ideas?q=dark+mode" "/static-reference.txt"; do
    code="$(curl -s -o "$RUN_DIR/smoke.html" -w '%{http_code}' "$BASE$path")"
    [[ $code == 200 ]] || die "GET $path answered $code"
done

WRK_SCRIPT="$ROOT/bench/ideas.lua"
QUERIES="$RUN_DIR/queries.txt"
# Several words each, English and German, common and rare.
cat >"$QUERIES" <<'EOF'
dark+mode+app
spare+parts+tents
Ersatzteile+Zelte
order+tracking
Geschenkgutscheine+Kasse
keyboard+shortcuts+teams
recycelte+Stoffe+Rucks%C3%A4cke
wishlist+online+shop
Sendungsverfolgung+App
repair+service+hiking+boots
Offline-Karten
barcode+scanner+product+page
EOF

run_wrk static /static-reference.txt -s "$WRK_SCRIPT"
S_RPS=$RPS S_P50=$P50 S_P95=$P95 S_P99=$P99 S_CPU=$CPU_US S_ERR=$ERRORS
run_wrk hot-p1 /ideas -s "$WRK_SCRIPT"
H1_RPS=$RPS H1_P50=$P50 H1_P95=$P95 H1_P99=$P99 H1_CPU=$CPU_US H1_ERR=$ERRORS
run_wrk hot-p50 "/ideas?page=50" -s "$WRK_SCRIPT"
H50_RPS=$RPS H50_P50=$P50 H50_P95=$P95 H50_P99=$P99 H50_CPU=$CPU_US H50_ERR=$ERRORS
BENCH_MODE=detail BENCH_MAX_NUMBER=$MAX_NUMBER run_wrk detail /ideas/1 -s "$WRK_SCRIPT"
D_RPS=$RPS D_P50=$P50 D_P95=$P95 D_P99=$P99 D_CPU=$CPU_US D_ERR=$ERRORS
# Idea pages are kept once rendered (until something on them changes): the run above saw mostly first visits. Every
# page is now asked for once, then the random run is repeated with all of them kept.
WALK_SECONDS=$(awk -v n="$MAX_NUMBER" -v r="$D_RPS" 'BEGIN { s = int(n / (r > 50 ? r : 50) * 1.3) + 5; print (s > 900 ? 900 : s) }')
log "asking for every idea page once ($MAX_NUMBER pages, ${WALK_SECONDS}s)"
BENCH_MODE=walk BENCH_MAX_NUMBER=$MAX_NUMBER BENCH_THREADS=$THREADS \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WALK_SECONDS}s" --timeout 5s -s "$WRK_SCRIPT" "$BASE/ideas/1" >"$RUN_DIR/wrk-walk.txt"
WALKED="$(awk '/requests in/ {print $1}' "$RUN_DIR/wrk-walk.txt")"
BENCH_MODE=detail BENCH_MAX_NUMBER=$MAX_NUMBER run_wrk detail-kept /ideas/1 -s "$WRK_SCRIPT"
K_RPS=$RPS K_P50=$P50 K_P95=$P95 K_P99=$P99 K_CPU=$CPU_US K_ERR=$ERRORS
BENCH_MODE=search BENCH_QUERIES=$QUERIES run_wrk search "/ideas?q=" -s "$WRK_SCRIPT"
Q_RPS=$RPS Q_P50=$P50 Q_P95=$P95 Q_P99=$P99 Q_CPU=$CPU_US Q_ERR=$ERRORS

# Votes: signed-in customers through the form endpoint, each session with its CSRF token.
SESSIONS_FILE="$RUN_DIR/sessions.txt"
: >"$SESSIONS_FILE"
log "signing in $SESSIONS customers"
for i in $(seq "$FIRST_VOTER" $((FIRST_VOTER + SESSIONS - 1))); do
    # shellcheck disable=SC2059
    session="$(form_login "$(printf "$EMAIL_PATTERN" "$i")" "$PASSWORD")"
    token="$(curl -sf -H "Cookie: JSESSIONID=$session" "$BASE/ideas/1" \
        | sed -n 's/.*name="csrf-token" content="\([^"]*\)".*/\1/p' | head -1)"
    [[ -n $token ]] || die "no CSRF token on /ideas/1 for a signed-in customer"
    echo "$session ${token//=/%3D}" >>"$SESSIONS_FILE"
done
generator check >"$RUN_DIR/check-before.txt"
VOTE_START_MS="$(now_ms)"
VOTES_BEFORE="$(awk '$1 == "votes" {print $2}' "$RUN_DIR/check-before.txt")"
BENCH_MODE=vote BENCH_MAX_NUMBER=$MAX_NUMBER BENCH_SESSIONS=$SESSIONS_FILE run_wrk vote /ideas/1/vote -s "$WRK_SCRIPT"
V_RPS=$RPS V_P50=$P50 V_P95=$P95 V_P99=$P99 V_CPU=$CPU_US V_ERR=$ERRORS
V_REQUESTS="$(awk '/requests in/ {print $1}' "$RUN_DIR/wrk-vote.txt")"
V_WARMUP_REQUESTS="$(awk '/requests in/ {print $1}' "$RUN_DIR/wrk-vote-warmup.txt" 2>/dev/null || echo 0)"
generator check --recent-seconds $((($(now_ms) - VOTE_START_MS) / 1000 + 1)) | tee "$RUN_DIR/check-after.txt" >&2
WRONG_COUNTS="$(awk '$1 == "wrong_counts" {print $2}' "$RUN_DIR/check-after.txt")"
WRONG_HOT="$(awk '$1 == "wrong_hot" {print $2}' "$RUN_DIR/check-after.txt")"
VOTES_AFTER="$(awk '$1 == "votes" {print $2}' "$RUN_DIR/check-after.txt")"
# A refused vote (closed idea, down vote on an up-only board, lost session) answers 302 as well: count what was stored.
VOTES_RECENT="$(awk '$1 == "recent" {print $2}' "$RUN_DIR/check-after.txt")"

JAVA_RSS="$(rss_kb "$APP_PID")"
stop_app
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# ================================================================ report
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
row() {  # row LABEL RPS P50 P95 P99 CPU ERRORS TARGET: "rps N p99 MS", "p95 MS", "rps N" or "-"
    local target="—" result="—" ok=1 t
    read -r -a t <<<"$8"
    case "${t[0]}" in
        rps) target="≥ ${t[1]}/s"; [[ $(pf "$2" "${t[1]}" '>=') == pass ]] || ok=0
             if [[ ${t[2]:-} == p99 ]]; then target+=", p99 ≤ ${t[3]} ms"; [[ $(pf "$5" "${t[3]}" '<=') == pass ]] || ok=0; fi ;;
        p95) target="p95 ≤ ${t[1]} ms"; [[ $(pf "$4" "${t[1]}" '<=') == pass ]] || ok=0 ;;
    esac
    [[ $target != "—" ]] && { ((ok)) && result=pass || result="**fail**"; }
    echo "| $1 | $2 | $3 / $4 / $5 ms | $6 µs | $(ratio "$2" "$S_RPS") | ${7:-none} | $target | $result |"
}
SECTION="$RUN_DIR/section.md"
{
    echo "### $(date -u '+%Y-%m-%d %H:%M UTC') — commit $COMMIT"
    echo
    machine_line
    echo "Load average before / after the run: $LOAD_BEFORE / $LOAD_AFTER. Data: $IDEAS ideas on 8 boards, $VOTES votes,"
    echo "$COMMENTS comments, $ACCOUNTS accounts, loaded in $((LOAD_MS / 1000)) s (COPY, including VACUUM ANALYZE; database"
    echo "$DB_SIZE MB). wrk: $THREADS threads, $CONNECTIONS connections, $WARMUP s warm-up (not recorded) then $DURATION s recorded."
    echo
    echo "| Run | requests/s | p50 / p95 / p99 | java CPU/request | ÷ static | wrk errors | Target | Result |"
    echo "| --- | ---: | ---: | ---: | ---: | --- | --- | --- |"
    row "\`/static-reference.txt\` (reference)" "$S_RPS" "$S_P50" "$S_P95" "$S_P99" "$S_CPU" "$S_ERR" -
    row "\`/ideas\` Hot, page 1" "$H1_RPS" "$H1_P50" "$H1_P95" "$H1_P99" "$H1_CPU" "$H1_ERR" "rps 2000 p99 50"
    row "\`/ideas?page=50\` Hot, page 50" "$H50_RPS" "$H50_P50" "$H50_P95" "$H50_P99" "$H50_CPU" "$H50_ERR" "rps 2000 p99 50"
    row "\`/ideas/{random number}\`, mostly first visits" "$D_RPS" "$D_P50" "$D_P95" "$D_P99" "$D_CPU" "$D_ERR" "rps 2000 p99 50"
    row "\`/ideas/{random number}\`, every page asked for once before" "$K_RPS" "$K_P50" "$K_P95" "$K_P99" "$K_CPU" "$K_ERR" "rps 2000 p99 50"
    row "\`/ideas?q=…\` search (12 queries, 1–4 words)" "$Q_RPS" "$Q_P50" "$Q_P95" "$Q_P99" "$Q_CPU" "$Q_ERR" "p95 50"
    row "\`POST /ideas/{n}/vote\` ($SESSIONS signed-in customers)" "$V_RPS" "$V_P50" "$V_P95" "$V_P99" "$V_CPU" "$V_ERR" "rps 1000"
    echo
    echo "Votes: $V_REQUESTS vote requests recorded ($V_WARMUP_REQUESTS in the warm-up), vote rows $VOTES_BEFORE before /"
    echo "$VOTES_AFTER after (withdrawals delete rows), $VOTES_RECENT rows cast during the vote runs. Ideas whose promotes/demotes differ from their vote rows: **$WRONG_COUNTS**;"
    echo "whose hot score differs from the decayed sum of their votes (by more than 10^-5 of it and more than float rounding allows: 2.3·10^-16 of a vote cast now per vote row plus 1,000 updates): **$WRONG_HOT**$( [[ $WRONG_COUNTS == 0 && $WRONG_HOT == 0 ]] && echo " (exact)")."
    echo "Before the second idea-page run every idea page was asked for in turn ($WALKED requests in $WALK_SECONDS s), so that"
    echo "each was rendered once and kept; votes come after both runs."
    echo "java RSS after the runs: $(mb "$JAVA_RSS") MB. Raw output: \`bench/results/$STAMP/\` (not committed)."
    echo
} >"$SECTION"
cat "$SECTION"

if [[ $WRITE_DOC == 1 ]]; then
    { echo; cat "$SECTION"; } >>"$ROOT/docs/benchmarks.md"
    log "appended the results to docs/benchmarks.md"
fi
[[ $WRONG_COUNTS == 0 && $WRONG_HOT == 0 ]] || die "counts or hot scores do not match the vote rows"
[[ "$S_ERR$H1_ERR$H50_ERR$D_ERR$K_ERR$Q_ERR$V_ERR" != *Non-2xx* ]] || die "some requests were answered with 4xx/5xx (see the wrk errors)"
log "done"
