"""The warehouse file: schema versions and migrations on open, comments, a storage format DuckDB 1.x reads."""

from __future__ import annotations

import struct
from pathlib import Path

import duckdb
import pytest

from conftest import REPO
from test_spine import CONTRACT_COLUMNS
from warehouse import migrations
from warehouse.store import Warehouse, WarehouseError

SCHEMA_V1 = REPO / "tests" / "data" / "schema_v1.sql"  # warehouse/schema.sql before versions were recorded


def storage_version_number(path: Path) -> int:
    """The storage version in the file header (checksum, b'DUCK', version); DuckDB 1.0-1.1 read 64."""
    with path.open("rb") as handle:
        magic, number = struct.unpack("<8x4sQ", handle.read(20))
    assert magic == b"DUCK"
    return number


def version_1_warehouse(path: Path) -> Path:
    """A warehouse as the medfacts of before schema versions wrote it, holding one fact."""
    con = duckdb.connect(str(path))
    con.execute(SCHEMA_V1.read_text(encoding="utf-8"))
    con.execute("INSERT INTO documents VALUES ('d1', 'old.txt', NULL, 'Beds', DATE '2021-05-01', NULL, 'en', "
                "'There are 5 beds.', 'h', 'r', 'run1', now())")
    con.execute("INSERT INTO sentences VALUES ('d1', 0, 0, 0, 17, 'There are 5 beds.')")
    con.execute("INSERT INTO fact_rows VALUES ('f1', 'd1', 'hospital_bed', 'bed', 5, '5', 'available', NULL, NULL, "
                "NULL, NULL, NULL, 0, 10, 11, 'en.item.bed', NULL, NULL, NULL, NULL)")
    con.close()
    return path


def test_a_new_warehouse_is_at_the_latest_schema_version(tmp_path):
    with Warehouse(tmp_path / "w.duckdb") as warehouse:
        assert warehouse.schema_version() == migrations.latest_version() >= 2


def test_a_new_warehouse_is_written_in_the_storage_format_of_duckdb_1(tmp_path):
    path = tmp_path / "w.duckdb"
    with Warehouse(path) as warehouse:
        _, [(tags,)] = warehouse.query("SELECT tags FROM duckdb_databases() WHERE database_name = current_database()")
        warehouse.query("CHECKPOINT")
    assert tags["storage_version"] == "v1.0.0+"
    assert storage_version_number(path) == 64


def test_a_version_1_warehouse_is_upgraded_on_open_and_keeps_its_facts(tmp_path):
    path = version_1_warehouse(tmp_path / "old.duckdb")
    with Warehouse(path) as warehouse:
        assert warehouse.schema_version() == migrations.latest_version()
        columns, rows = warehouse.query("SELECT * FROM facts")
        _, history = warehouse.query("SELECT version FROM schema_version ORDER BY version")
    assert columns[: len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS
    [fact] = [dict(zip(columns, row)) for row in rows]
    assert (fact["fact_id"], fact["quantity"], fact["year"], fact["qualifier"]) == ("f1", 5.0, 2021, None)
    assert [v for (v,) in history] == list(range(2, migrations.latest_version() + 1))


def test_reading_an_old_warehouse_upgrades_it_first(tmp_path):
    path = version_1_warehouse(tmp_path / "old.duckdb")
    with Warehouse(path, read_only=True) as warehouse:
        assert warehouse.schema_version() == migrations.latest_version()
        assert warehouse.query("SELECT year FROM facts")[1] == [(2021,)]


def test_opening_an_upgraded_warehouse_again_changes_nothing(tmp_path):
    path = version_1_warehouse(tmp_path / "old.duckdb")
    Warehouse(path).close()
    with Warehouse(path) as warehouse:
        _, history = warehouse.query("SELECT version, applied_at FROM schema_version")
    Warehouse(path).close()
    with Warehouse(path) as warehouse:
        assert warehouse.query("SELECT version, applied_at FROM schema_version")[1] == history


def test_a_warehouse_from_a_newer_medfacts_is_not_written_to(tmp_path):
    path = tmp_path / "w.duckdb"
    with Warehouse(path) as warehouse:
        warehouse.query("INSERT INTO schema_version VALUES (999, 'from the future', now())")
    with pytest.raises(WarehouseError, match="newer than this medfacts"):
        Warehouse(path)


def test_migration_steps_are_numbered_in_order():
    versions = [s.version for s in migrations.sections() if s.name == "migration"]
    assert versions == sorted(set(versions)) and versions[0] == migrations.BASE_VERSION + 1
    assert [s.name for s in migrations.sections() if s.name != "migration"] == ["tables", "views", "comments"]


def test_every_table_view_and_column_has_a_comment(corpus_warehouse):
    _, tables = corpus_warehouse.query(
        "SELECT table_name FROM duckdb_tables() WHERE comment IS NULL AND database_name = current_database() "
        "UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal AND comment IS NULL "
        "AND database_name = current_database()")
    _, columns = corpus_warehouse.query(
        "SELECT table_name || '.' || column_name FROM duckdb_columns() WHERE comment IS NULL "
        "AND database_name = current_database() AND NOT internal")
    assert tables == [] and columns == []


def test_facts_view_ends_with_year_and_qualifier(query):
    columns = list(query("SELECT * FROM facts LIMIT 1")[0])
    assert columns[: len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS
    assert columns.index("year") > columns.index("rule") and columns.index("qualifier") > columns.index("year")


def test_year_comes_from_the_date_else_the_publication(query):
    rows = query("SELECT date, published, year FROM facts")
    for row in rows:
        if row["date"]:
            assert row["year"] == int(row["date"][:4])
        elif row["published"]:
            assert row["year"] == row["published"].year
        else:
            assert row["year"] is None
    assert any(r["date"] is None and r["published"] and r["year"] for r in rows)


def test_docs_schema_md_describes_every_table_and_column(corpus_warehouse):
    """docs/schema.md is written by scripts/schema_doc.py; rerun it after changing the schema."""
    documented: dict[str, set[str]] = {}
    current = None
    for line in (REPO / "docs" / "schema.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## `"):
            current = documented.setdefault(line.strip("#` "), set())
        elif current is not None and line.startswith("| `"):
            current.add(line.split("`")[1])
    _, columns = corpus_warehouse.query(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = current_database() AND NOT internal")
    missing = [f"{table}.{column}" for table, column in columns if column not in documented.get(table, set())]
    assert missing == [], "run: .venv/bin/python scripts/schema_doc.py"
