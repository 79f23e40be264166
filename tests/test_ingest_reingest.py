"""Re-ingesting is a no-op, the same text gets the same fact ids, changed text at a source replaces its facts."""

from __future__ import annotations

import shutil

from ingest_support import RU_TEXT, RU_TEXT_CHANGED, read, run, snapshot

from warehouse.store import Warehouse


def test_reingesting_the_corpus_is_a_no_op(ingested_corpus, corpus_dir, tmp_path):
    db = tmp_path / "copy.duckdb"
    shutil.copy(ingested_corpus.path, db)
    before = snapshot(db)
    report = run(db, corpus_dir)
    assert sorted(report.unchanged) == sorted(ingested_corpus.report.ingested)
    assert report.ingested == report.updated == report.skipped == []
    assert report.facts == 0
    assert snapshot(db) == before
    runs = read(db, "SELECT n_sources, n_ingested, n_unchanged, n_skipped FROM runs ORDER BY started_at")
    assert len(runs) == 2
    assert runs[-1] == {"n_sources": 21, "n_ingested": 0, "n_unchanged": 21, "n_skipped": 0}


def test_same_text_gives_same_fact_ids_in_a_fresh_warehouse(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(RU_TEXT, encoding="utf-8")
    run(tmp_path / "a.duckdb", page)
    run(tmp_path / "b.duckdb", page)
    ids_a = read(tmp_path / "a.duckdb", "SELECT fact_id FROM facts ORDER BY fact_id")
    ids_b = read(tmp_path / "b.duckdb", "SELECT fact_id FROM facts ORDER BY fact_id")
    assert ids_a and ids_a == ids_b


def test_changed_content_at_the_same_source_replaces_its_facts(tmp_path):
    db, page = tmp_path / "w.duckdb", tmp_path / "pavlodar.txt"
    page.write_text(RU_TEXT, encoding="utf-8")
    first = run(db, page)
    assert first.ingested == [str(page)]
    old = read(db, "SELECT doc_id, quantity, item FROM facts ORDER BY start_char")
    assert [(f["item"], f["quantity"]) for f in old] == [("doctor", 120.0), ("nurse", 50.0)]

    page.write_text(RU_TEXT_CHANGED, encoding="utf-8")
    second = run(db, page)
    assert second.updated == [str(page)] and second.ingested == []
    new = read(db, "SELECT doc_id, quantity, item FROM facts ORDER BY start_char")
    assert [(f["item"], f["quantity"]) for f in new] == [("doctor", 95.0), ("feldsher_post", 7.0)]
    assert read(db, "SELECT count(*) AS n FROM documents") == [{"n": 1}]
    old_doc = old[0]["doc_id"]
    assert old_doc != new[0]["doc_id"]
    for table in ("sentences", "mentions", "fact_rows"):
        assert read(db, f"SELECT count(*) AS n FROM {table} WHERE doc_id = ?", [old_doc]) == [{"n": 0}], table


def test_a_released_warehouse_can_be_read_by_another_process_and_reopens_on_use(tmp_path):
    """Ingest releases the file lock between batches, so `query` works while pages download."""
    import subprocess
    import sys

    db = tmp_path / "w.duckdb"
    warehouse = Warehouse(db)
    warehouse.release()
    reader = subprocess.run(
        [sys.executable, "-c", f"import duckdb; print(duckdb.connect({str(db)!r}, read_only=True).execute('SELECT count(*) FROM documents').fetchone()[0])"],
        capture_output=True, text=True, timeout=60,
    )
    assert reader.returncode == 0, reader.stderr
    assert reader.stdout.strip() == "0"
    assert warehouse.query("SELECT count(*) FROM documents")[1] == [(0,)]  # the connection came back
    warehouse.close()
