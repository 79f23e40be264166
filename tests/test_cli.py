"""The ``medfacts`` console script: ingest, query, export, trace, summary."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from conftest import REPO, SEED1, SEED4
from extract import __version__
from extract.cli import app
from test_spine import CONTRACT_COLUMNS

SUBCOMMANDS = ("ingest", "query", "export", "trace", "summary", "sources")


@pytest.fixture(scope="module")
def cli():
    runner = CliRunner(env={"COLUMNS": "300"})  # wide enough that rich does not wrap sentences

    def invoke(*args: str, expect: int = 0):
        result = runner.invoke(app, [str(a) for a in args])
        assert result.exit_code == expect, f"exit {result.exit_code}\n{result.output}\n{result.exception!r}"
        return result

    return invoke


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def ventilator_fact(query, ingested_corpus):
    [fact] = query("SELECT * FROM facts WHERE source = ? AND item = 'ventilator' AND quantity = 148",
                   [ingested_corpus.source(SEED1)])
    return fact


# -- help -------------------------------------------------------------------------------


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_help_shows_an_example(cli, command):
    result = cli(command, "--help")
    assert "Example" in result.stdout
    assert f"medfacts {command}" in result.stdout


def test_console_script_help_lists_the_subcommands():
    script = Path(sys.executable).with_name("medfacts")
    assert script.exists(), f"console script not installed next to {sys.executable}"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60,
                            env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    for command in SUBCOMMANDS:
        assert command in result.stdout


def test_version_option_prints_the_package_version(cli):
    assert __version__ in cli("--version").stdout


# -- ingest -----------------------------------------------------------------------------


def test_ingest_reports_counts_and_reingest_is_unchanged(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    db = tmp_path / "w.duckdb"
    first = cli("ingest", f"corpus/{SEED1}", f"corpus/{SEED4}", "corpus/missing.html", "--db", db)
    assert "2 ingested, 0 updated, 0 unchanged, 1 skipped (1 not_found)" in flat(first.stdout)
    assert "corpus/missing.html" in first.stderr
    again = cli("ingest", f"corpus/{SEED1}", f"corpus/{SEED4}", "--db", db, "--quiet")
    assert "0 ingested, 0 updated, 2 unchanged, 0 skipped; 0 facts" in flat(again.stdout)
    stored = cli("query", "--db", db, "-f", "csv", "SELECT DISTINCT source FROM facts ORDER BY 1").stdout
    assert stored.splitlines() == ["source", f"corpus/{SEED1}", f"corpus/{SEED4}"]  # as the user typed them


def test_ingest_with_nothing_to_do_fails_with_usage_code(cli, tmp_path):
    result = cli("ingest", "--db", tmp_path / "w.duckdb", expect=2)
    assert "nothing to ingest" in result.stderr


# -- query ------------------------------------------------------------------------------

SQL = "SELECT fact_id, item, quantity, region FROM facts WHERE item = 'ventilator' ORDER BY fact_id"


def test_query_csv_prints_a_header_and_all_rows(cli, corpus_db, query):
    expected = query(SQL)
    rows = list(csv.DictReader(io.StringIO(cli("query", "--db", corpus_db, "--format", "csv", SQL).stdout)))
    assert len(rows) == len(expected) > 5
    assert [r["fact_id"] for r in rows] == [e["fact_id"] for e in expected]
    assert [float(r["quantity"]) for r in rows] == [e["quantity"] for e in expected]


def test_query_json_prints_one_object_a_line(cli, corpus_db, query):
    lines = cli("query", "--db", corpus_db, "-f", "json", SQL).stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert records == query(SQL)


def test_query_table_shows_columns_and_values_and_limits_rows(cli, corpus_db, query):
    expected = query(SQL)
    out = cli("query", "--db", corpus_db, "--limit", "2", SQL).stdout
    for column in ("fact_id", "item", "quantity", "region"):
        assert column in out
    assert expected[0]["fact_id"] in out and expected[1]["fact_id"] in out
    assert expected[2]["fact_id"] not in out
    assert f"{len(expected) - 2} more rows" in out


def test_query_with_bad_sql_fails_readably(cli, corpus_db):
    result = cli("query", "--db", corpus_db, "SELECT nonsense FROM nowhere", expect=1)
    assert "query failed" in result.stderr
    assert "Traceback" not in result.output


def test_query_without_a_warehouse_says_to_ingest_first(cli, tmp_path):
    result = cli("query", "--db", tmp_path / "none.duckdb", "SELECT 1", expect=1)
    assert "medfacts ingest" in flat(result.stderr)
    assert not (tmp_path / "none.duckdb").exists()


# -- export -----------------------------------------------------------------------------


def test_export_csv_holds_every_fact_with_contract_columns(cli, corpus_db, query, tmp_path):
    out = tmp_path / "facts.csv"
    result = cli("export", "--db", corpus_db, "--format", "csv", "--out", out)
    total = query("SELECT count(*) AS n FROM facts")[0]["n"]
    assert f"{total} facts" in result.stdout
    with out.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames[: len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS
    assert len(rows) == total
    assert {r["fact_id"] for r in rows} == {r["fact_id"] for r in query("SELECT fact_id FROM facts")}


def test_export_parquet_reads_back_with_pyarrow_and_duckdb(cli, corpus_db, query, tmp_path):
    out = tmp_path / "nested" / "facts.parquet"
    cli("export", "--db", corpus_db, "-f", "parquet", "-o", out)
    table = pq.read_table(out)
    assert table.column_names[: len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS
    assert table.num_rows == query("SELECT count(*) AS n FROM facts")[0]["n"]
    con = duckdb.connect()
    try:
        [(quantity, text)] = con.execute(
            "SELECT quantity, quantity_text FROM read_parquet(?) WHERE item = 'feldsher_post' AND source LIKE ?",
            [str(out), f"%{SEED4}"],
        ).fetchall()
    finally:
        con.close()
    assert (quantity, text) == (39.0, "39")


def test_export_jsonl_is_one_fact_object_a_line(cli, corpus_db, query, tmp_path):
    out = tmp_path / "facts.jsonl"
    cli("export", "--db", corpus_db, "-f", "jsonl", "-o", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(records) == query("SELECT count(*) AS n FROM facts")[0]["n"]
    assert all(list(r)[: len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS for r in records)


def test_export_rejects_an_unknown_format(cli, corpus_db, tmp_path):
    result = cli("export", "--db", corpus_db, "-f", "xlsx", "-o", tmp_path / "x.xlsx", expect=2)
    assert "xlsx" in result.output


# -- trace ------------------------------------------------------------------------------


def test_trace_shows_source_sentence_offsets_and_rules(cli, corpus_db, ventilator_fact):
    out = cli("trace", "--db", corpus_db, ventilator_fact["fact_id"]).stdout
    text = flat(out)
    assert ventilator_fact["fact_id"] in out
    assert ventilator_fact["source"] in text
    assert flat(ventilator_fact["sentence"]) in text
    assert ventilator_fact["rule"] in text
    assert "verified" in text and "MISMATCH" not in text
    assert "zhambyl" in text and "available" in text


def test_trace_accepts_a_unique_prefix(cli, corpus_db, ventilator_fact):
    out = cli("trace", "--db", corpus_db, ventilator_fact["fact_id"][:8]).stdout
    assert ventilator_fact["fact_id"] in out


def test_trace_of_an_unknown_or_ambiguous_id_fails_readably(cli, corpus_db):
    assert "no fact" in cli("trace", "--db", corpus_db, "zzzz-not-an-id", expect=1).stderr
    assert "several facts" in cli("trace", "--db", corpus_db, "", expect=1).stderr


# -- summary ----------------------------------------------------------------------------


def test_summary_shows_documents_facts_and_samples(cli, corpus_db, query):
    out = cli("summary", "--db", corpus_db, "--samples", "2").stdout
    for title in ("Documents by language", "Facts by item", "Facts by status", "Facts by region"):
        assert title in flat(out)
    assert "ventilator" in out and "zhambyl" in out
    assert out.count("medfacts trace ") == 2
    sample_ids = [line.split()[0] for line in out.splitlines() if line and line[0].isalnum() and len(line.split()[0]) == 16]
    known = {r["fact_id"] for r in query("SELECT fact_id FROM facts")}
    assert len(sample_ids) == 2 and set(sample_ids) <= known
