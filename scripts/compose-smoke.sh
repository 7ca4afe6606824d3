#!/usr/bin/env bash
# Smoke test of docker-compose.yml: brings the stack up from a clean state, waits until all four
# services are healthy, walks the used-by flow with curl (peers listed by the tracker, a broadcast,
# a private message, a rename), checks /actuator/health, and tears everything down, also on failure.
# Exits non-zero on any miss.
#
#   scripts/compose-smoke.sh
#   scripts/compose-smoke.sh --ha    the same with docker-compose.ha.yml (Redis, tracker-a and tracker-b),
#                                    then stops tracker-a and checks that nothing is lost on tracker-b
#
# Environment: TRACKER_HOST_PORT, ALICE_HOST_PORT, BOB_HOST_PORT, CAROL_HOST_PORT move the
# published ports (defaults 8080-8083);
# SMOKE_HEALTH_TIMEOUT (seconds, default 180) bounds the wait for health.
set -euo pipefail
cd "$(dirname "$0")/.."

ha=0
services_expected=4
if [ "${1:-}" = --ha ]; then
  ha=1
  services_expected=6
  export COMPOSE_FILE=docker-compose.ha.yml
fi
export COMPOSE_PROJECT_NAME="${COMPOSE_PROJECT_NAME:-p2pchat-smoke$([ "$ha" = 1 ] && echo -ha)}"
tracker_b="http://127.0.0.1:${TRACKER_B_HOST_PORT:-8090}"
health_timeout="${SMOKE_HEALTH_TIMEOUT:-180}"
tracker="http://127.0.0.1:${TRACKER_HOST_PORT:-8080}"
declare -A peer=(
  [alice]="http://127.0.0.1:${ALICE_HOST_PORT:-8081}"
  [bob]="http://127.0.0.1:${BOB_HOST_PORT:-8082}"
  [carol]="http://127.0.0.1:${CAROL_HOST_PORT:-8083}"
)
# each peer's owner token, as docker-compose.yml sets it (development values)
declare -A auth=(
  [alice]="Authorization: Bearer dev-token-for-alice"
  [bob]="Authorization: Bearer dev-token-for-bob"
  [carol]="Authorization: Bearer dev-token-for-carol"
)
nonce="$(date +%s)-$$"

log() { echo "[compose-smoke] $*" >&2; }
fail() { log "FAIL: $*"; exit 1; }
compose() {
  if docker compose version >/dev/null 2>&1; then docker compose "$@"; else docker-compose "$@"; fi
}
for tool in docker curl jq; do command -v "$tool" >/dev/null || fail "$tool is not installed"; done

cleanup() {
  local rc=$?
  if [ "$rc" -ne 0 ]; then
    log "logs of the failed run:"
    compose logs --no-color --tail=60 >&2 || true
  fi
  compose down --volumes --remove-orphans --timeout 10 >/dev/null 2>&1 || true
  [ "$rc" -eq 0 ] && log "PASS" || log "exit $rc"
}
trap cleanup EXIT

# until <seconds> <what> <command...>: runs the command every half second until it succeeds
until_ok() {
  local timeout="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || fail "$what (not within ${timeout}s)"
    sleep 0.5
  done
  log "ok: $what"
}

