#!/usr/bin/env bash
# README start command: installs what is missing, builds the designer, starts the whole product.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
if [ ! -f designer/dist/index.html ] || [ -n "$(find designer/src designer/index.html packages/flow-model/src -newer designer/dist/index.html -print -quit 2>/dev/null)" ]; then
  echo "[ledgerflow] building the designer..." >&2
  (cd designer && pnpm exec vite build --logLevel warn >&2)
fi
# The worker's young generation, as docker-compose sets it (see there).
export NODE_OPTIONS="--max-semi-space-size=32 ${NODE_OPTIONS:-}"
exec node packages/devstack/src/start.ts
