# SchoolBridge: `make run` to try it, `make test` to check it. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEMO_PASSWORD ?= schoolbridge-demo
export PORT

.DEFAULT_GOAL := help
.PHONY: help setup run test fuzz lint format bench wrk backup restore pg-client clean

help:
	@echo "make run    install, migrate, load the demo district and serve on http://127.0.0.1:$(PORT)/"
	@echo "make test   run the whole test suite (SQLite; PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set)"
	@echo "make setup  create .venv, install dependencies, migrate (quick when nothing changed)"
	@echo "make lint   ruff, mypy and a check for missing migrations (.pre-commit-config.yaml runs the same)"
	@echo "make fuzz   long random runs: the rules after every step, hostile input on every form (DATABASE_URL: on PostgreSQL)"
	@echo "make bench  seed a scratch PostgreSQL db, serve it with gunicorn, load it with wrk (SCALE=0.1 is quick)"
	@echo "make backup back up the database (DATABASE_URL, default db.sqlite3) to var/backups/ (mode 0600)"
	@echo "make restore FILE=var/backups/...  overwrite the database with a backup (stop the server first)"

# A virtualenv; on Debian without python3-venv, install it first (needs root or sudo).
$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
		echo "Installing python3-venv with apt-get…"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq python3-venv >/dev/null && \
		rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	@$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when a requirements file changed.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.installed
	@mkdir -p var
	DEBUG=true $(BIN)/python manage.py migrate --noinput

run: setup
	@DEBUG=true $(BIN)/python manage.py seed_demo --password "$(DEMO_PASSWORD)"
	@# Today's health scores and district figures now rather than at 05:00, so the lists and charts have them.
	@DEBUG=true $(BIN)/python manage.py snapshot_health
	@DEBUG=true $(BIN)/python manage.py snapshot_district
	@# And the month ends of the past year, reconstructed from the demo's dated records, so the charts over time
	@# have a past (the page says which figures are reconstructed; those taken on the day are kept).
	@DEBUG=true $(BIN)/python manage.py snapshot_district --months 12
	@# Today's reminders now rather than at 06:00, so the demo's notification lists are not empty (mail goes to var/mail).
	-@DEBUG=true EMAIL_BACKEND=$${EMAIL_BACKEND:-django.core.mail.backends.filebased.EmailBackend} \
		$(BIN)/python manage.py send_reminders
	@echo
	@echo "SchoolBridge is starting on http://127.0.0.1:$(PORT)/  (Ctrl-C stops everything)"
	@echo
	@PATH="$(abspath $(BIN)):$$PATH" DEBUG=true STATIC_MANIFEST=false \
		EMAIL_BACKEND=$${EMAIL_BACKEND:-django.core.mail.backends.filebased.EmailBackend} \
		$(BIN)/honcho -f Procfile.dev start

# The browser tests (tests/e2e/) drive Debian's Chromium; install it when missing (needs root or sudo).
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
$(CHROMIUM):
	@echo "Installing Chromium with apt-get for the browser tests…"
	@SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

# PYTEST_ARGS narrows or adds to the run (.ci/run leaves the browser journeys to its PostgreSQL pass).
test: $(VENV)/.installed $(CHROMIUM)
	$(BIN)/pytest -p no:cacheprovider -n 2 $(PYTEST_ARGS)

# The rules' state machine (tests/test_rules_hold.py) and hostile input on every page and form (tests/fuzz/,
# FUZZ_EXAMPLES per target, 300 by default) with many more random examples than `make test` runs. Set
# DATABASE_URL to run them on PostgreSQL (NUL bytes and integer overflow only fail there).
fuzz: $(VENV)/.installed
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -p no:cacheprovider -s tests/test_rules_hold.py tests/fuzz/

# mypy's Django plugin loads the settings, which want a SECRET_KEY unless DEBUG is on.
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=true $(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Production-shaped (docs/performance.md): DROPS and recreates BENCH_DATABASE_URL or DATABASE_URL (default
# postgres://postgres@127.0.0.1:5432/schoolbridge_bench), seeds it with seed_district, serves it with gunicorn and
# drives it with wrk (installed with apt-get when missing). BENCH_SECONDS and BENCH_ROUNDS shorten a run.
SCALE ?= 1
wrk:
	@command -v wrk >/dev/null || { \
		echo "Installing wrk with apt-get for make bench…"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

bench: $(VENV)/.installed wrk
	SCALE=$(SCALE) $(BIN)/python -m bench

# Backups of the configured database (core/backup.py). PostgreSQL needs pg_dump/pg_restore: installed with apt-get
# (postgresql-client; Debian 12's is 15, like the compose server) when DATABASE_URL is PostgreSQL and they are missing.
pg-client:
	@case "$${DATABASE_URL:-}" in postgres*) command -v pg_dump >/dev/null || { \
		echo "Installing postgresql-client with apt-get for pg_dump/pg_restore…"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >/dev/null; };; esac

backup: $(VENV)/.installed pg-client
	@mkdir -p var
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py backup

# Refuses without YES=yes after saying what it overwrites: `make restore FILE=var/backups/X.dump YES=yes`.
restore: $(VENV)/.installed pg-client
	@test -n "$(FILE)" || { echo "Say which backup: make restore FILE=var/backups/<timestamp>.dump (or .sqlite3)"; exit 2; }
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py restore "$(FILE)" $(if $(filter yes,$(YES)),--yes) \
		|| { echo "(with make: make restore FILE=$(FILE) YES=yes)"; exit 1; }

clean:
	rm -rf $(VENV) var staticfiles db.sqlite3
