"""Shared fixtures: the bundled corpus, one warehouse ingested from it per session, a local web site.

Everything here is real: the spaCy pipelines, DuckDB, an HTTP server on 127.0.0.1.
Nothing touches the internet and nothing reads ../shared (CI runs on a clean clone).
"""

from __future__ import annotations

import functools
import shutil
import socket
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from extract.run.ingest import IngestReport, ingest
from extract.acquire.sources import expand
from warehouse.store import Warehouse

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SEED1 = "seed1_qazaqtv-regions-shortage.html"  # en, regions briefing, no date meta, "© 2025" footer
SEED4 = "seed4_el-zhetysu-medobjects.html"  # ru, Zhetysu medical objects
RUB04 = "ruB04_inform-zhambyl-doctor-shortage.html"  # ru, published 2025-09-13
SERVED_PAGES = (SEED1, SEED4, "enA14_almaty-city-308-ventilators.html")


@pytest.fixture(scope="session", autouse=True)
def pipeline_cache_in_tmp(tmp_path_factory):
    """Built pipelines are cached under $XDG_CACHE_HOME: the tests' go to a temporary folder, never the real home."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        patch.delenv("MEDFACTS_NO_CACHE", raising=False)
        yield


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    assert sorted(CORPUS.glob("*.html")), f"no corpus pages under {CORPUS}"
    return CORPUS


@dataclass
class IngestedCorpus:
    path: Path
    report: IngestReport

    def source(self, filename: str) -> str:
        """The locator the session ingest stored for a corpus file."""
        return str(CORPUS / filename)


@pytest.fixture(scope="session")
def ingested_corpus(tmp_path_factory, corpus_dir) -> IngestedCorpus:
    """corpus/ ingested once per session; the write connection is closed before tests read it."""
    path = tmp_path_factory.mktemp("warehouse") / "corpus.duckdb"
    with Warehouse(path) as warehouse:
        report = ingest(expand([str(corpus_dir)]), warehouse)
    return IngestedCorpus(path, report)


@pytest.fixture(scope="session")
def corpus_db(ingested_corpus) -> Path:
    return ingested_corpus.path


@pytest.fixture(scope="session")
def corpus_warehouse(ingested_corpus):
    """A read-only connection to the session warehouse (other read-only connections may coexist)."""
    warehouse = Warehouse(ingested_corpus.path, read_only=True)
    yield warehouse
    warehouse.close()


def rows_as_dicts(warehouse: Warehouse, sql: str, params: list | None = None) -> list[dict]:
    columns, rows = warehouse.query(sql, params)
    return [dict(zip(columns, row)) for row in rows]


def tables_of(db: Path, queries: dict[str, str]) -> dict[str, list[dict]]:
    """Each named query's rows as dicts, from the warehouse at ``db`` opened read-only."""
    with Warehouse(db, read_only=True) as warehouse:
        return {name: rows_as_dicts(warehouse, sql) for name, sql in queries.items()}


@pytest.fixture(scope="session")
def query(corpus_warehouse):
    """``query(sql, params)`` → list of dicts over the session warehouse."""
    return functools.partial(rows_as_dicts, corpus_warehouse)


# -- a local web site -----------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by http.server
        pass


@dataclass
class LocalSite:
    root: Path
    base: str
    dead_url: str  # a port on 127.0.0.1 that refuses connections

    def url(self, name: str) -> str:
        return f"{self.base}/{name}"

    @property
    def missing_url(self) -> str:
        return f"{self.base}/no-such-page.html"


@pytest.fixture(scope="session")
def local_site(tmp_path_factory, corpus_dir):
    """A threaded HTTP server on 127.0.0.1 (port 0) serving copies of a few corpus pages."""
    root = tmp_path_factory.mktemp("site")
    for name in SERVED_PAGES:
        shutil.copy(corpus_dir / name, root / name)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, name="local-site", daemon=True)
    thread.start()
    # Hold a bound but non-listening socket: connections to its port are refused, and no one else can take it.
    closed = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    closed.bind(("127.0.0.1", 0))
    dead_url = f"http://127.0.0.1:{closed.getsockname()[1]}/gone.html"
    try:
        yield LocalSite(root, f"http://127.0.0.1:{server.server_address[1]}", dead_url)
    finally:
        closed.close()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# -- a web archive of the corpus --------------------------------------------------------

WARC_BASE = "https://corpus.medfacts.test/"


def write_warc(path: Path, pages: list[tuple[str, bytes]], *, status: str = "200 OK", extras: bool = True,
               captured: str | None = None) -> Path:
    """A gzipped WARC with one HTML ``response`` record per (uri, body), written with warcio.

    ``extras`` adds what real crawls hold besides pages: a warcinfo record, a request, an image and a 404.
    ``captured`` (e.g. "2025-01-31T12:00:00Z") is every record's WARC-Date instead of now.
    """
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def response(writer, uri: str, body: bytes, content_type: str, http_status: str):
        headers = StatusAndHeaders(http_status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        dated = {"WARC-Date": captured} if captured else None
        return writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict=dated)

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=str(path).endswith(".gz"))
        if extras:
            writer.write_record(writer.create_warcinfo_record(path.name, {"software": "medfacts tests"}))
        for uri, body in pages:
            if extras:
                request = StatusAndHeaders(f"GET /{uri.rsplit('/', 1)[-1]} HTTP/1.1", [("Host", "corpus.medfacts.test")], is_http_request=True)
                writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=request))
            writer.write_record(response(writer, uri, body, "text/html; charset=utf-8", status))
        if extras:
            writer.write_record(response(writer, WARC_BASE + "logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png", "200 OK"))
            writer.write_record(response(writer, WARC_BASE + "gone.html", b"<html><body>Not found</body></html>", "text/html", "404 Not Found"))
    return path


def corpus_pages(corpus_dir: Path) -> list[tuple[str, bytes]]:
    return [(WARC_BASE + page.name, page.read_bytes()) for page in sorted(corpus_dir.glob("*.html"))]


@pytest.fixture(scope="session")
def corpus_warc(tmp_path_factory, corpus_dir) -> Path:
    """Every corpus page as a response record of one .warc.gz, among the records crawls also hold."""
    return write_warc(tmp_path_factory.mktemp("warc") / "corpus.warc.gz", corpus_pages(corpus_dir))
