"""Fetching over HTTP from a real local server (127.0.0.1, never the internet)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import SEED1, SEED4, SERVED_PAGES, rows_as_dicts
from extract.cli import app
from extract.run.ingest import ingest
from extract.acquire.sources import expand
from warehouse.store import Warehouse


@pytest.fixture(scope="module")
def fetched(local_site, tmp_path_factory):
    """Good pages with a 404 and a refused connection in between, ingested once for this module."""
    db = tmp_path_factory.mktemp("http") / "w.duckdb"
    urls = [local_site.url(SEED1), local_site.missing_url, local_site.url(SEED4), local_site.dead_url,
            local_site.url(SERVED_PAGES[2])]
    with Warehouse(db) as warehouse:
        report = ingest(expand(urls), warehouse, timeout=5, allow_private=True)
    with Warehouse(db, read_only=True) as warehouse:
        documents = rows_as_dicts(warehouse, "SELECT source, url, lang, title FROM documents ORDER BY source")
        facts = rows_as_dicts(warehouse, "SELECT source, item, quantity FROM facts")
        skipped = rows_as_dicts(warehouse, "SELECT source, reason, detail FROM skipped")
    return report, documents, facts, skipped


def test_served_pages_are_ingested_from_their_urls(fetched, local_site):
    report, documents, facts, _ = fetched
    good = [local_site.url(name) for name in SERVED_PAGES]
    assert report.ingested == good
    assert {d["source"] for d in documents} == set(good)
    assert all(d["url"] for d in documents)  # the page's canonical URL, else the fetched one
    assert {d["lang"] for d in documents} == {"en", "ru"}
    assert (local_site.url(SEED1), "ventilator", 148.0) in {(f["source"], f["item"], f["quantity"]) for f in facts}


def test_http_404_is_skipped_as_fetch_and_says_404(fetched, local_site):
    report, _, _, skipped = fetched
    [entry] = [s for s in report.skipped if s[0] == local_site.missing_url]
    assert entry[1] == "fetch"
    assert "404" in entry[2]
    assert {"source": local_site.missing_url, "reason": "fetch", "detail": entry[2]} in skipped


def test_refused_connection_is_skipped_as_fetch(fetched, local_site):
    report, _, _, skipped = fetched
    [entry] = [s for s in report.skipped if s[0] == local_site.dead_url]
    assert entry[1] == "fetch"
    assert "connection refused" in entry[2]
    assert len(skipped) == 2


def test_http_page_gives_the_same_facts_as_the_file(fetched, local_site, query, ingested_corpus):
    _, _, facts, _ = fetched
    over_http = sorted((f["item"], f["quantity"]) for f in facts if f["source"] == local_site.url(SEED4))
    from_file = sorted((f["item"], f["quantity"]) for f in
                       query("SELECT item, quantity FROM facts WHERE source = ?", [ingested_corpus.source(SEED4)]))
    assert over_http and over_http == from_file


def test_loopback_url_is_refused_without_allow_private(local_site, tmp_path):
    url = local_site.url(SEED1)
    with Warehouse(tmp_path / "w.duckdb") as warehouse:
        report = ingest(expand([url]), warehouse, timeout=5)
    assert report.ingested == []
    [(source, reason, message)] = report.skipped
    assert (source, reason) == (url, "fetch")
    assert "private address" in message


def test_cli_urls_file_ingests_each_listed_url(local_site, tmp_path):
    url_list = tmp_path / "urls.txt"
    url_list.write_text(
        "# mirror of two press releases\n"
        f"{local_site.url(SEED1)}\n\n"
        f"{local_site.url(SEED4)}\n"
        f"{local_site.missing_url}\n"
        "not-a-url\n",
        encoding="utf-8",
    )
    db = tmp_path / "cli.duckdb"
    result = CliRunner(env={"COLUMNS": "300"}).invoke(
        app, ["ingest", "--urls", str(url_list), "--allow-private", "--timeout", "5", "--quiet", "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    assert "2 ingested" in result.stdout
    assert "2 skipped" in result.stdout
    assert "404" in result.stderr
    with Warehouse(db, read_only=True) as warehouse:
        sources = [s for (s,) in warehouse.query("SELECT source FROM documents ORDER BY source")[1]]
        skipped = {source: (reason, detail) for source, reason, detail in
                   warehouse.query("SELECT source, reason, detail FROM skipped")[1]}
    assert sources == sorted([local_site.url(SEED1), local_site.url(SEED4)])
    assert set(skipped) == {local_site.missing_url, "not-a-url"}
    assert skipped[local_site.missing_url][0] == "fetch"
    assert skipped["not-a-url"] == ("unsupported_type", "not an http(s) URL")


def test_cli_without_allow_private_skips_loopback_urls_with_a_reason(local_site, tmp_path):
    db = tmp_path / "cli.duckdb"
    result = CliRunner(env={"COLUMNS": "300"}).invoke(app, ["ingest", local_site.url(SEED1), "--quiet", "--db", str(db)])
    assert result.exit_code == 1, result.output  # every source skipped
    assert "0 ingested" in result.stdout and "1 skipped (1 fetch)" in result.stdout
    assert "private address" in result.stderr
