# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-browser evaluate bench bench-throughput clean

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

# The report in headless Chromium (Debian's package; Playwright only drives it, it downloads no browser).
test-browser: $(STAMP)
	command -v chromium >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium)
	$(BIN)/python -m pip install --quiet -e '.[test,browser]'
	$(BIN)/python -m pytest -m browser tests/test_report_browser.py

evaluate: $(STAMP)
	$(BIN)/python scripts/evaluate.py --halves

bench: $(STAMP)
	$(BIN)/python scripts/benchmark.py

bench-throughput: $(STAMP)  # 2,000 distinct pages on all cores against the floor; natasha as the anchor
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python scripts/benchmark_throughput.py --pages 2000

clean:
	rm -rf $(VENV) warehouse/medfacts.duckdb warehouse/medfacts.duckdb.wal
