#!/usr/bin/env bash
# README test command: installs what is missing, then typecheck, lint and every test (unit,
# integration on real Postgres + Temporal, browser tests in Debian Chromium).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
# Debian packages the tests read with: chromium for the browser tests, poppler's pdftotext for the PDF statements.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "[test] installing Debian ${missing[*]}" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) >&2 || echo "[test] could not install ${missing[*]}; tests needing them will fail or skip" >&2
fi
# The schemathesis pass (2-3 minutes, its own app on its own Postgres and Temporal) runs beside the single-threaded
# typecheck, lint and build, which leave the second core idle; its report is printed after the other tests.
ST_LOG="$(mktemp)"
ST_PID=""
if [ $# -eq 0 ]; then
  echo "[test] schemathesis pass started in the background" >&2
  pnpm exec vitest run --project integration test/schemathesis.test.ts >"$ST_LOG" 2>&1 &
  ST_PID=$!
fi
finish_schemathesis() {
  [ -n "$ST_PID" ] || return 0
  local rc=0
  wait "$ST_PID" || rc=$?
  echo "[test] schemathesis pass" >&2
  cat "$ST_LOG"
  rm -f "$ST_LOG"
  ST_PID=""
  return $rc
}
trap '[ -n "$ST_PID" ] && kill "$ST_PID" 2>/dev/null; rm -f "$ST_LOG"' EXIT
echo "[test] typecheck" >&2
pnpm exec tsc -p tsconfig.json
pnpm exec tsc -p tsconfig.browser.json
(cd designer && pnpm exec tsc -p tsconfig.json)
echo "[test] lint and format" >&2
pnpm exec eslint . --max-warnings=0
pnpm exec prettier --check . --log-level warn
echo "[test] designer build" >&2
(cd designer && pnpm exec vite build --logLevel warn)
echo "[test] vitest" >&2
rc=0
if [ -n "$ST_PID" ]; then
  pnpm exec vitest run --exclude test/schemathesis.test.ts || rc=$?
else
  pnpm exec vitest run "$@" || rc=$?
fi
finish_schemathesis || rc=$?
exit $rc
