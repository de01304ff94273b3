# The two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format assets install bench-openreferral bench-data bench load bench-big-record

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

run: $(STAMP)
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py demo_data
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Rebuilds the vendored GOV.UK Frontend under static/govuk from the pinned npm
# package; the result is committed so that `make run` needs no Node.
assets:
	cd frontend && npm ci --no-audit --no-fund
	cd frontend && npx sass --pkg-importer=node --quiet-deps --style=compressed --no-source-map \
		app.scss ../static/govuk/css/govuk-frontend.min.css
	cp frontend/node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js static/govuk/js/
	cp frontend/node_modules/govuk-frontend/dist/govuk/assets/images/govuk-crest.svg static/govuk/images/

# Times Open Referral UK export and import of 10,000 services; prints and saves a table.
bench-openreferral: $(STAMP)
	$(BIN)/python -m bench.openreferral $(BENCH_ARGS)

# Scale data, benchmarks and the load test (issue 9): see the README.
bench-data: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py generate_scale_data $(SCALE_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench.pages

load: $(STAMP)
	$(BIN)/python -m bench.load

# Times the pages of one person with 5,000 network members; set DATABASE_URL for PostgreSQL.
bench-big-record: $(STAMP)
	$(BIN)/python -m bench.big_record $(BENCH_ARGS)
