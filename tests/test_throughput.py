"""Speed never changes an answer: batched, parallel and interrupted-then-resumed runs store the same facts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import extract.run.process as process_module
from conftest import CORPUS, SEED1, SEED4, tables_of
from extract.acquire.sources import expand
from extract.run.ingest import ingest
from warehouse.store import Warehouse

FACT_COLUMNS = "SELECT * EXCLUDE (source) FROM facts ORDER BY fact_id"
ROW_QUERIES = {
    "facts": FACT_COLUMNS,
    "mentions": "SELECT * FROM mentions ORDER BY doc_id, start_char, end_char, kind, rule",
    "sentences": "SELECT * FROM sentences ORDER BY doc_id, sentence_index",
    "documents": "SELECT doc_id, source, lang, text, content_hash, rules_hash, raw_hash, code_hash FROM documents ORDER BY doc_id",
}


def stored_rows(db: Path) -> dict[str, list[dict]]:
    return tables_of(db, ROW_QUERIES)


def run(db: Path, sources, **kwargs):
    with Warehouse(db) as warehouse:
        return ingest(sources, warehouse, **kwargs)


def test_a_parallel_run_stores_exactly_the_rows_of_a_serial_run(ingested_corpus, corpus_dir, tmp_path):
    report = run(tmp_path / "parallel.duckdb", expand([str(corpus_dir)]), workers=2, chunk_size=3, batch_size=5)
    assert report.ingested == ingested_corpus.report.ingested  # same documents, same order
    assert report.facts == ingested_corpus.report.facts
    parallel, serial = stored_rows(tmp_path / "parallel.duckdb"), stored_rows(ingested_corpus.path)
    assert parallel["facts"] and parallel == serial


def test_an_interrupted_run_keeps_what_it_processed_and_a_rerun_completes_it(ingested_corpus, corpus_dir, tmp_path,
                                                                             monkeypatch):
    import extract.run.workers as workers_module

    real_process_batch, calls = workers_module.process_batch, []

    def ctrl_c_during_the_third_chunk(raws):
        calls.append(len(raws))
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_process_batch(raws)

    db = tmp_path / "w.duckdb"
    sources = expand([str(corpus_dir)])
    monkeypatch.setattr(workers_module, "process_batch", ctrl_c_during_the_third_chunk)
    report = run(db, sources, chunk_size=4, batch_size=3)
    monkeypatch.undo()
    assert report.interrupted
    assert report.ingested == [s.locator for s in sources[:8]]  # two chunks processed, the third interrupted
    with Warehouse(db, read_only=True) as warehouse:
        assert warehouse.query("SELECT interrupted, n_ingested FROM runs")[1] == [(True, 8)]
        assert warehouse.query("SELECT count(*) FROM documents")[1] == [(8,)]
    rerun = run(db, sources)
    assert not rerun.interrupted and len(rerun.unchanged) == 8 and len(rerun.ingested) == len(sources) - 8
    assert stored_rows(db)["facts"] == stored_rows(ingested_corpus.path)["facts"]


def test_unchanged_bytes_are_not_extracted_again(tmp_path, monkeypatch):
    db, page = tmp_path / "w.duckdb", tmp_path / "seed1.html"
    shutil.copy(CORPUS / SEED1, page)
    run(db, expand([str(page)]))

    def no_extraction(*args, **kwargs):
        raise AssertionError("extracted again")

    monkeypatch.setattr(process_module, "to_document", no_extraction)
    report = run(db, expand([str(page)]))
    assert report.unchanged == [str(page)] and not report.skipped


def test_same_text_from_other_bytes_is_unchanged_and_its_new_bytes_are_remembered(tmp_path, monkeypatch):
    db, page = tmp_path / "w.duckdb", tmp_path / "seed4.html"
    shutil.copy(CORPUS / SEED4, page)
    run(db, expand([str(page)]))
    before = stored_rows(db)
    page.write_bytes(page.read_bytes() + b"\n<!-- served by another cache node -->\n")
    report = run(db, expand([str(page)]))
    assert report.unchanged == [str(page)]
    after = stored_rows(db)
    assert after["facts"] == before["facts"]
    assert after["documents"][0]["raw_hash"] != before["documents"][0]["raw_hash"]
    monkeypatch.setattr(process_module, "to_document", lambda *a, **k: pytest.fail("extracted again"))
    assert run(db, expand([str(page)])).unchanged == [str(page)]


def test_new_extraction_code_extracts_an_unchanged_page_again(tmp_path, monkeypatch):
    """Same bytes and rules, upgraded code: the facts must come from the new code, not stay as the old one wrote them."""
    import extract.facts.records as records_module
    import extract.run.acquire as acquire_module
    import extract.run.writer as writer_module

    db, page = tmp_path / "w.duckdb", tmp_path / "seed1.html"
    shutil.copy(CORPUS / SEED1, page)
    run(db, expand([str(page)]))
    before = stored_rows(db)["documents"][0]
    assert before["code_hash"] and run(db, expand([str(page)])).unchanged == [str(page)]
    for module in (records_module, acquire_module, writer_module):
        monkeypatch.setattr(module, "code_fingerprint", lambda: "upgraded-code")
    report = run(db, expand([str(page)]))
    assert report.updated == [str(page)] and not report.unchanged
    after = stored_rows(db)["documents"][0]
    assert after["code_hash"] == "upgraded-code" and after["doc_id"] == before["doc_id"]
    assert run(db, expand([str(page)])).unchanged == [str(page)]


def test_a_batch_of_new_documents_is_written_in_one_transaction(tmp_path, monkeypatch):
    transactions = []
    real_write_batch = Warehouse.write_batch

    def counting_write_batch(self, batch, *args, **kwargs):
        transactions.append(len(batch))
        return real_write_batch(self, batch, *args, **kwargs)

    monkeypatch.setattr(Warehouse, "write_batch", counting_write_batch)
    report = run(tmp_path / "w.duckdb", expand([str(CORPUS / SEED1), str(CORPUS / SEED4), str(tmp_path / "missing.html")]))
    assert len(report.ingested) == 2 and len(report.skipped) == 1
    assert transactions == [2]  # both documents and the skip in one transaction


def test_ctrl_c_in_the_cli_is_a_short_message_and_an_interrupted_run(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import extract.run.acquire as acquire_module
    from extract.cli import app

    real_fetch_all = acquire_module.fetch_all

    def fetch_then_ctrl_c(sources, *args, **kwargs):
        for source, fetched in real_fetch_all(sources, *args, **kwargs):
            if source.locator.endswith(SEED4):
                raise KeyboardInterrupt
            yield source, fetched

    monkeypatch.setattr(acquire_module, "fetch_all", fetch_then_ctrl_c)
    db = tmp_path / "w.duckdb"
    result = CliRunner(env={"COLUMNS": "300"}).invoke(app, ["ingest", str(CORPUS / SEED1), str(CORPUS / SEED4), "--db", str(db), "--quiet",
                                      "--workers", "2"])
    assert result.exit_code == 130, result.output
    assert "interrupted" in result.output and "run the same command again" in result.output
    assert "Traceback" not in result.output
    with Warehouse(db, read_only=True) as warehouse:
        assert warehouse.query("SELECT interrupted FROM runs")[1] == [(True,)]


def test_a_long_page_in_one_script_with_its_common_words_skips_langdetect(monkeypatch):
    import langdetect

    from extract.acquire.language import detect
    from extract.acquire.text import to_document
    from extract.acquire.fetch import Fetched
    from extract.acquire.sources import Source

    def pages(name):
        return to_document(Fetched(Source(str(CORPUS / name), "html"), (CORPUS / name).read_bytes(), "html")).text

    monkeypatch.setattr(langdetect, "detect_langs", lambda text: pytest.fail("langdetect asked"))
    assert (detect(pages(SEED1)), detect(pages(SEED4))) == ("en", "ru")
    monkeypatch.undo()
    # A short or mixed text is not settled cheaply: the detector still decides.
    asked = []
    real = langdetect.detect_langs
    monkeypatch.setattr(langdetect, "detect_langs", lambda text: asked.append(text) or real(text))
    assert detect("В Жамбылской области 148 аппаратов ИВЛ.") == "ru" and asked
