# Every command CI runs is here; `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
CONSTRAINTS := requirements/constraints.txt
# pytest-xdist processes for `make test` (3 measured fastest on the 2-core CI machine; each has
# its own database, Redis databases and media folder: leerkring/settings/test.py).
TEST_WORKERS ?= 3

.PHONY: help install install-test run test figures bench bench-summary loadtest lint format check migrations-check messages lock nlds services system-deps worker beat clean screenshots pgbouncer restore-drill

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sort | awk 'BEGIN {FS = ":.*## "} {printf "  make %-18s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml $(CONSTRAINTS)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e .
	$(PIP) check --disable-pip-version-check
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e ".[test]"
	$(PIP) check --disable-pip-version-check
	touch $@

install: $(VENV)/.installed ## Create the virtualenv and install the product

install-test: $(VENV)/.installed-test ## Install the product and what the tests need

run: install ## Set up and serve the demo on http://127.0.0.1:8000 (SQLite, tasks eager)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Leerkring: http://127.0.0.1:8000  (stop with Ctrl+C)"
	$(PY) manage.py runserver 127.0.0.1:8000

screenshots: install-test system-deps ## Full-page PNGs of the main pages per demo role at 390, 768 and 1280 px (var/screenshots/)
	$(PY) -m tests.screenshots

system-deps: ## Install the Debian packages the tests need (Chromium, poppler, gettext, fonts, LibreOffice)
	scripts/system-deps.sh

services: ## Start PostgreSQL, Redis and the S3 test server (moto) when they are not running
	scripts/ensure-services.sh

lint: install-test ## ruff (lint and formatting) and the import layers between the apps (import-linter)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

format: install-test ## Apply ruff's fixes and formatting
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

migrations-check: install ## Fail when a model change has no migration
	$(PY) manage.py makemigrations --check --dry-run

test: install-test system-deps services lint migrations-check ## Everything CI checks: lint, migrations, the whole suite on PostgreSQL, Redis, Celery and Chromium
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup

figures: ## Print how the code grows: longest view, largest module, imports inside functions, objects.create in tests
	$(PYTHON) scripts/structure-figures.py

bench: install-test system-deps services ## Measure the quality bars side by side (BENCH_RUNS=3: three runs, median and spread); writes var/bench/
	$(PY) -m tests.bench.run

bench-summary: ## Per figure the median and min-max over the last 3 runs of make bench (BENCH_RUNS)
	$(PY) -m tests.bench.run --summary

loadtest: install-test system-deps services ## Three journeys with locust against gunicorn and a worker on loopback (LOAD_SECONDS, LOAD_USERS)
	$(PIP) install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e ".[load]"
	$(PY) -m tests.load.run

messages: install ## Refresh the English catalogue and compile every catalogue
	$(PY) manage.py makemessages --locale en --ignore ".venv/*" --ignore "var/*" --ignore "tests/*" --no-obsolete --no-location
	$(PY) manage.py compilemessages --ignore ".venv/*"

lock: ## Re-resolve the pinned versions (requirements/constraints.txt) from pyproject.toml
	rm -rf /tmp/leerkring-lock && $(PYTHON) -m venv /tmp/leerkring-lock
	/tmp/leerkring-lock/bin/pip install --quiet -e ".[test]"
	( echo '# Exact versions of every package, installed with `pip install -c`. Regenerate with `make lock`.'; \
	  /tmp/leerkring-lock/bin/pip freeze --exclude-editable ) > $(CONSTRAINTS)

nlds: ## Refresh the vendored NL Design System CSS and fonts from npm (static/vendor/nlds)
	scripts/vendor-nlds.sh

worker: install ## Run a Celery worker (needs CELERY_BROKER_URL)
	$(VENV)/bin/celery -A leerkring worker --loglevel=INFO

beat: install ## Run Celery beat (needs CELERY_BROKER_URL)
	$(VENV)/bin/celery -A leerkring beat --loglevel=INFO --schedule var/celerybeat-schedule

pgbouncer: system-deps services ## PgBouncer in transaction mode on 127.0.0.1:6432 in front of the local PostgreSQL (then DATABASE_PGBOUNCER=true)
	scripts/pgbouncer.sh

restore-drill: install-test services ## Back up PostgreSQL and the object store, restore both into scratch copies, compare counts and checksums
	$(PY) -m tests.restore_drill

clean: ## Remove the virtualenv and local data under var/
	rm -rf $(VENV) var
