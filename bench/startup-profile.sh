#!/usr/bin/env bash
# Where does Backchannel's startup time go? Starts the application once (warm: a data dir initialised by a first
# start) with Spring's BufferingApplicationStartup via bench/StartupProfile.java, without any change to the
# application, and prints the startup steps with the largest self time. Also logs JVM-level figures.
# Usage: bench/startup-profile.sh [--no-build] [extra JVM options, e.g. -XX:TieredStopAtLevel=1]
# Output: bench/results/startup-profile-<timestamp>.txt
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD=1
if [[ ${1:-} == --no-build ]]; then BUILD=0; shift; fi
export JAVA_HOME="${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
[[ $BUILD == 1 ]] && ./mvnw -B -q package -DskipTests
mkdir -p bench/results
APP="bench/results/profile-app"
rm -rf "$APP"
"$JAVA" -Djarmode=tools -jar target/backchannel.jar extract --destination "$APP" >/dev/null
CP="$APP/backchannel.jar:$APP/lib/*"
DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/backchannel-profile.XXXXXX")"
trap 'rm -rf "$DATA_DIR"' EXIT
OUT="bench/results/startup-profile-$(date -u +%Y%m%dT%H%M%SZ).txt"
export BACKCHANNEL_DATA_DIR="$DATA_DIR"
port() { echo $((20000 + RANDOM % 40000)); }
# First start initialises the data dir (initdb, migrations, demo data); the profile is taken on the second.
# The class is compiled once, so that compiling it is not part of the measured start.
mkdir -p bench/results/profile-classes
"$JAVA" -version 2>&1 | sed -n 2p
javac_out="bench/results/profile-classes"
"$JAVA_HOME/bin/javac" -d "$javac_out" -cp "$CP" bench/StartupProfile.java
BACKCHANNEL_PORT="$(port)" "$JAVA" -cp "$javac_out:$CP" -Dtop=5 StartupProfile >/dev/null 2>&1
BACKCHANNEL_PORT="$(port)" /usr/bin/time -f 'wall %e s, user %U s, sys %S s, max RSS %M kB' \
    "$JAVA" "$@" -Xlog:startuptime=info:file=bench/results/startuptime.log -Xlog:class+load=info:file=bench/results/class-load.log \
    -cp "$javac_out:$CP" -Dtop="${TOP:-45}" StartupProfile 2>&1 | grep -v ' INFO \| WARN ' | tee "$OUT"
echo "classes loaded: $(grep -c 'source:' bench/results/class-load.log) (from AOT/CDS: $(grep -c 'shared objects file' bench/results/class-load.log))" | tee -a "$OUT"
echo "profile written to $OUT"
