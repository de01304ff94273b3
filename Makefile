# The two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# uv installs exactly what uv.lock names, checking each file's hash; pyproject.toml's
# required-version names the same uv, so a mismatch stops it.
UV_VERSION := 0.13.9
# A stamp names the checksum of what was installed from: a changed pyproject.toml or uv.lock
# installs again, and fails if the two are out of step (`make lock` puts that right).
CHECKSUM := $(shell cat pyproject.toml uv.lock | cksum | cut -d' ' -f1)
RUN_STAMP := $(VENV)/.installed-run-$(CHECKSUM)
STAMP := $(VENV)/.installed-$(CHECKSUM)
# The OpenID Connect provider the single sign-on tests start on loopback (npm's oidc-provider,
# exact versions in its package-lock.json). Without npm those tests skip, saying why; under
# CI they fail.
OIDC_PROVIDER := tests/single_sign_on/provider
OIDC_PROVIDER_STAMP := $(OIDC_PROVIDER)/node_modules/.package-lock.json
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format lock assets install bench-openreferral bench-data bench load bench-big-record bench-copy cluster cluster-stop

$(VENV)/.uv-$(UV_VERSION):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	rm -f $(VENV)/.uv-*
	touch $@

# What running needs. Inexact: tools `make test` installed stay (a test run may be using them).
$(RUN_STAMP): $(VENV)/.uv-$(UV_VERSION) pyproject.toml uv.lock
	$(BIN)/uv sync --locked --inexact --quiet
	rm -f $(VENV)/.installed-*
	touch $@

# Everything: what running needs, and the tests', lint's and benchmarks' tools (`dev`).
$(STAMP): $(VENV)/.uv-$(UV_VERSION) pyproject.toml uv.lock
	$(BIN)/uv sync --locked --quiet --extra dev
	rm -f $(VENV)/.installed-*
	touch $@ $(RUN_STAMP)

install: $(STAMP) $(OIDC_PROVIDER_STAMP)

$(OIDC_PROVIDER_STAMP): $(OIDC_PROVIDER)/package.json $(OIDC_PROVIDER)/package-lock.json
	@if command -v npm >/dev/null; then \
		cd $(OIDC_PROVIDER) && npm ci --no-audit --no-fund --silent && touch node_modules/.package-lock.json; \
	else echo "No npm: the single sign-on tests will skip (they need Node.js 20 or later)."; fi

# After changing the dependencies in pyproject.toml: every other version stays as it was.
# `make lock LOCK_ARGS=--upgrade` moves everything to the newest versions allowed.
lock: $(VENV)/.uv-$(UV_VERSION)
	$(BIN)/uv lock $(LOCK_ARGS)

run: $(RUN_STAMP)
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py demo_data
	@echo "Open http://localhost:$(PORT)/ (passkeys need a host name, not an IP address; still served on $(HOST) only)"
	@# The worker (jobs/: queued jobs, the periodic ones, the recovery sweep) runs beside the
	@# server, in the background, and stops when the server stops.
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runserver $(HOST):$(PORT)

# One worker per core (pytest-xdist); PYTEST_ARGS="-n 0" runs in one process.
test: $(STAMP) $(OIDC_PROVIDER_STAMP)
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

# The lock in step with pyproject.toml, the code's style, the apps' layers, the types of the whole
# project (mypy with django-stubs, which loads the settings), and a migration for every model change.
lint: $(STAMP)
	$(BIN)/uv lock --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	DATABASE_URL=sqlite://:memory: SECRET_KEY=lint $(BIN)/mypy
	DATABASE_URL=sqlite://:memory: SECRET_KEY=lint $(BIN)/python manage.py makemigrations --check --dry-run

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
# Like `make run`, on the development key unless DEBUG=0 and SECRET_KEY are given; bench and
# load start gunicorn with production settings of their own (bench/server.py).
bench-data: $(STAMP)
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py generate_scale_data $(SCALE_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench.pages

load: $(STAMP)
	$(BIN)/python -m bench.load

# A deployment on this machine (ops/cluster.sh): a PostgreSQL primary and streaming replica on
# ports 55432 and 55433, Redis, two gunicorn app servers, a worker and nginx on 8100.
cluster: $(STAMP)
	ops/cluster.sh up

cluster-stop:
	ops/cluster.sh down

# Times the person's own copy, page and PDF, of a record with 50 signed-off conversations.
bench-copy: $(STAMP)
	$(BIN)/python -m bench.persons_copy

# Times the pages of one person with 5,000 network members; set DATABASE_URL for PostgreSQL.
bench-big-record: $(STAMP)
	$(BIN)/python -m bench.big_record $(BENCH_ARGS)
