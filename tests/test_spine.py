"""The spine: corpus/ → warehouse, checked against the contract (CONTRACT.md) and known facts."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest

from conftest import CORPUS, REPO, RUB04, SEED1, SEED4

CONTRACT_COLUMNS = [
    "fact_id", "doc_id", "source", "lang", "item", "category", "quantity", "quantity_text", "status",
    "region", "official", "official_role", "date", "date_text", "published", "sentence", "start_char",
    "end_char", "rule",
]
BOILERPLATE = ("Read also", "Weather", "Exchange rates", "©", "All rights reserved",
               "Читайте также", "Погода", "Курсы валют", "Все права")
CATALOG = json.loads((REPO / "rules" / "catalog.json").read_text(encoding="utf-8"))
ITEM_CATEGORY = {item: category for category, items in CATALOG["items"].items() for item in items}


@pytest.fixture(scope="module")
def all_facts(query):
    facts = query("SELECT * FROM facts ORDER BY source, start_char")
    assert len(facts) > 50, "the bundled corpus should yield dozens of facts"
    return facts


def facts_of(query, ingested_corpus, filename: str) -> list[dict]:
    return query("SELECT * FROM facts WHERE source = ? ORDER BY start_char", [ingested_corpus.source(filename)])


def test_every_corpus_page_is_ingested(ingested_corpus, corpus_dir):
    report = ingested_corpus.report
    assert report.skipped == []
    assert len(report.ingested) == len(list(corpus_dir.glob("*.html"))) == 21
    assert set(report.languages) == {"en", "ru"}


def test_seed1_zhambyl_has_148_ventilators_available(query, ingested_corpus):
    facts = facts_of(query, ingested_corpus, SEED1)
    matching = [f for f in facts if f["item"] == "ventilator" and f["quantity"] == 148]
    assert len(matching) == 1, facts
    fact = matching[0]
    assert fact["quantity_text"] == "148"
    assert fact["status"] == "available"
    assert fact["region"] == "zhambyl"
    assert fact["lang"] == "en"
    assert "148 ventilators" in fact["sentence"]


def test_seed1_1500_hospital_beds_are_planned(query, ingested_corpus):
    facts = facts_of(query, ingested_corpus, SEED1)
    matching = [f for f in facts if f["item"] == "hospital_bed" and f["quantity"] == 1500]
    assert len(matching) == 1, facts
    assert matching[0]["quantity_text"] == "1,500"
    assert matching[0]["status"] == "planned"
    assert matching[0]["category"] == "bed"


def test_seed4_zhetysu_has_39_feldsher_posts(query, ingested_corpus):
    facts = facts_of(query, ingested_corpus, SEED4)
    matching = [f for f in facts if f["item"] == "feldsher_post"]
    assert [f["quantity"] for f in matching] == [39.0]
    assert matching[0]["quantity_text"] == "39"
    assert matching[0]["region"] == "zhetysu"
    assert matching[0]["lang"] == "ru"


def test_seed4_zhetysu_has_1894_doctors(query, ingested_corpus):
    facts = facts_of(query, ingested_corpus, SEED4)
    matching = [f for f in facts if f["item"] == "doctor" and f["quantity"] == 1894]
    assert len(matching) == 1, facts
    assert matching[0]["region"] == "zhetysu"
    assert matching[0]["category"] == "staff"
    assert matching[0]["status"] == "available"


def test_every_fact_offset_points_at_its_quantity_text(query):
    rows = query(
        "SELECT f.fact_id, d.text, f.start_char, f.end_char, f.quantity_text "
        "FROM facts f JOIN documents d USING (doc_id)"
    )
    assert rows
    wrong = [(r["fact_id"], r["text"][r["start_char"]:r["end_char"]], r["quantity_text"])
             for r in rows if r["text"][r["start_char"]:r["end_char"]] != r["quantity_text"]]
    assert wrong == []


def test_every_fact_sentence_is_in_the_document_and_holds_the_quantity(query):
    rows = query(
        "SELECT f.fact_id, d.text, f.sentence, f.start_char, f.end_char, s.start_char AS s_start, s.end_char AS s_end "
        "FROM facts f JOIN documents d USING (doc_id) JOIN fact_rows r USING (fact_id) "
        "JOIN sentences s ON s.doc_id = f.doc_id AND s.sentence_index = r.sentence_index"
    )
    assert rows
    for row in rows:
        assert row["sentence"] in row["text"], row["fact_id"]
        assert row["text"][row["s_start"]:row["s_end"]] == row["sentence"], row["fact_id"]
        assert row["s_start"] <= row["start_char"] < row["end_char"] <= row["s_end"], row["fact_id"]


def test_every_fact_uses_catalog_values(all_facts):
    for fact in all_facts:
        assert fact["item"] in ITEM_CATEGORY, fact
        assert fact["category"] == ITEM_CATEGORY[fact["item"]], fact
        assert fact["status"] in CATALOG["statuses"], fact
        assert fact["region"] is None or fact["region"] in CATALOG["regions"], fact
        assert fact["lang"] in ("en", "ru"), fact


def test_every_fact_has_a_finite_positive_quantity_and_a_rule(all_facts):
    for fact in all_facts:
        assert math.isfinite(fact["quantity"]) and fact["quantity"] > 0, fact
        assert fact["rule"], fact
        assert fact["date"] is None or len(fact["date"]) in (4, 7, 10), fact


def test_fact_ids_are_unique(query):
    [row] = query("SELECT count(*) AS n, count(DISTINCT fact_id) AS distinct_ids FROM facts")
    assert row["n"] == row["distinct_ids"] > 0


def test_facts_view_columns_start_with_the_contract_in_order(corpus_warehouse):
    columns, _ = corpus_warehouse.query("SELECT * FROM facts LIMIT 0")
    assert columns[: len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS  # added columns come after


def test_facts_view_column_types_follow_the_contract(corpus_warehouse):
    _, rows = corpus_warehouse.query(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'facts' ORDER BY ordinal_position"
    )
    types = dict(rows)
    assert types["quantity"] == "DOUBLE"
    assert types["published"] == "DATE"
    assert types["start_char"] == types["end_char"] == "INTEGER"
    for name in ("fact_id", "item", "status", "region", "date", "sentence", "rule"):
        assert types[name] == "VARCHAR", name


@pytest.mark.parametrize("marker", BOILERPLATE)
def test_no_fact_comes_from_page_boilerplate(query, marker):
    assert query("SELECT fact_id, sentence FROM facts WHERE contains(sentence, ?)", [marker]) == []


def test_page_boilerplate_is_in_the_html_but_not_in_the_clean_text(query, corpus_dir):
    # The check above would be vacuous if the pages had no boilerplate: they do.
    html = (corpus_dir / "enA01_kz-ventilators-over-4000.html").read_text(encoding="utf-8")
    assert "Read also" in html and "Exchange rates" in html and "©" in html
    for marker in BOILERPLATE:
        assert query("SELECT source FROM documents WHERE contains(text, ?)", [marker]) == [], marker


def test_footer_copyright_year_is_not_a_publication_date(query, ingested_corpus):
    [doc] = query("SELECT published FROM documents WHERE source = ?", [ingested_corpus.source(SEED1)])
    assert "© 2025" in (CORPUS / SEED1).read_text(encoding="utf-8")
    assert doc["published"] is None


def test_publication_date_comes_from_page_metadata(query, ingested_corpus):
    [doc] = query("SELECT published FROM documents WHERE source = ?", [ingested_corpus.source(RUB04)])
    assert doc["published"] == dt.date(2025, 9, 13)
    facts = facts_of(query, ingested_corpus, RUB04)
    assert facts and {f["published"] for f in facts} == {dt.date(2025, 9, 13)}


def test_publication_dates_and_languages_match_the_corpus_manifest(query, ingested_corpus):
    manifest = [json.loads(line) for line in (CORPUS / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(manifest) == 21
    stored = {row["source"]: row for row in query("SELECT source, published, lang FROM documents")}
    for entry in manifest:
        row = stored[ingested_corpus.source(entry["file"])]
        expected = dt.date.fromisoformat(entry["published"]) if entry["published"] else None
        assert row["published"] == expected, entry["file"]
        assert row["lang"] == entry["lang"], entry["file"]


def test_sources_are_stored_exactly_as_given(query, ingested_corpus):
    sources = {row["source"] for row in query("SELECT source FROM documents")}
    assert sources == {ingested_corpus.source(p.name) for p in CORPUS.glob("*.html")}
