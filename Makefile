# Two commands do all the set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
EVAL := ../shared/eval

.PHONY: install install-test browser migrate fixtures run serve worker beat load test lint format eval eval-train bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# A stamp per dependency set: a second `make` reuses the environment until pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# The end-to-end tests drive Debian's Chromium; Playwright never downloads a browser of its own.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		{ $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium chromium-driver >/dev/null; }

migrate: install
	$(PY) manage.py migrate --noinput

fixtures: migrate
	$(PY) manage.py extract_quotes fixtures/articles

run: fixtures
	$(PY) manage.py ensure_superuser
	@echo "Serving http://$(HOST):$(PORT)/ (admin at http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production: DEBUG off, SECRET_KEY and ALLOWED_HOSTS from the environment, static files through WhiteNoise.
WORKERS ?= 3
serve: migrate
	DEBUG=false $(PY) manage.py collectstatic --noinput --verbosity 0
	DEBUG=false $(BIN)/gunicorn config.wsgi:application --bind $(HOST):$(PORT) --workers $(WORKERS) \
		--access-logfile - --forwarded-allow-ips="$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

# The task queue (README, "Following outlets"): CELERY_BROKER_URL names the broker (redis://host:6379/1 or
# amqp://user:pass@host:5672//). A worker runs CONCURRENCY processes (default: one per core), each with
# the spaCy model loaded once; beat sends a poll for each due source every QUOTES_POLL_EVERY_SECONDS.
CONCURRENCY ?= $(shell nproc 2>/dev/null || echo 2)
worker: migrate
	@test -n "$$CELERY_BROKER_URL" || { echo "Set CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/1"; exit 2; }
	$(BIN)/celery -A config worker --loglevel INFO --concurrency $(CONCURRENCY)

beat: migrate
	@test -n "$$CELERY_BROKER_URL" || { echo "Set CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/1"; exit 2; }
	$(BIN)/celery -A config beat --loglevel INFO

# A bounded load test on loopback: gunicorn and a private Redis over the corpus in LOAD_DATABASE_URL
# (read only; default the bench_1m database `make bench` fills), 20 clients, a fixed number of requests.
LOAD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/bench_1m
load: install
	LOAD_DATABASE_URL=$(LOAD_DATABASE_URL) $(PY) benchmarks/load.py

test: install-test browser
	$(BIN)/pytest

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

eval: install
	@mkdir -p eval-output
	$(PY) manage.py extract_quotes --dry-run --jsonl eval-output/seeds.jsonl $(EVAL)/../seeds
	$(PY) manage.py extract_quotes --dry-run --jsonl eval-output/patterns.jsonl $(EVAL)/dev/patterns
	@echo "== seeds"; $(PYTHON) $(EVAL)/score.py $(EVAL)/dev/seeds.gold.json eval-output/seeds.jsonl
	@echo "== patterns"; $(PYTHON) $(EVAL)/score.py $(EVAL)/dev/patterns.gold.json eval-output/patterns.jsonl
	$(PY) -m quotes.extraction $(EVAL)/polnear/dev/*.txt --jsonl eval-output/polnear-dev.jsonl
	@echo "== polnear/dev (real news)"; $(PYTHON) $(EVAL)/score.py $(EVAL)/polnear/dev.gold.json eval-output/polnear-dev.jsonl

# The 840 real articles of polnear/train (a few minutes): where misses are studied, never scored against.
eval-train: install
	@mkdir -p eval-output
	$(PY) -m quotes.extraction $(EVAL)/polnear/train/*.txt --jsonl eval-output/polnear-train.jsonl
	$(PYTHON) $(EVAL)/score.py $(EVAL)/polnear/train.gold.json eval-output/polnear-train.jsonl

# Not part of `make test`: minutes of CPU and a million-quotation database per engine (kept between runs).
# BENCH_QUOTES=100000 (and BENCH_ARTICLES, BENCH_LOAD_QUOTES, BENCH_REPEATS) for a quicker run.
bench: install
	$(PY) -m benchmarks.run

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles eval-output *.egg-info celerybeat-schedule*
