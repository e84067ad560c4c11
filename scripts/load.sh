#!/usr/bin/env bash
# Load test of the reference server (docs/performance.md, "Load"): builds it,
# starts it on PostgreSQL with -demo, signs a member in through the sign-in
# form to get a session cookie, and runs wrk over loopback against a thread
# page (as a visitor) and a members-only page (as the member), printing
# requests per second and the latency percentiles (wrk --latency).
#
#   scripts/load.sh                       # or: make load
#   PG='postgres://me@db:5432/postgres?sslmode=disable' CONNECTIONS=64 DURATION=30s scripts/load.sh
#
# PG names a server where the script may create the database LOAD_DB
# (default avenir_load); it is kept between runs (-demo is idempotent).
set -euo pipefail

PG=${PG:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}
LOAD_DB=${LOAD_DB:-avenir_load}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
DURATION=${DURATION:-20s}

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
command -v psql >/dev/null || { echo "psql is not installed"; exit 1; }
cd "$(dirname "$0")/.."

# The load database: PG with its database name replaced.
dsn=$(printf '%s' "$PG" | sed -E "s#^(postgres(ql)?://[^/]*)/[^?]*#\1/$LOAD_DB#")
if [ "$(psql "$PG" -tAc "SELECT 1 FROM pg_database WHERE datname = '$LOAD_DB'")" != "1" ]; then
  psql "$PG" -qc "CREATE DATABASE $LOAD_DB" >/dev/null
fi

tmp=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

go build -o "$tmp/reference" ./examples/reference
"$tmp/reference" -addr 127.0.0.1:0 -db "$dsn" -demo -log json >"$tmp/server.log" 2>&1 &
pid=$!
url=""
for _ in $(seq 1 150); do
  url=$(grep -o '"url":"http://[^"]*"' "$tmp/server.log" | head -n 1 | cut -d'"' -f4 || true)
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
[ -n "$url" ] || { echo "the server did not start:"; cat "$tmp/server.log"; exit 1; }

# A member signs in through the form; wrk sends her session cookie.
curl -fsS -o /dev/null -c "$tmp/jar" -X POST "$url/signin" \
  --data-urlencode 'email=louise@avenir.test' --data-urlencode 'password=demo-membre-avenir'
cookie=$(awk '$6 ~ /session/ {print $6 "=" $7}' "$tmp/jar" | head -n 1)
[ -n "$cookie" ] || { echo "the member could not sign in"; exit 1; }

# The pages: the public thread of the demo's forum (a visitor reads it),
# and the members-only forum's thread (a visitor gets a 404; the member, the page).
thread_of() { curl -fsS -H "Cookie: $2" "$url/forums/$1" | grep -o 'href="/forums/threads/[0-9a-f-]*"' | head -n 1 | cut -d'"' -f2; }
public=$(thread_of ecologie-et-transition "x=y")
private=$(thread_of vie-du-mouvement "$cookie")
[ -n "$public" ] && [ -n "$private" ] || { echo "the demo threads were not found"; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url$private")" = 404 ] || { echo "the members-only page is not members-only"; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$url$private")" = 200 ] || { echo "the member cannot read the members-only page"; exit 1; }

echo "reference server at $url on PostgreSQL ($LOAD_DB); $(nproc) cores, shared by wrk and the server"
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency"
printf '%-44s %10s %9s %9s %8s\n' "page" "req/s" "p50" "p99" "errors"
run() {
  local name=$1 path=$2; shift 2
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url$path")
  echo "$out" >"$tmp/wrk-$name.txt"
  local rps p50 p99 bad
  rps=$(echo "$out" | awk '/^Requests\/sec:/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  bad=$(echo "$out" | awk '/Non-2xx or 3xx responses:/ {print $NF} /Socket errors:/ {print "socket"}' | paste -sd' ' -)
  printf '%-44s %10s %9s %9s %8s\n' "$name" "$rps" "$p50" "$p99" "${bad:-0}"
  [ -n "${LOAD_VERBOSE:-}" ] && echo "$out"
  return 0
}
run "thread page (visitor)" "$public"
run "members-only thread page (member, cookie)" "$private" -H "Cookie: $cookie"
