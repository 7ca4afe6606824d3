#!/usr/bin/env bash
# Starts a tracker (:8080) and three peers (alice :8081, bob :8082, carol :8083) from the built jars,
# as local processes on 127.0.0.1, waits until every peer is ready, and stops them all on Ctrl-C.
# Build first: ./mvnw -B -pl tracker-service,peer-service -am package -DskipTests
# Logs: target/run-local/*.log. Each peer's owner token is dev-token-for-<name> (development values;
# pages: http://localhost:8081/?token=dev-token-for-alice, ...). Then chat with curl, e.g.:
#   A='Authorization: Bearer dev-token-for-alice'; B='Authorization: Bearer dev-token-for-bob'
#   C='Authorization: Bearer dev-token-for-carol'
#   curl -s -X POST localhost:8081/messages -H "$A" -H 'Content-Type: application/json' -d '{"text":"hi all"}'
#   curl -s -X POST localhost:8081/messages -H "$A" -H 'Content-Type: application/json' -d '{"to":"bob","text":"psst"}'
#   curl -s -H "$B" localhost:8082/messages            # bob's history
#   curl -sN -H "$C" localhost:8083/messages/stream    # carol's live events
#   curl -s -X PUT localhost:8083/me -H "$C" -H 'Content-Type: application/json' -d '{"username":"caro"}'
#   curl -s -H "$A" localhost:8081/peers               # alice's view: link connected/connecting/down
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
tracker_jar=$(ls tracker-service/target/tracker-service-*.jar | grep -v original | head -1)
peer_jar=$(ls peer-service/target/peer-service-*.jar | grep -v original | head -1)
logs=target/run-local
mkdir -p "$logs"
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

wait_ready() { # url name
	for _ in $(seq 1 120); do
		if curl -sf "$1/actuator/health/readiness" >/dev/null 2>&1; then echo "$2 ready at $1"; return 0; fi
		sleep 0.5
	done
	echo "$2 did not become ready, see $logs/$2.log" >&2
	return 1
}

"$JAVA" -Xmx128m -jar "$tracker_jar" --server.port=8080 >"$logs/tracker.log" 2>&1 &
pids+=($!)
wait_ready http://localhost:8080 tracker
port=8081
for name in alice bob carol; do
	"$JAVA" -Xmx192m -jar "$peer_jar" --server.port=$port --p2pchat.peer.username=$name \
		--p2pchat.peer.api-token=dev-token-for-$name \
		--p2pchat.peer.tracker-url=http://localhost:8080 >"$logs/$name.log" 2>&1 &
	pids+=($!)
	port=$((port + 1))
done
wait_ready http://localhost:8081 alice
wait_ready http://localhost:8082 bob
wait_ready http://localhost:8083 carol
echo "chat is up; Ctrl-C stops everything"
wait
