"""The per-document step is pure and picklable: bytes in, rows or a reason out, no warehouse."""

from __future__ import annotations

import pickle

from conftest import CORPUS, SEED1, SEED4
from extract.run.process import RawDocument, Skipped, Unchanged, process, process_batch
from warehouse.store import DocumentRows


def raw_page(name: str, **kwargs) -> RawDocument:
    return RawDocument(str(CORPUS / name), "html", (CORPUS / name).read_bytes(), **kwargs)


def test_a_page_becomes_rows_that_survive_pickling():
    outcome = process(raw_page(SEED1))
    assert isinstance(outcome, DocumentRows)
    again = pickle.loads(pickle.dumps(outcome))
    assert again.document["source"] == str(CORPUS / SEED1) and again.document["lang"] == "en"
    assert [f["fact_id"] for f in again.facts] == [f["fact_id"] for f in outcome.facts]
    assert any(f["item"] == "ventilator" and f["quantity"] == 148 for f in again.facts)


def test_a_batch_keeps_input_order_across_languages_and_failures():
    raws = [raw_page(SEED4), RawDocument("empty.txt", "text", b""), raw_page(SEED1)]
    outcomes = process_batch(raws)
    assert [type(o).__name__ for o in outcomes] == ["DocumentRows", "Skipped", "DocumentRows"]
    assert [o.document["lang"] for o in (outcomes[0], outcomes[2])] == ["ru", "en"]
    assert pickle.loads(pickle.dumps(outcomes[1])) == Skipped("empty", "file is empty")


def test_same_text_as_stored_is_unchanged_before_the_pipeline_runs():
    first = process(raw_page(SEED1))
    outcome = process(raw_page(SEED1, known_content_hash=first.document["content_hash"]))
    assert outcome == Unchanged(first.document["content_hash"], first.document["raw_hash"])


def test_already_extracted_text_skips_trafilatura_and_keeps_the_date_hint():
    import datetime as dt

    raw = RawDocument("feed:1", "text", text="В Жамбылской области имеется 148 аппаратов ИВЛ, сообщили в управлении.",
                      title="ИВЛ", published=dt.date(2020, 7, 1))
    outcome = process(raw)
    assert isinstance(outcome, DocumentRows)
    assert outcome.document["published"] == dt.date(2020, 7, 1)
    assert [(f["item"], f["quantity"], f["region"]) for f in outcome.facts] == [("ventilator", 148.0, "zhambyl")]
