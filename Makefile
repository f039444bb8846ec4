# Two commands matter: `make run` serves the guide, `make test` runs every test.
# Both do the whole set-up first, on a fresh machine too.

PYTHON ?= python3
PORT ?= 5000
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
CATALOGS := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/messages.po))

.PHONY: run test bench setup catalogs extract browser wrk clean serve loadtest

run: setup
	$(FLASK) run --port $(PORT)

test: setup browser
	$(FLASK) flows check
	$(BIN)/python -m pytest

bench: setup wrk
	$(BIN)/python -m tests.bench

# Production: gunicorn with several workers (settings and limits in gunicorn.conf.py).
serve: setup
	$(BIN)/gunicorn --config gunicorn.conf.py wsgi:app

# Bounded load test on loopback: gunicorn + PostgreSQL, 100 users walking flows for 30 s (not part of `make test`).
loadtest: setup wrk
	@command -v wrk >/dev/null || { echo "make loadtest needs Debian's wrk"; exit 1; }
	$(BIN)/python -m tests.loadtest

# Debian's wrk loads gunicorn for bench and loadtest; install it where we may (bench falls back to a Python client).
wrk:
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || echo "wrk not installed: bench loads gunicorn with a Python client"

setup: $(BIN)/.installed instance/config.py $(CATALOGS)
	$(FLASK) db upgrade
	$(FLASK) directory load

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --editable '.[test]'
	touch $@

instance/config.py: $(BIN)/.installed
	$(BIN)/python -m guide.instance_setup

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(BIN)/.installed
	$(BIN)/pybabel compile --statistics -i $< -o $@

# Re-extract every string (templates, Python, flow and directory YAML) and merge into the catalogs.
extract: $(BIN)/.installed
	$(BIN)/pybabel extract --sort-by-file --width 100 -F babel.cfg -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete --width 100

# The browser tests drive Debian's Chromium; install it where we may (CI runs as root).
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || echo "chromium not installed: browser tests will be skipped"

clean:
	rm -rf $(VENV) instance/guide.db translations/*/LC_MESSAGES/*.mo
