"""Bad input or an unexpected error never stops a batch and never corrupts what the warehouse already holds."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import CORPUS, SEED1, SEED4
from ingest_support import (
    EN_HTML,
    KAZAKH_TEXT,
    RU_TEXT,
    RU_TEXT_CHANGED,
    read,
    run,
    skip_reasons,
    snapshot,
)

import extract.run.process as process_module
from warehouse.store import Warehouse


def write_bad_inputs(folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.html").write_bytes(bytes(range(256)) * 40)
    (folder / "kazakh.txt").write_text(KAZAKH_TEXT, encoding="utf-8")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    return [folder / "empty.txt", folder / "binary.html", folder / "kazakh.txt", folder / "report.pdf", folder / "missing.html"]


def test_failing_sources_in_the_middle_of_a_batch_do_not_lose_the_others(tmp_path):
    db = tmp_path / "w.duckdb"
    bad = write_bad_inputs(tmp_path / "bad")
    (tmp_path / "en.html").write_text(EN_HTML, encoding="utf-8")
    (tmp_path / "ru.txt").write_text(RU_TEXT, encoding="utf-8")
    batch = [tmp_path / "en.html", *bad[:3], tmp_path / "ru.txt", *bad[3:], CORPUS / SEED4]
    report = run(db, *batch)
    assert report.ingested == [str(tmp_path / "en.html"), str(tmp_path / "ru.txt"), str(CORPUS / SEED4)]
    assert skip_reasons(report) == {
        "empty.txt": "empty", "binary.html": "binary", "kazakh.txt": "language",
        "report.pdf": "unsupported_type", "missing.html": "not_found",
    }
    stored = {row["source"] for row in read(db, "SELECT DISTINCT source FROM facts")}
    assert stored == set(report.ingested)


def test_an_unexpected_error_in_one_document_is_recorded_and_the_batch_goes_on(tmp_path, monkeypatch):
    db = tmp_path / "w.duckdb"
    for name in ("a.html", "b.html", "c.html"):
        shutil.copy(CORPUS / {"a.html": SEED1, "b.html": SEED4, "c.html": "enA14_almaty-city-308-ventilators.html"}[name],
                    tmp_path / name)
    real_to_rows = process_module.to_rows

    def to_rows(document, *args, **kwargs):
        if document.source.endswith("b.html"):
            raise RuntimeError("simulated bug")
        return real_to_rows(document, *args, **kwargs)

    monkeypatch.setattr(process_module, "to_rows", to_rows)
    report = run(db, tmp_path / "a.html", tmp_path / "b.html", tmp_path / "c.html")
    assert report.ingested == [str(tmp_path / "a.html"), str(tmp_path / "c.html")]
    assert report.skipped == [(str(tmp_path / "b.html"), "error", "RuntimeError: simulated bug")]
    assert {r["source"] for r in read(db, "SELECT DISTINCT source FROM facts")} == set(report.ingested)


def test_a_document_that_fails_mid_write_leaves_its_previous_version_intact(tmp_path, monkeypatch):
    db, page = tmp_path / "w.duckdb", tmp_path / "pavlodar.txt"
    page.write_text(RU_TEXT, encoding="utf-8")
    run(db, page)
    before = snapshot(db)

    real_append = Warehouse._append

    def failing_append(self, table, records):
        if table == "fact_rows":
            raise OSError("disk full (simulated)")
        return real_append(self, table, records)

    monkeypatch.setattr(Warehouse, "_append", failing_append)
    page.write_text(RU_TEXT_CHANGED, encoding="utf-8")
    report = run(db, page)
    assert report.skipped == [(str(page), "error", "OSError: disk full (simulated)")]
    monkeypatch.undo()
    assert snapshot(db) == before  # the old document, sentences, mentions and facts, nothing half-written


def test_warehouse_contents_are_intact_after_a_batch_of_bad_inputs(tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copy(CORPUS / SEED1, tmp_path / "seed1.html")
    run(db, tmp_path / "seed1.html", CORPUS / SEED4)
    before = snapshot(db)
    assert before["facts"]
    shutil.copy(CORPUS / SEED1, tmp_path / "seed1-copy.html")
    bad = write_bad_inputs(tmp_path / "bad") + [tmp_path / "seed1-copy.html"]
    report = run(db, *bad)
    assert len(report.skipped) == len(bad) and report.facts == 0
    assert snapshot(db) == before


def test_skipped_table_records_each_skip_with_its_run(tmp_path):
    db = tmp_path / "w.duckdb"
    bad = write_bad_inputs(tmp_path / "bad")
    report = run(db, *bad)
    rows = read(db, "SELECT run_id, source, reason, detail, skipped_at FROM skipped ORDER BY skipped_at")
    assert [(r["source"], r["reason"], r["detail"]) for r in rows] == report.skipped
    assert {r["run_id"] for r in rows} == {report.run_id}
    assert all(r["detail"] and r["skipped_at"] is not None for r in rows)
    [run_row] = read(db, "SELECT n_sources, n_ingested, n_skipped, n_facts, finished_at FROM runs")
    assert run_row["n_sources"] == run_row["n_skipped"] == len(bad)
    assert run_row["n_ingested"] == run_row["n_facts"] == 0
    assert run_row["finished_at"] is not None
