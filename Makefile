# Shortcuts for the two README commands (scripts/run.sh, scripts/test.sh), which set up what they
# need first and do not need make.
VENV := .venv/bin
DB ?= work.db
OUT ?= out

.PHONY: setup run test lint bench clean

setup:
	scripts/setup.sh

## Set up, ingest the samples into an embedded SQLite work store, export the dataset, serve the review queue.
run:
	DB=$(DB) OUT=$(OUT) scripts/run.sh

## Set up and run the whole test suite.
test:
	scripts/test.sh

lint: setup
	$(VENV)/ruff check --fix .
	$(VENV)/ruff format .

bench: setup
	$(VENV)/python bench/bench_text.py

clean:
	rm -rf $(OUT) $(DB) $(DB)-wal $(DB)-shm

## Re-extract the review service's messages and update the one catalogue (review/translations/).
messages:
	$(VENV)/pybabel extract -F review/translations/babel.cfg -k _l -o review/translations/messages.pot --no-location --omit-header --sort-output .
	$(VENV)/pybabel update -i review/translations/messages.pot -d review/translations -D messages --no-location
