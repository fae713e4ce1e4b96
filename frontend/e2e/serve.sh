#!/usr/bin/env bash
# The backend for the browser tests: the demo on a fresh SQLite database, on one port.
#   serve.sh --prepare   build the prepared database only (make test-e2e runs this first)
#   serve.sh [port]      serve a fresh copy of it (Playwright's webServer runs this)
# Migrating and loading the demo takes a while on a busy machine, so it is done once, into
# a template under var/e2e/ named after the code that builds it (backend and migrations) and
# the day; every run serves a copy, and changed code or a new day makes a new template.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="${root}/.venv/bin"
store="${root}/var/e2e"
export SAMSKAP_ENVIRONMENT=development
# The browser tests read the server's warnings and errors, not a line per request.
export SAMSKAP_LOG_LEVEL="${SAMSKAP_LOG_LEVEL:-WARNING}"

key="$(
  cd "$root"
  { date +%F; find backend/samskap migrations -type f ! -path '*/__pycache__/*' -print0 \
      | sort -z | xargs -0 sha256sum; } | sha256sum | cut -c1-16
)"
template="${store}/demo-${key}.db"

if [ ! -f "$template" ]; then
  mkdir -p "$store"
  build="$(mktemp -d "${store}/build.XXXXXX")"
  trap 'rm -rf "$build"' EXIT
  export SAMSKAP_DATABASE_URL="sqlite+aiosqlite:///${build}/demo.db"
  "${venv}/samskap" migrate >/dev/null
  "${venv}/samskap" load-demo >/dev/null
  # One self-contained file (nothing left in a -wal file beside it), put in place in one step.
  "${venv}/python" -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("VACUUM INTO ?", (sys.argv[2],))' \
    "${build}/demo.db" "${build}/template.db"
  mv "${build}/template.db" "$template"
  rm -rf "$build"
  trap - EXIT
  find "$store" -maxdepth 1 -name 'demo-*.db' ! -name "demo-${key}.db" -delete
fi
[ "${1:-}" = --prepare ] && exit 0

port="${1:-8123}"
run="${store}/run-${port}.db"
rm -f "$run" "${run}-wal" "${run}-shm"
cp "$template" "$run"
export SAMSKAP_DATABASE_URL="sqlite+aiosqlite:///${run}"
export SAMSKAP_FRONTEND_DIST="${SAMSKAP_FRONTEND_DIST:-${root}/frontend/dist}"
# The webhook test's receiver listens on 127.0.0.1, which a real server refuses as a target.
export SAMSKAP_WEBHOOK_ALLOW_PRIVATE_TARGETS=true
# The sign-in test's identity provider: oidc-provider-mock, which e2e/oidc.spec.ts starts on
# the next port (until then the login page only shows its button).
export SAMSKAP_PUBLIC_URL="http://127.0.0.1:${port}"
export SAMSKAP_OIDC_ISSUER="http://127.0.0.1:$((port + 1))"
export SAMSKAP_OIDC_CLIENT_ID=samskap-e2e
export SAMSKAP_OIDC_CLIENT_SECRET=e2e-client-secret
export SAMSKAP_OIDC_PROVIDER_NAME="Testkommune ID"
exec "${venv}/samskap" serve --host 127.0.0.1 --port "${port}"
