# eig — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements/constraints.txt | sha1sum | cut -c1-12)
# Development commands run with DEBUG on; `make test` runs the production settings (pytest sets its own).
DEV := DEBUG=true

.PHONY: install run test quality fix messages demo clean-data

install: $(STAMP)

$(STAMP): pyproject.toml requirements/constraints.txt
	@test -n "$(PYTHON)" || { echo "Python 3.11 est requis."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "pip==26.3"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --group dev -c requirements/constraints.txt
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

run: install
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py seed_demo
	$(DEV) $(BIN)/python manage.py rundev 127.0.0.1:8000

test: install
	$(BIN)/python -m pytest

quality: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/djlint templates --lint
	$(BIN)/djlint templates --check
	$(DEV) $(BIN)/python manage.py makemigrations --check --dry-run

fix: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djlint templates --reformat

# Refresh the English catalogue from the French source strings, then compile every catalogue.
messages: install
	$(DEV) $(BIN)/python manage.py makemessages --locale en --ignore ".venv/*" --ignore "staticfiles/*" --ignore "tests/*" --ignore "benchmarks/*" --no-obsolete
	$(DEV) $(BIN)/python manage.py compilemessages --ignore ".venv/*"

demo: install
	$(DEV) $(BIN)/python manage.py seed_demo

# Stops nothing: remove the embedded PostgreSQL data, Celery's local queue and private files.
clean-data:
	rm -rf .data
