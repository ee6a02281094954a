#!/usr/bin/env bash
# `make serve`: the production setup on this machine (README, "Running in production"; docs/operations.md).
# Production settings with PostgreSQL from DATABASE_URL; migrations (as NEXTWORK_MIGRATION_DATABASE_URL when
# set) and collectstatic; then gunicorn on 127.0.0.1:$PORT and the background worker beside it. Ctrl-C (or
# SIGTERM) stops both; if either stops on its own, the other is stopped too and the exit status is non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
GUNICORN=${GUNICORN:-.venv/bin/gunicorn}
PORT=${PORT:-8000}
WEB_WORKERS=${WEB_WORKERS:-3}
RUN_DIR=${RUN_DIR:-var/run}
export DJANGO_SETTINGS_MODULE=nextwork.settings.production

fail() { echo "serve: $*" >&2; exit 1; }

[[ $PORT =~ ^[0-9]+$ ]] || fail "PORT must be a number, not '$PORT'."
[[ $WEB_WORKERS =~ ^[1-9][0-9]*$ ]] || fail "WEB_WORKERS must be a positive number, not '$WEB_WORKERS'."
[[ -n ${DATABASE_URL:-} ]] || fail "Set DATABASE_URL (postgres://USER:PASSWORD@HOST:5432/NAME)."
[[ $DATABASE_URL == postgres://* || $DATABASE_URL == postgresql://* ]] \
    || fail "DATABASE_URL must name a PostgreSQL database (postgres://...)."
[[ -n ${NEXTWORK_ALLOWED_HOSTS:-} ]] || fail "Set NEXTWORK_ALLOWED_HOSTS (comma-separated host names)."

# The production settings refuse to load without their secrets and name the missing variable; say just that.
"$PY" - <<'EOF' || exit 1
import sys

from django.core.exceptions import ImproperlyConfigured

try:
    import django

    django.setup()
except ImproperlyConfigured as error:
    sys.exit(f"serve: {error}")
EOF

DATABASE_URL=${NEXTWORK_MIGRATION_DATABASE_URL:-$DATABASE_URL} "$PY" manage.py migrate --noinput -v 1
"$PY" manage.py collectstatic --noinput -v 0
"$PY" manage.py check --deploy --fail-level ERROR

mkdir -p "$RUN_DIR"
# Each child in its own process group: Ctrl-C reaches this script only, which stops each child once, gently
# (a second signal would make the worker abandon the task it is running).
set -m
web=""
worker=""
stop() {
    trap - INT TERM
    echo "serve: stopping" >&2
    for pid in $web $worker; do kill -TERM "$pid" 2>/dev/null || true; done
    wait $web $worker 2>/dev/null || true
}
trap 'stop; exit 0' INT TERM

"$GUNICORN" nextwork.wsgi --bind "127.0.0.1:$PORT" --workers "$WEB_WORKERS" \
    --control-socket "$RUN_DIR/gunicorn.ctl" --access-logfile - \
    --access-logformat '%({x-request-id}o)s %(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms' \
    --graceful-timeout 20 &
web=$!
"$PY" manage.py db_worker --no-reload --worker-id "$(hostname)-$$" &
worker=$!
echo "serve: http://127.0.0.1:$PORT (gunicorn pid $web, $WEB_WORKERS workers; background worker pid $worker)" >&2

# Whichever ends first (unless Ctrl-C came), stop the other and report it as a failure.
set +e
wait -n $web $worker
status=$?
set -e
echo "serve: a process ended unexpectedly (status $status)" >&2
stop
exit $(( status == 0 ? 1 : status ))
