# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test evaluate bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/medfacts ingest corpus/ --manifest corpus/manifest.jsonl --db warehouse/medfacts.duckdb
	$(BIN)/medfacts summary --db warehouse/medfacts.duckdb

test: $(STAMP)
	$(BIN)/python -m pytest

evaluate: $(STAMP)
	$(BIN)/python scripts/evaluate.py

bench: $(STAMP)
	$(BIN)/python scripts/benchmark.py

clean:
	rm -rf $(VENV) warehouse/medfacts.duckdb warehouse/medfacts.duckdb.wal
