#!/usr/bin/env bash
# e2e-real.sh — the browser test against the real binary and model:
# starts bin/domaingen serve on a loopback port, waits for /readyz, runs
# scripts/e2e (headless Chromium through playwright-core), stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${E2E_PORT:-18181}
log=$(mktemp)
./bin/domaingen serve --addr "127.0.0.1:$port" ${MODEL:+--model "$MODEL"} 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 120); do
	if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
	if ! kill -0 $pid 2>/dev/null; then echo "e2e: server exited:"; cat "$log"; exit 1; fi
	sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { echo "e2e: server not ready after 60 s"; cat "$log"; exit 1; }
BASE_URL="http://127.0.0.1:$port" scripts/e2e/run.sh