all_healthy() {
  local ids id state
  ids="$(compose ps -q)"
  [ "$(wc -w <<<"$ids")" -eq "$services_expected" ] || return 1
  for id in $ids; do
    state="$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$id")"
    [ "$state" = healthy ] || return 1
  done
}
tracker_lists() { # tracker_lists <usernames sorted, comma-separated>
  [ "$(curl -fsS "$tracker/peers" | jq -r '[.[].username] | join(",")')" = "$1" ]
}
links_up() { # links_up <peer>: every other known peer is connected
  curl -fsS -H "${auth[$1]}" "${peer[$1]}/peers" | jq -e 'length == 2 and all(.[]; .link == "connected")'
}
has_message() { # has_message <peer> <text>
  curl -fsS -H "${auth[$1]}" "${peer[$1]}/messages?limit=1000" | jq -e --arg t "$2" 'any(.[]; .text == $t)'
}
send() { # send <peer> <json body>: POST /messages, expecting 202
  local code
  code="$(curl -sS -o /dev/null -w '%{http_code}' -H "${auth[$1]}" -H 'Content-Type: application/json' -d "$2" "${peer[$1]}/messages")"
  [ "$code" = 202 ] || fail "POST /messages on $1 answered $code, not 202"
}
health_up() { # health_up <base url>
  curl -fsS "$1/actuator/health" | jq -e '.status == "UP"'
}
sees_name() { # sees_name <peer> <username>
  curl -fsS -H "${auth[$1]}" "${peer[$1]}/peers" | jq -e --arg n "$2" 'any(.[]; .username == $n)'
}

log "clean state"
compose down --volumes --remove-orphans --timeout 10 >/dev/null 2>&1 || true
log "building images from source"
build_start=$SECONDS
compose build >&2
log "built in $((SECONDS - build_start))s"

up_start=$SECONDS
compose up -d >&2
until_ok "$health_timeout" "all $services_expected services healthy" all_healthy
log "from up to all healthy: $((SECONDS - up_start))s"

until_ok 20 "tracker lists alice, bob and carol" tracker_lists alice,bob,carol
for p in alice bob carol; do until_ok 30 "$p is linked to the two others" links_up "$p"; done

broadcast="hello everyone from alice $nonce"
send alice "$(jq -nc --arg t "$broadcast" '{text: $t}')"
until_ok 10 "bob sees alice's broadcast" has_message bob "$broadcast"
until_ok 10 "carol sees alice's broadcast" has_message carol "$broadcast"

private="psst carol, bob here $nonce"
send bob "$(jq -nc --arg t "$private" '{to: "carol", text: $t}')"
until_ok 10 "carol sees bob's private message" has_message carol "$private"
! has_message alice "$private" >/dev/null 2>&1 || fail "alice saw bob's private message to carol"
log "ok: alice did not see it"

code="$(curl -sS -o /dev/null -w '%{http_code}' -X PUT -H "${auth[carol]}" -H 'Content-Type: application/json' \
  -d '{"username":"caroline"}' "${peer[carol]}/me")"
[ "$code" = 200 ] || fail "PUT /me on carol answered $code, not 200"
until_ok 10 "tracker lists the rename" tracker_lists alice,bob,caroline
until_ok 10 "alice sees caroline" sees_name alice caroline

for url in "$tracker" "${peer[alice]}" "${peer[bob]}" "${peer[carol]}"; do
  until_ok 5 "$url/actuator/health is UP" health_up "$url"
done
code="$(curl -sS -o /dev/null -w '%{http_code}' "${peer[alice]}/messages")"
[ "$code" = 401 ] || fail "GET /messages on alice without the token answered $code, not 401"
log "ok: alice's history needs her token"

if [ "$ha" = 1 ]; then
  tracker_b_lists() { # tracker_b_lists <usernames sorted, comma-separated>
    [ "$(curl -fsS "$tracker_b/peers" | jq -r '[.[].username] | join(",")')" = "$1" ]
  }
  same_etag() {
    [ "$(curl -fsS -o /dev/null -D - "$tracker/peers" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')" = \
      "$(curl -fsS -o /dev/null -D - "$tracker_b/peers" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')" ]
  }
  until_ok 5 "tracker-b lists the same peers" tracker_b_lists alice,bob,caroline
  until_ok 5 "both replicas send the same ETag" same_etag
  compose stop tracker-a >&2
  log "tracker-a stopped; waiting two leases (32 s)"
  sleep 32
  until_ok 5 "tracker-b still lists every peer" tracker_b_lists alice,bob,caroline
  after="still chatting without tracker-a $nonce"
  send bob "$(jq -nc --arg t "$after" '{text: $t}')"
  until_ok 10 "alice sees bob's broadcast" has_message alice "$after"
fi
