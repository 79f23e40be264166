"""query, export and ingest as a new user meets them: formats, stdin, readable errors, exit codes."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from conftest import REPO, SEED1
from extract.cli import app
from test_spine import CONTRACT_COLUMNS


@pytest.fixture(scope="module")
def cli():
    def invoke(*args, expect: int = 0, input: str | None = None):
        result = CliRunner(env={"COLUMNS": "200"}).invoke(app, [str(a) for a in args], input=input)
        assert result.exit_code == expect, f"exit {result.exit_code}\n{result.output}\n{result.exception!r}"
        assert "Traceback" not in result.output
        return result

    return invoke


def facts_count(query, where: str = "TRUE") -> int:
    return query(f"SELECT count(*) AS n FROM facts WHERE {where}")[0]["n"]


# -- export -------------------------------------------------------------------------------


def test_export_format_follows_the_extension(cli, corpus_db, query, tmp_path):
    out = tmp_path / "facts.parquet"
    cli("export", "--db", corpus_db, "--out", out)
    table = pq.read_table(out)
    assert table.column_names[: len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS
    assert table.num_rows == facts_count(query)


def test_export_refuses_a_format_that_contradicts_the_extension(cli, corpus_db, tmp_path):
    out = tmp_path / "facts.parquet"
    result = cli("export", "--db", corpus_db, "--out", out, "--format", "csv", expect=2)
    assert "parquet" in result.stderr and "csv" in result.stderr
    assert not out.exists()


def test_export_to_an_unknown_extension_asks_for_a_format(cli, corpus_db, tmp_path):
    result = cli("export", "--db", corpus_db, "--out", tmp_path / "facts.xlsx", expect=2)
    assert "--format" in result.stderr


def test_export_to_stdout_with_where(cli, corpus_db, query):
    result = cli("export", "--db", corpus_db, "--out", "-", "--where", "item = 'ventilator'")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == facts_count(query, "item = 'ventilator'") > 5
    assert {r["item"] for r in rows} == {"ventilator"}
    assert "facts" in result.stderr  # the count goes to stderr, stdout stays data


def test_export_jsonl_to_stdout(cli, corpus_db, query):
    lines = cli("export", "--db", corpus_db, "-o", "-", "-f", "jsonl", "-w", "year >= 2020").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == facts_count(query, "year >= 2020") > 0


def test_export_with_a_bad_where_fails_readably(cli, corpus_db, tmp_path):
    result = cli("export", "--db", corpus_db, "--out", tmp_path / "f.csv", "--where", "no_such_column = 1", expect=1)
    assert "no_such_column" in result.stderr


# -- query --------------------------------------------------------------------------------


def test_query_csv_has_lf_line_endings_and_whole_numbers(cli, corpus_db):
    out = cli("query", "--db", corpus_db, "-f", "csv",
              "SELECT quantity FROM facts WHERE quantity_text = '4 thousand' LIMIT 1").stdout
    assert "\r" not in out
    assert out == "quantity\n4000\n"


def test_query_table_uses_duckdbs_renderer_and_prints_whole_numbers(cli, corpus_db):
    out = cli("query", "--db", corpus_db, "SELECT item, quantity FROM facts WHERE quantity_text = '4 thousand' LIMIT 1").stdout
    assert "┌" in out and "varchar" in out
    assert "4000" in out and "4000.0" not in out


def test_query_keeps_fractions(cli, corpus_db):
    assert cli("query", "--db", corpus_db, "-f", "csv", "SELECT 1.5::DOUBLE AS q, 2::DOUBLE AS r").stdout == "q,r\n1.5,2\n"


def test_query_reads_sql_from_stdin(cli, corpus_db, query):
    out = cli("query", "--db", corpus_db, "-f", "csv", "-", input="SELECT count(*) AS n FROM facts\n").stdout
    assert out == f"n\n{facts_count(query)}\n"


def test_query_reads_sql_from_a_file(cli, corpus_db, tmp_path):
    sql = tmp_path / "ventilators.sql"
    sql.write_text("-- ventilators by region\nSELECT count(*) AS n FROM facts WHERE item = 'ventilator'\n", encoding="utf-8")
    assert cli("query", "--db", corpus_db, "--file", sql, "-f", "json").stdout.startswith('{"n": ')


def test_query_line_format_shows_one_column_a_line(cli, corpus_db):
    out = cli("query", "--db", corpus_db, "-f", "line", "SELECT fact_id, item FROM facts LIMIT 2").stdout
    assert out.count("fact_id = ") == 2 and out.count("   item = ") == 2


def test_an_empty_query_fails_readably(cli, corpus_db):
    for args in (["   "], ["-"]):
        result = cli("query", "--db", corpus_db, *args, expect=2, input="")
        assert "empty query" in result.stderr


def test_lookup_tables_label_every_region_and_item_in_english_and_russian(query):
    regions = query("SELECT * FROM regions")
    items = query("SELECT * FROM items")
    assert {r["region"] for r in regions} >= {"zhambyl", "almaty_city", "kz"}
    assert {i["item"] for i in items} >= {"ventilator", "feldsher_post", "doctor"}
    assert all(r["name_en"] and r["name_ru"] for r in regions + items)
    assert query("SELECT name_ru FROM items WHERE item = 'ventilator'")[0]["name_ru"].startswith("аппарат ИВЛ")
    assert query("SELECT count(*) AS n FROM facts f LEFT JOIN items i USING (item) WHERE i.item IS NULL")[0]["n"] == 0


# -- ingest -------------------------------------------------------------------------------


def test_ingest_closing_line_says_how_many_facts_the_warehouse_holds(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    db = tmp_path / "w.duckdb"
    first = " ".join(cli("ingest", f"corpus/{SEED1}", "--db", db, "--quiet").stdout.split())
    again = " ".join(cli("ingest", f"corpus/{SEED1}", "--db", db, "--quiet").stdout.split())
    held = int(first.split("now holds ")[1].split()[0])
    assert held > 0 and f"0 facts → {db}, which now holds {held} facts" in again


def test_ingest_fails_when_every_source_was_skipped(cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = cli("ingest", empty, tmp_path / "missing.html", "--db", tmp_path / "w.duckdb", "--quiet", expect=1)
    assert "2 skipped" in " ".join(result.stdout.split())
    assert "every source was skipped" in result.stderr
