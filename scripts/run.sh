#!/usr/bin/env bash
# Start Skyqueue on this machine: its JWT secret (once), stores (if down), database, migrations,
# seed flights (and a network from today while few flights are still to depart), then the API and the workers under supervisord (supervisord.conf), which starts
# again any that dies. Ctrl-C or SIGTERM stops every process it started, gracefully.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

$PY scripts/secret.py
$PY scripts/stores.py
.venv/bin/alembic upgrade head
$PY -m core.cli load-flights flights.csv --if-empty
# A network from today (the same import path as an upload) whenever fewer than 5,000 flights are
# still to depart: on the first run, and again once the weeks it covers have passed, so that
# there is always something to find, with connections, in the coming weeks.
mkdir -p "${SKYQUEUE_RUN_DIR:-$PWD/.run}"
SCHEDULE="${SKYQUEUE_RUN_DIR:-$PWD/.run}/schedule.csv"
$PY scripts/generate_flights.py --count 20000 --start-date "$(date +%F)" --out "$SCHEDULE" >/dev/null
$PY -m core.cli load-flights "$SCHEDULE" --if-fewer-to-depart 5000

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
  Metrics        http://127.0.0.1:${API_PORT:-8000}/metrics, workers on :${WORKER_METRICS_PORT:-9191} and :${IMPORTER_METRICS_PORT:-9192}
  Make an admin  .venv/bin/python -m core.cli create-admin USERNAME

MSG
export API_HOST="${API_HOST:-127.0.0.1}" API_PORT="${API_PORT:-8000}"
# One API process per core unless told otherwise; the workers' metrics on 9191 and 9192.
export API_WORKERS="${API_WORKERS:-$(nproc)}"
export WORKER_METRICS_PORT="${WORKER_METRICS_PORT:-9191}" IMPORTER_METRICS_PORT="${IMPORTER_METRICS_PORT:-9192}"
export SKYQUEUE_RUN_DIR="${SKYQUEUE_RUN_DIR:-$PWD/.run}"
mkdir -p "$SKYQUEUE_RUN_DIR"
# The processes' metrics files start empty with each run (a restarted process keeps its own).
rm -rf "$SKYQUEUE_RUN_DIR/metrics" && mkdir -p "$SKYQUEUE_RUN_DIR/metrics/api"
exec .venv/bin/supervisord -c supervisord.conf
