"""Memory of what was given: one identity per source, near-duplicates, the sources state, conditional GET."""

from __future__ import annotations

import hashlib
import shutil
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

import extract.run.ingest as ingest_module
import extract.run.process as process_module
from conftest import CORPUS, SEED1, SEED4, rows_as_dicts
from extract.acquire.fetch import FetchSettings
from extract.acquire.sources import expand
from extract.cli import app
from extract.run.ingest import ingest
from warehouse.store import Warehouse

PAGE = (CORPUS / SEED1).read_bytes()


def run(db, arguments, **kwargs):
    with Warehouse(db) as warehouse:
        return ingest(expand([str(a) for a in arguments]), warehouse, **kwargs)


def read(db, sql, params=None):
    with Warehouse(db, read_only=True) as warehouse:
        return rows_as_dicts(warehouse, sql, params)


# -- a path given two ways ---------------------------------------------------------------


def test_a_path_given_two_ways_is_one_source_and_keeps_its_first_spelling(tmp_path, monkeypatch):
    (tmp_path / "dir").mkdir()
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(CORPUS / SEED4, tmp_path / "dir" / "x.html")
    db = tmp_path / "w.duckdb"
    monkeypatch.chdir(tmp_path)
    first = run(db, ["dir/x.html", "./dir/x.html"])
    assert first.ingested == ["dir/x.html"] and first.sources == 1
    monkeypatch.chdir(tmp_path / "elsewhere")
    again = run(db, ["../dir/x.html"])
    assert again.unchanged == ["dir/x.html"] and again.skipped == []
    assert [d["source"] for d in read(db, "SELECT source FROM documents")] == ["dir/x.html"]
    [state] = read(db, "SELECT source, source_key, outcome FROM sources")
    assert state == {"source": "dir/x.html", "source_key": str(tmp_path / "dir" / "x.html"), "outcome": "unchanged"}


def test_an_unchanged_file_is_not_even_read_by_trafilatura(tmp_path, monkeypatch):
    db, page = tmp_path / "w.duckdb", tmp_path / "x.html"
    shutil.copy(CORPUS / SEED4, page)
    run(db, [page])

    def must_not_run(raw):
        raise AssertionError("unchanged bytes went through text extraction")

    monkeypatch.setattr(process_module, "to_text", must_not_run)
    assert run(db, [page]).unchanged == [str(page)]


# -- near-duplicates -----------------------------------------------------------------------


