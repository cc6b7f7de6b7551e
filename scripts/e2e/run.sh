#!/usr/bin/env bash
# Runs the browser test (e2e.mjs) in headless /usr/bin/chromium.
#
#   scripts/e2e/run.sh                              # throwaway server with a fake suggester, no model needed
#   BASE_URL=http://127.0.0.1:8080 scripts/e2e/run.sh   # a running server (e.g. domaingen serve)
#
# The throwaway server is the server package's TestDemoServer (the real
# router, middleware and page; a fake Suggester that blocks descriptions
# mentioning "stolen"), built into a temporary directory. Screenshots go to
# $OUT_DIR (default /tmp).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$here"

if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "e2e: ${CHROMIUM:-/usr/bin/chromium} not found (apt-get install -y chromium)" >&2
  exit 1
fi
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund

if [ -z "${BASE_URL:-}" ]; then
  port=${E2E_PORT:-18080}
  export BASE_URL="http://127.0.0.1:$port"
  tmp=$(mktemp -d)
  pid=""
  cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    rm -rf "$tmp"
  }
  trap cleanup EXIT
  (cd "$root" && go test -c -o "$tmp/server.test" ./server)
  (cd "$root/server" && DOMAINGEN_DEMO_ADDR="127.0.0.1:$port" exec "$tmp/server.test" -test.run '^TestDemoServer$' -test.timeout 0 >"$tmp/server.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 100); do
    if curl -fsS "$BASE_URL/readyz" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "e2e: demo server exited:" >&2; cat "$tmp/server.log" >&2; exit 1; fi
    sleep 0.2
  done
fi

node e2e.mjs
