"""--feed and --sitemap: a local RSS feed, an Atom feed and a sitemap index on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from conftest import CORPUS, SEED1, SEED4
from extract.acquire.download import Downloader
from extract.acquire.feeds import listed_sources
from extract.acquire.fetch import FetchSettings
from extract.cli import app
from warehouse.store import Warehouse

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Health news</title><link>{base}/</link>
<item><title>Old</title><link>{base}/old.html</link><pubDate>Sat, 01 Jun 2024 09:00:00 GMT</pubDate></item>
<item><title>Regions</title><link>{base}/seed1.html?utm_source=rss</link><pubDate>Fri, 10 Jan 2025 09:00:00 GMT</pubDate></item>
<item><title>Zhetysu</title><link>/seed4.html</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title><link rel="self" href="{base}/atom.xml"/>
<entry><title>Regions</title><link rel="alternate" href="{base}/seed1.html"/><updated>2025-02-01T10:00:00Z</updated></entry>
</feed>"""

INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap-news.xml</loc></sitemap></sitemapindex>"""

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/seed4.html</loc><lastmod>2025-03-05</lastmod></url>
<url><loc>{base}/seed1.html</loc><lastmod>2025-03-01T08:00:00+05:00</lastmod></url>
<url><loc>{base}/old.html</loc><lastmod>2023-01-01</lastmod></url>
</urlset>"""


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture(scope="module")
def news_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("news")
    shutil.copy(CORPUS / SEED1, root / "seed1.html")
    shutil.copy(CORPUS / SEED4, root / "seed4.html")
    shutil.copy(CORPUS / SEED4, root / "old.html")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    for name, template in [("feed.xml", RSS), ("atom.xml", ATOM), ("sitemap.xml", INDEX), ("sitemap-news.xml", SITEMAP)]:
        (root / name).write_text(template.format(base=base), encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


SETTINGS = FetchSettings(timeout=5, allow_private=True, delay=0.0)


def listed(feeds=(), sitemaps=(), **kwargs):
    return [s.locator for s in listed_sources(Downloader(SETTINGS), list(feeds), list(sitemaps), **kwargs)]


def test_rss_entries_newest_first_made_absolute_and_clean(news_site):
    assert listed([news_site + "/feed.xml"]) == [
        news_site + "/seed1.html", news_site + "/old.html", news_site + "/seed4.html"]


def test_since_drops_older_entries_and_keeps_undated_ones(news_site):
    assert listed([news_site + "/feed.xml"], since=dt.date(2025, 1, 1)) == [news_site + "/seed1.html", news_site + "/seed4.html"]


def test_max_takes_the_newest(news_site):
    assert listed([news_site + "/feed.xml"], limit=1) == [news_site + "/seed1.html"]


def test_atom_alternate_links(news_site):
    assert listed([news_site + "/atom.xml"]) == [news_site + "/seed1.html"]


def test_sitemap_index_is_followed_and_lastmod_orders(news_site):
    assert listed(sitemaps=[news_site + "/sitemap.xml"], since=dt.date(2024, 1, 1)) == [
        news_site + "/seed4.html", news_site + "/seed1.html"]


def test_a_feed_that_is_not_there_is_a_skipped_source(news_site):
    [source] = listed_sources(Downloader(SETTINGS), [news_site + "/no-feed.xml"], [])
    assert source.kind == "invalid" and source.reason == "fetch"
    assert source.problem.startswith("HTTP 404")


def test_a_page_that_is_not_a_feed_is_said_so(news_site):
    [source] = listed_sources(Downloader(SETTINGS), [news_site + "/seed1.html"], [])
    assert (source.reason, source.problem) == ("unsupported_type", "not an RSS or Atom feed (reading the list of pages)")


def test_cli_ingests_what_a_feed_lists(news_site, tmp_path):
    db = tmp_path / "w.duckdb"
    result = CliRunner(env={"COLUMNS": "300"}).invoke(app, [
        "ingest", "--feed", news_site + "/feed.xml", "--since", "2025-01-01", "--allow-private", "--quiet", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2 ingested" in result.stdout
    with Warehouse(db, read_only=True) as warehouse:
        sources = sorted(s for (s,) in warehouse.query("SELECT source FROM documents")[1])
    assert sources == [news_site + "/seed1.html", news_site + "/seed4.html"]
