#!/usr/bin/env bash
# Runs every benchmark workload against the built jars and writes docs/benchmarks.md and
# docs/benchmarks.svg (7–16 minutes on 2 cores, plus the build). Builds the jars first when they are missing
# or older than their sources.
#   scripts/bench.sh                      the full benchmark
#   scripts/bench.sh smoke                every workload at a tiny size (into benchmarks/target/smoke)
#   scripts/bench.sh --runs=1 --messages=20000   fewer or smaller runs while developing
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

stale() { # module jar-glob
  local jar
  jar=$(ls $2 2>/dev/null | grep -v '\.original$' | head -1 || true)
  [[ -z "$jar" ]] || [[ -n "$(find "$1/src" "$1/pom.xml" -newer "$jar" -print -quit)" ]]
}
modules=()
# the services and the benchmarks are built on link-protocol (and the benchmarks' driver on peer-service)
stale link-protocol 'link-protocol/target/link-protocol-*.jar' && modules+=(link-protocol tracker-service peer-service benchmarks)
# ... and on web-limits (the servlet/Tomcat bounds)
stale web-limits 'web-limits/target/web-limits-*.jar' && modules+=(web-limits tracker-service peer-service benchmarks)
stale tracker-service 'tracker-service/target/tracker-service-*.jar' && modules+=(tracker-service)
stale peer-service 'peer-service/target/peer-service-*.jar' && modules+=(peer-service)
stale benchmarks 'benchmarks/target/benchmarks.jar' && modules+=(benchmarks)
if (( ${#modules[@]} > 0 )); then
  echo "building ${modules[*]}"
  ./mvnw -B -q package -DskipTests -am -pl "$(printf '%s\n' "${modules[@]}" | sort -u | paste -sd, -)"
fi

mode=run
if [[ "${1:-}" == smoke ]]; then
  mode=smoke
  shift
fi
exec "$JAVA" -jar benchmarks/target/benchmarks.jar "$mode" . "$@"
