"""WARC input: every HTML response record of a web archive is a document, traceable to its record."""

from __future__ import annotations


from typer.testing import CliRunner

from conftest import WARC_BASE, corpus_pages, rows_as_dicts, write_warc
from extract.acquire.sources import expand
from extract.acquire.warc import page_at
from extract.cli import app
from extract.run.ingest import ingest
from warehouse.store import Warehouse

FACT_VALUES = "SELECT * EXCLUDE (source) FROM facts ORDER BY fact_id"


def test_each_html_response_record_is_a_document_named_by_its_target_uri(corpus_warc, corpus_dir):
    sources = expand([str(corpus_warc)])
    html_pages = sorted(corpus_dir.glob("*.html"))
    assert [s.locator for s in sources] == [WARC_BASE + p.name for p in html_pages] + [WARC_BASE + "gone.html"]
    assert all(s.kind == "warc" and s.warc_path == str(corpus_warc) for s in sources)


def test_warc_ingest_gives_the_facts_of_the_same_pages_as_files(tmp_path, corpus_warc, corpus_warehouse):
    with Warehouse(tmp_path / "warc.duckdb") as warehouse:
        report = ingest(expand([str(corpus_warc)]), warehouse)
        facts = rows_as_dicts(warehouse, FACT_VALUES)
        documents = rows_as_dicts(warehouse, "SELECT source, warc_path, warc_offset, warc_date FROM documents")
    assert facts == rows_as_dicts(corpus_warehouse, FACT_VALUES)
    assert report.skipped == [(WARC_BASE + "gone.html", "fetch", f"HTTP 404 in WARC record at {corpus_warc}@{report.skipped[0][2].rsplit('@', 1)[1]}")]
    for document in documents:  # provenance leads back to the very record
        assert document["warc_path"] == str(corpus_warc) and document["warc_date"] is not None
        assert page_at(str(corpus_warc), document["warc_offset"]).uri == document["source"]


def test_plain_warc_and_a_later_capture_of_the_same_uri(tmp_path, corpus_dir):
    first, second = sorted(corpus_dir.glob("en*.html"))[:2]
    warc = write_warc(tmp_path / "two-captures.warc", [(WARC_BASE + "page", first.read_bytes()), (WARC_BASE + "page", second.read_bytes())], extras=False)
    sources = expand([str(warc)])
    assert len(sources) == 1 and sources[0].warc_offset > 0  # the later record is the newer version
    with Warehouse(tmp_path / "w.duckdb") as warehouse:
        ingest(sources, warehouse)
        (offset,), = warehouse.query("SELECT warc_offset FROM documents")[1]
    assert offset == sources[0].warc_offset


def test_a_broken_or_empty_warc_is_a_skip_with_a_reason(tmp_path):
    (tmp_path / "notes.warc").write_text("hello\nthis is no archive\n")
    write_warc(tmp_path / "no-pages.warc.gz", [], extras=False)
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "notes.warc"), str(tmp_path / "no-pages.warc.gz"),
                                      "--db", str(tmp_path / "w.duckdb"), "--quiet"])
    assert result.exit_code == 1, result.output  # every source was skipped
    assert "2 skipped (1 broken_warc, 1 empty)" in result.output


def test_cli_ingest_reads_warc(tmp_path, corpus_dir):
    warc = write_warc(tmp_path / "few.warc.gz", corpus_pages(corpus_dir)[:3])
    result = CliRunner().invoke(app, ["ingest", str(warc), "--db", str(tmp_path / "w.duckdb"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "3 ingested, 0 updated, 0 unchanged, 1 skipped (1 fetch)" in result.output  # the 404; the image is no page


def test_domains_keep_only_pages_on_those_hosts(tmp_path, corpus_dir):
    from extract.acquire.warc import pages

    body = sorted(corpus_dir.glob("en*.html"))[0].read_bytes()
    warc = write_warc(tmp_path / "mixed.warc.gz", [("https://www.inform.kz/en/a", body), ("https://ria.ru/b", body),
                                                   ("https://kz.example.com/c", body)], extras=False)
    assert [p.uri for p in pages(str(warc), domains=("kz",))] == ["https://www.inform.kz/en/a"]
    assert [p.uri for p in pages(str(warc), domains=("ru", "example.com"))] == ["https://ria.ru/b", "https://kz.example.com/c"]
