"""Rows written as VALUES parameters (a few) or through Arrow (many) are stored alike, value for value and type
for type; a one-page ingest does not import pyarrow."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import CORPUS
from extract.run.process import RawDocument, process_batch
from warehouse import incoming
from warehouse.sources import SourceState, record_states
from warehouse.store import TABLE_ORDER, Warehouse

PAGES = ("ruA05_mgorod-zko-oxygen-concentrators.html", "enA01_kz-ventilators-over-4000.html")


def stored(path) -> dict[str, list[str]]:
    """Every row of the tables a write touches, values as Python reads them (sources without its times)."""
    with Warehouse(path, read_only=True) as warehouse:
        tables = {}
        for table in TABLE_ORDER:
            tables[table] = sorted(map(repr, warehouse.query(f"SELECT * FROM {table}")[1]))
        tables["sources"] = sorted(map(repr, warehouse.query(
            "SELECT * EXCLUDE (first_seen, last_seen, last_changed) FROM sources")[1]))
        return tables


@pytest.fixture(scope="module")
def batch():
    outcomes = process_batch([RawDocument(str(CORPUS / name), "html", (CORPUS / name).read_bytes()) for name in PAGES])
    assert all(rows.mentions for rows in outcomes)
    return outcomes


def write(path, batch) -> None:
    states = [SourceState(f"key{i}", f"https://example.kz/{i}", "url", outcome, reason, None, f"https://example.kz/{i}",
                          status, None, None, f"hash{i}")
              for i, (outcome, reason, status) in enumerate([("ingested", None, 200), ("skipped", "fetch", 404),
                                                             ("unchanged", None, 304)] * 5)]
    with Warehouse(path) as warehouse:
        warehouse.write_batch(batch)
        record_states(warehouse, "run1", states)


def test_few_rows_as_parameters_and_many_through_arrow_store_the_same(batch, tmp_path, monkeypatch):
    monkeypatch.setattr(incoming, "MAX_PARAMETER_ROWS", 10_000)  # every table as parameters,
    monkeypatch.setattr(incoming, "ROWS_PER_VALUES", 7)  # in several VALUES lists
    write(tmp_path / "parameters.duckdb", batch)
    monkeypatch.setattr(incoming, "MAX_PARAMETER_ROWS", 0)  # everything through Arrow
    write(tmp_path / "arrow.duckdb", batch)
    parameters, arrow = stored(tmp_path / "parameters.duckdb"), stored(tmp_path / "arrow.duckdb")
    assert parameters["fact_rows"] and parameters["mentions"] and len(parameters["sources"]) == 15
    assert parameters == arrow


def test_a_one_page_ingest_does_not_import_pyarrow(tmp_path):
    code = (
        "import sys\n"
        "from extract.cli import app\n"
        f"try:\n    app(['ingest', {str(CORPUS / PAGES[0])!r}, '--db', {str(tmp_path / 'w.duckdb')!r}, '--quiet'])\n"
        "except SystemExit as exc:\n    print('exit', exc.code, 'pyarrow' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180)
    assert "1 ingested" in result.stdout, result.stdout + result.stderr
    assert result.stdout.strip().endswith("exit 0 False"), result.stdout + result.stderr
