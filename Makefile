# The two README commands: `make run` and `make test`. Each sets up what it needs first.
VENV := .venv/bin
DB ?= work.db
OUT ?= out

.PHONY: setup run test lint bench clean

setup:
	scripts/setup.sh

## Set up, ingest the samples into an embedded SQLite work store and export the dataset.
run: setup
	$(VENV)/digitize ingest samples/seeds $(wildcard samples/generated/*/*.txt) --db $(DB)
	$(VENV)/digitize status --db $(DB)
	$(VENV)/digitize export $(OUT)/dataset.db --db $(DB) --csv $(OUT)/csv

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
