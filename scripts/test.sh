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
pnpm exec vitest run "$@"
