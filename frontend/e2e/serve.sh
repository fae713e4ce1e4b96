#!/usr/bin/env bash
# The backend for the browser tests: a fresh SQLite database with the demo, on one port.
set -euo pipefail
port="${1:-8123}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
tmp="$(mktemp -d)"
export SAMSKAP_DATABASE_URL="sqlite+aiosqlite:///${tmp}/e2e.db"
export SAMSKAP_FRONTEND_DIST="${SAMSKAP_FRONTEND_DIST:-${root}/frontend/dist}"
export SAMSKAP_ENVIRONMENT=development
"${root}/.venv/bin/samskap" migrate >/dev/null
"${root}/.venv/bin/samskap" load-demo >/dev/null
exec "${root}/.venv/bin/samskap" serve --host 127.0.0.1 --port "${port}"
