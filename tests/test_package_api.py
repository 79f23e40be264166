"""The `medfacts` namespace: the Python API, `medfacts info`, and an analyst's own rules with --rules."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import medfacts
from conftest import SEED1
from extract.cli import app
from extract.rulebook import rules_hash


def test_extract_returns_the_facts_of_a_text():
    [fact] = medfacts.extract("The region has only 148 ventilators.", "en")
    assert (fact["item"], fact["quantity"], fact["status"], fact["quantity_text"]) == ("ventilator", 148.0, "available", "148")
    assert fact["sentence"] == "The region has only 148 ventilators."
    assert fact["fact_id"] and fact["qualifier"] is None


def test_extract_detects_the_language_and_reads_qualifiers():
    [fact] = medfacts.extract("В Жамбылской области не хватает более 120 врачей.")
    assert (fact["item"], fact["quantity"], fact["region"], fact["qualifier"]) == ("doctor", 120.0, "zhambyl", "more_than")


def test_extract_refuses_an_unsupported_language():
    with pytest.raises(ValueError):
        medfacts.extract("Жамбыл облысында 148 өкпені жасанды желдету аппараты бар.")


def test_ingest_and_the_warehouse_from_python(tmp_path, corpus_dir):
    db = tmp_path / "w.duckdb"
    report = medfacts.ingest([str(corpus_dir / SEED1)], db)
    assert len(report.ingested) == 1 and report.facts > 0
    with medfacts.Warehouse(db, read_only=True) as warehouse:
        _, [(n,)] = warehouse.query("SELECT count(*) FROM facts WHERE item = ?", ["ventilator"])
        assert n > 0
        assert warehouse.export(tmp_path / "v.csv", where="item = 'ventilator'") == n


def test_info_reports_versions_paths_and_the_rules_hash(corpus_db):
    result = CliRunner().invoke(app, ["info", "--json", "--db", str(corpus_db)])
    assert result.exit_code == 0, result.output
    about = json.loads(result.stdout)
    assert about["versions"]["medfacts"] == medfacts.__version__ and about["versions"]["duckdb"]
    assert about["rules_hash"] == rules_hash()
    assert about["warehouse"]["facts"] > 0 and about["warehouse"]["storage_version"] == "v1.0.0+"


def test_python_dash_m_medfacts_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "medfacts", "info", "--rules-path"], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(medfacts.packaged_rules_dir())


@pytest.fixture
def own_rules(tmp_path):
    """A copy of the packaged rules with one new English spelling of ventilator; packaged rules again afterwards."""
    folder = tmp_path / "my-rules"
    shutil.copytree(medfacts.packaged_rules_dir(), folder, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    with (folder / "en" / "items.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"id": "en.item.ventilator.lungomat", "item": "ventilator", "pattern": "lungomat"}\n')
    yield folder
    medfacts.use_rules(None)


def test_rules_option_reads_an_analysts_own_rules(own_rules, tmp_path):
    text = tmp_path / "note.txt"
    text.write_text("The regional hospital has 12 lungomat devices.\n", encoding="utf-8")
    packaged_hash = rules_hash()
    result = CliRunner().invoke(app, ["--rules", str(own_rules), "ingest", str(text), "--db", str(tmp_path / "w.duckdb"), "-q"])
    assert result.exit_code == 0, result.output
    with medfacts.Warehouse(tmp_path / "w.duckdb", read_only=True) as warehouse:
        _, rows = warehouse.query("SELECT item, quantity, rule FROM facts")
        _, [(hash_used,)] = warehouse.query("SELECT rules_hash FROM runs")
    assert rows == [("ventilator", 12.0, rows[0][2])] and "lungomat" in rows[0][2]
    assert hash_used != packaged_hash


def test_rules_option_refuses_a_folder_that_is_not_rules(tmp_path):
    result = CliRunner().invoke(app, ["--rules", str(tmp_path), "info"])
    assert result.exit_code == 2
    assert "not a rules folder" in " ".join(result.output.split())
