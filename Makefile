# The two README commands: `make run` and `make test`. Each sets up what it needs first.
VENV := .venv/bin
DB ?= work.db
OUT ?= out

.PHONY: setup run test lint bench clean

setup:
	scripts/setup.sh

## Set up, ingest the samples into an embedded SQLite work store, export the dataset, serve the review queue.
run: setup
	DB=$(DB) OUT=$(OUT) scripts/run.sh

## Set up and run the whole test suite.
test: setup
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .
	$(VENV)/python -m pytest -q

lint: setup
	$(VENV)/ruff check --fix .
	$(VENV)/ruff format .

bench: setup
	$(VENV)/python bench/bench_text.py

clean:
	rm -rf $(OUT) $(DB) $(DB)-wal $(DB)-shm
