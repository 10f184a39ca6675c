#!/usr/bin/env bash
# Start Skyqueue on this machine: stores (if down), database, migrations, seed flights, then the
# API and the workers under honcho. Ctrl-C or SIGTERM stops every process it started.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

$PY scripts/secret.py
$PY scripts/stores.py
.venv/bin/alembic upgrade head
$PY -m core.cli load-flights flights.csv --if-empty

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
exec .venv/bin/honcho start -f Procfile
