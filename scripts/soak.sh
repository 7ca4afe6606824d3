#!/usr/bin/env bash
# A long nemesis run (docs/reliability.md): a tracker and five peers from the built jars, a client
# workload, random faults from a seed for N minutes, then the history check. Writes its report into
# nemesis/target/soak/seed-<S>/ and its summary into docs/reliability.md. Bounded: it stops itself
# after N minutes plus 15 minutes for start-up, healing and checking at the latest.
#   scripts/soak.sh --minutes=30 --seed=42
#   scripts/soak.sh --minutes=5              a random seed, printed
# Exits 1 when the checker finds a lost, duplicated, reordered or phantom message or a leak.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

minutes=30
seed=$(( RANDOM * 32768 + RANDOM ))
extra=()
for arg in "$@"; do
  case "$arg" in
    --minutes=*) minutes="${arg#--minutes=}" ;;
    --seed=*) seed="${arg#--seed=}" ;;
    *) extra+=("$arg") ;;
  esac
done

version=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' pom.xml | head -1)
tracker_jar="tracker-service/target/tracker-service-$version.jar"
peer_jar="peer-service/target/peer-service-$version.jar"
if [[ ! -f "$tracker_jar" || ! -f "$peer_jar" || ! -f nemesis/target/nemesis.jar ]]; then
  echo "building tracker-service, peer-service, nemesis"
  ./mvnw -B -q package -DskipTests -am -pl tracker-service,peer-service,nemesis
fi

# a private copy of the harness: a build meanwhile rewrites nemesis/target/nemesis.jar in place,
# which would break the loading of the classes the run has not loaded yet (the checker, at the end)
harness="nemesis/target/soak/seed-$seed/harness"
rm -rf "$harness" && mkdir -p "$harness" && cp -r nemesis/target/nemesis.jar nemesis/target/lib "$harness/"

echo "soak: seed $seed, $minutes minutes of faults"
exec timeout --kill-after=30s "$(( minutes * 60 + 900 ))s" \
  "$JAVA" -Xmx384m -XX:+UseSerialGC -cp "$harness/nemesis.jar:$harness/lib/*" dev.p2pchat.nemesis.Soak \
  --minutes="$minutes" --seed="$seed" --tracker-jar="$tracker_jar" --peer-jar="$peer_jar" \
  --work=nemesis/target/soak --docs=docs/reliability.md "${extra[@]}"