def test_a_republished_story_with_two_words_changed_is_kept_and_not_counted_twice(tmp_path):
    original, copy = tmp_path / "agency.html", tmp_path / "reprint.html"
    html = (CORPUS / SEED1).read_text(encoding="utf-8")
    original.write_text(html, encoding="utf-8")
    head, body = html.split("<body", 1)
    changed = head + "<body" + body.replace(" the ", " a ", 2)  # two words of the story itself
    copy.write_text(changed, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    report = run(db, [original, copy])
    assert report.ingested == [str(original), str(copy)]
    docs = {d["source"]: d for d in read(db, "SELECT source, doc_id, near_duplicate_of FROM documents")}
    assert docs[str(original)]["near_duplicate_of"] is None
    assert docs[str(copy)]["near_duplicate_of"] == docs[str(original)]["doc_id"]
    per_source = Counter(f["source"] for f in read(db, "SELECT source FROM facts"))
    assert per_source[str(copy)] == per_source[str(original)] > 0  # both kept
    result = CliRunner(env={"COLUMNS": "300"}).invoke(app, ["summary", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "1 documents repeat another" in result.stdout
    ventilators = read(db, "SELECT count(*) AS n FROM facts WHERE item = 'ventilator' AND " + __import__("extract.cli", fromlist=["ORIGINALS"]).ORIGINALS)
    assert ventilators[0]["n"] == Counter(f["item"] for f in read(db, "SELECT item FROM facts WHERE source = ?", [str(original)]))["ventilator"]


def test_different_stories_are_not_near_duplicates(ingested_corpus, query):
    assert query("SELECT count(*) AS n FROM documents WHERE near_duplicate_of IS NOT NULL") == [{"n": 0}]
    assert query("SELECT count(*) AS n FROM documents WHERE simhash IS NULL") == [{"n": 0}]


# -- the sources state and its command --------------------------------------------------------


def test_sources_shows_the_last_outcome_of_every_source_ever_given(tmp_path):
    db, page, missing = tmp_path / "w.duckdb", tmp_path / "x.html", tmp_path / "gone.html"
    shutil.copy(CORPUS / SEED4, page)
    run(db, [page, missing])
    run(db, [page])
    states = {s["source"]: s for s in read(db, "SELECT source, outcome, reason, detail, first_seen, last_seen FROM sources")}
    assert states[str(page)]["outcome"] == "unchanged"
    assert (states[str(missing)]["outcome"], states[str(missing)]["reason"]) == ("skipped", "not_found")
    assert states[str(page)]["last_seen"] > states[str(page)]["first_seen"]
    runner = CliRunner(env={"COLUMNS": "300"})
    result = runner.invoke(app, ["sources", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "gone.html" in result.stdout and "unchanged" in result.stdout and "2 of 2 sources" in result.stdout
    skipped_only = runner.invoke(app, ["sources", "--outcome", "skipped", "--db", str(db)])
    assert "gone.html" in skipped_only.stdout and "x.html" not in skipped_only.stdout.replace("gone.html", "")


# -- conditional GET -------------------------------------------------------------------------


class ValidatingHandler(BaseHTTPRequestHandler):
    """Serves one page with an ETag and answers 304 when the client already has it."""

    def do_GET(self):  # noqa: N802
        if self.path == "/robots.txt":
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        etag = '"' + hashlib.sha256(self.server.body).hexdigest()[:16] + '"'
        with self.server.lock:
            self.server.conditional.append(self.headers.get("If-None-Match"))
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", "Tue, 01 Dec 2026 10:00:00 GMT")
        self.send_header("Content-Length", str(len(self.server.body)))
        self.end_headers()
        self.wfile.write(self.server.body)

    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture
def validating_site():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), ValidatingHandler)
    httpd.daemon_threads = True
    httpd.lock, httpd.conditional, httpd.body = threading.Lock(), [], PAGE
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd, f"http://127.0.0.1:{httpd.server_address[1]}/news/1.html"
    httpd.shutdown()
    httpd.server_close()


SETTINGS = FetchSettings(timeout=5, allow_private=True, delay=0.0)


def test_a_reingest_sends_a_conditional_get_and_a_304_is_unchanged(validating_site, tmp_path):
    server, url = validating_site
    db = tmp_path / "w.duckdb"
    assert run(db, [url], fetch_settings=SETTINGS).ingested == [url]
    assert run(db, [url], fetch_settings=SETTINGS).unchanged == [url]
    assert server.conditional[0] is None and server.conditional[1] is not None  # If-None-Match sent, 304 answered
    [state] = read(db, "SELECT http_status, etag, last_modified, outcome FROM sources")
    assert state["http_status"] == 304 and state["etag"].startswith('"') and state["outcome"] == "unchanged"
    [page] = read(db, "SELECT url, octet_length(body_gzip) AS packed, raw_hash FROM raw_pages")
    assert page["url"] == url and 0 < page["packed"] < len(PAGE) / 2
    assert page["raw_hash"] == hashlib.sha256(PAGE).hexdigest()


def test_after_a_rules_change_a_304_is_re_extracted_from_the_kept_page(validating_site, tmp_path, monkeypatch):
    server, url = validating_site
    db = tmp_path / "w.duckdb"
    run(db, [url], fetch_settings=SETTINGS)
    facts_before = read(db, "SELECT item, quantity FROM facts ORDER BY ALL")
    monkeypatch.setattr(ingest_module, "rules_hash", lambda: "rules-of-tomorrow")
    report = run(db, [url], fetch_settings=SETTINGS)
    assert report.updated == [url] and report.skipped == []
    assert server.conditional[-1] is not None  # answered 304: no second download
    assert read(db, "SELECT item, quantity FROM facts ORDER BY ALL") == facts_before


def test_a_changed_page_is_downloaded_again(validating_site, tmp_path):
    server, url = validating_site
    db = tmp_path / "w.duckdb"
    run(db, [url], fetch_settings=SETTINGS)
    server.body = PAGE.replace(b"148", b"150")
    assert run(db, [url], fetch_settings=SETTINGS).updated == [url]
    assert 150.0 in {f["quantity"] for f in read(db, "SELECT quantity FROM facts")}
