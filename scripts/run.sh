#!/usr/bin/env bash
# Start Skyqueue on this machine: its JWT secret (once), stores (if down), database, migrations,
# seed flights (and a schedule from today when none is still to depart), then the API and the workers under supervisord (supervisord.conf), which starts
# again any that dies. Ctrl-C or SIGTERM stops every process it started, gracefully.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

$PY scripts/secret.py
$PY scripts/stores.py
.venv/bin/alembic upgrade head
$PY -m core.cli load-flights flights.csv --if-empty
# Once the seed's dates have passed: a schedule from today, so that there is always something to
# find in the coming weeks (the same import path as an upload).
mkdir -p "${SKYQUEUE_RUN_DIR:-$PWD/.run}"
SCHEDULE="${SKYQUEUE_RUN_DIR:-$PWD/.run}/schedule.csv"
$PY scripts/generate_flights.py --count 20000 --start-date "$(date +%F)" --out "$SCHEDULE" >/dev/null
$PY -m core.cli load-flights "$SCHEDULE" --if-none-to-depart

if [ -f frontend/dist/index.html ]; then
  WEB="http://127.0.0.1:${API_PORT:-8000}/"
else
  WEB="not built (needs npm: make web)"
fi
cat <<MSG

  Skyqueue web   $WEB
  Skyqueue API   http://127.0.0.1:${API_PORT:-8000}
  API docs       http://127.0.0.1:${API_PORT:-8000}/docs
  Health         http://127.0.0.1:${API_PORT:-8000}/api/v1/health
  Make an admin  .venv/bin/python -m core.cli create-admin USERNAME

MSG
export API_HOST="${API_HOST:-127.0.0.1}" API_PORT="${API_PORT:-8000}"
export SKYQUEUE_RUN_DIR="${SKYQUEUE_RUN_DIR:-$PWD/.run}"
mkdir -p "$SKYQUEUE_RUN_DIR"
exec .venv/bin/supervisord -c supervisord.conf
