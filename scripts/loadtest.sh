#!/usr/bin/env bash
# loadtest.sh — start the real server on loopback and drive it.
#
#   scripts/loadtest.sh                 # 60 s at concurrency 32 → docs/load.md
#   scripts/loadtest.sh --soak 10m      # 10-minute soak (RSS and goroutines) → docs/soak.md
#
# Needs bin/domaingen (make build) and the model (make model). The load
# generator shares the machine's cores with the server, as a real neighbour
# would; the numbers in docs/performance.md come from this script.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${LOAD_PORT:-18282}
mode=load duration=60s out=docs/load.md
if [ "${1:-}" = "--soak" ]; then mode=soak duration=${2:-10m} out=docs/soak.md; fi

log=$(mktemp)
./bin/domaingen serve --addr "127.0.0.1:$port" ${MODEL:+--model "$MODEL"} 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 120); do
	curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
	kill -0 $pid 2>/dev/null || { echo "loadtest: server exited:"; cat "$log"; exit 1; }
	sleep 0.5
done

args=(--url "http://127.0.0.1:$port" --concurrency 32 --duration "$duration" --out "$out")
if [ "$mode" = soak ]; then args+=(--soak); fi
go run ./scripts/loadtest "${args[@]}"
echo "loadtest: report written to $out"
