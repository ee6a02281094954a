# The two commands: `make demo` and `make test`. Everything else supports them.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
CHROMIUM := /usr/bin/chromium
# SQLite is the embedded default; PostgreSQL when DATABASE_URL is set.
export DJANGO_SETTINGS_MODULE ?= nextwork.settings.demo

.PHONY: install install-dev demo serve test lint audit check chromium bench bench-allocation bench-tableplan bench-evaluation bench-fidelity bench-load bench-trial clean

install: $(STAMP)

$(STAMP): requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check uv==0.13.9
	$(UV) pip install -q --python $(PY) -r requirements.txt
	touch $(STAMP)

# The test and check tools on top (production installs only requirements.txt).
install-dev: $(DEV_STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(UV) pip install -q --python $(PY) -r requirements.txt -r requirements-dev.txt
	touch $(DEV_STAMP)

# Builds a fresh SQLite database with the small demo and serves it on 127.0.0.1:8000.
demo: install
	rm -f var/demo.sqlite3
	mkdir -p var
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py demo --scale small
	@# The background worker beside the site (large imports run there); stopped with the site.
	$(PY) manage.py db_worker & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(PY) manage.py runserver 127.0.0.1:8000

# The production setup on this machine: production settings, PostgreSQL from DATABASE_URL, migrate,
# collectstatic, gunicorn on 127.0.0.1:$PORT (default 8000) and the background worker; Ctrl-C stops both.
serve: install
	PY=$(PY) scripts/serve.sh

chromium:
	@test -x $(CHROMIUM) || (echo "Installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

lint: install-dev
	$(VENV)/bin/ruff check nextwork tests bench conftest.py
	$(VENV)/bin/bandit -q -c pyproject.toml -r nextwork
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

# Known vulnerabilities in the locked requirements (pip-audit against PyPI's data). Needs the internet: where the
# data cannot be reached it fails with a plain message, never a false pass. Not part of `make test`.
audit: install-dev
	PY=$(PY) PIP_AUDIT=$(VENV)/bin/pip-audit scripts/audit.sh

test: install-dev chromium lint
	DJANGO_SETTINGS_MODULE=nextwork.settings.test DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest -n 2 -q

bench: install
	$(PY) -m bench.pages

bench-allocation: install
	$(PY) -m bench.allocation

bench-tableplan: install
	$(PY) -m bench.tableplan

bench-evaluation: install
	$(PY) -m bench.evaluation

# Every fidelity indicator for 100 municipalities x 24 months, and the scorecard/comparison pages' p95
# -> var/bench/fidelity.json.
bench-fidelity: install
	$(PY) -m bench.fidelity

# Importing a register panel of 20,000 people x 260 weeks into PostgreSQL (target under 60 s) and 200 concurrent
# randomisations through the API -> var/bench/trial.json. Needs DATABASE_URL=postgres://... (a throwaway test_ database).
bench-trial: install
	$(PY) -m bench.trial

# Load test: 200 simulated staff for 5 minutes (locust) against `make serve`'s setup on the national demo
# -> var/bench/load.json. A quick run: `.venv/bin/python -m bench.load --users 20 --minutes 0.5`.
bench-load: install-dev
	$(PY) -m bench.load $(BENCH_LOAD_ARGS)

clean:
	rm -rf $(VENV) var
