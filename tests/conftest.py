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
