"""Scale-out: the extraction of ingest as Dask tasks on a real LocalCluster (2 worker processes),
Parquet shards, and load into a real DuckDB warehouse.  Extract + load must equal ingest."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import cloudpickle
import duckdb
import pytest
from distributed.comm.core import CommClosedError
from distributed.diagnostics.plugin import WorkerPlugin
from typer.testing import CliRunner

from conftest import WARC_BASE, corpus_pages, tables_of, write_warc
from extract.acquire.sources import expand
from extract.cli import app
from extract.run.cluster import dask_client, extract
from extract.run.ingest import ingest
from extract.run.load import load
from warehouse.shards import SHARD_TABLES
from warehouse.store import Warehouse

# What ingest and extract + load must agree on: the facts view whole, and the tables under it
# (documents without the run that wrote them and the time it did).
SAME = {
    "facts": "SELECT * FROM facts ORDER BY fact_id",
    "documents": "SELECT * EXCLUDE (run_id, ingested_at) FROM documents ORDER BY doc_id",
    "sentences": "SELECT * FROM sentences ORDER BY doc_id, sentence_index",
    "mentions": "SELECT * FROM mentions ORDER BY ALL",
    "skipped": "SELECT source, reason, detail FROM skipped ORDER BY ALL",
}


def contents(db: Path) -> dict[str, list[dict]]:
    return tables_of(db, SAME)


@pytest.fixture(scope="module")
def client():
    with dask_client(local_cluster=2, dashboard=False) as client:
        yield client


@pytest.fixture(scope="module")
def warcs(tmp_path_factory, corpus_dir) -> list[str]:
    """The corpus pages in three WARCs (so both workers have work), each with a 404 and an image too."""
    folder = tmp_path_factory.mktemp("warcs")
    pages = corpus_pages(corpus_dir)
    return [str(write_warc(folder / f"crawl-{i}.warc.gz", pages[i::3])) for i in range(3)]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, warcs) -> Path:
    db = tmp_path_factory.mktemp("ingest") / "ingest.duckdb"
    with Warehouse(db) as warehouse:
        ingest(expand(warcs), warehouse)
    return db


@pytest.fixture(scope="module")
def shards(tmp_path_factory, client, warcs):
    out = tmp_path_factory.mktemp("shards") / "out"
    report = extract(expand(warcs, split_warc=False), str(out), client)
    assert report.failed == [] and len(report.shards) == 3
    return out, report


def test_extract_and_load_give_exactly_the_facts_of_ingest(tmp_path, shards, ingested):
    out, report = shards
    with Warehouse(tmp_path / "loaded.duckdb") as warehouse:
        loaded = load(str(out), warehouse)
    expected = contents(ingested)
    assert contents(tmp_path / "loaded.duckdb") == expected
    assert len(loaded.ingested) == report.documents == len(expected["documents"]) == 21
    assert loaded.facts == len(expected["facts"]) > 100


def test_loading_again_or_re_extracting_changes_nothing(tmp_path, client, shards, warcs):
    out, _ = shards
    db = tmp_path / "twice.duckdb"
    with Warehouse(db) as warehouse:
        load(str(out), warehouse)
    before = contents(db)
    names = sorted(p.relative_to(out) for p in out.rglob("*"))
    extract(expand(warcs, split_warc=False), str(out), client)  # a rerun (or a retried task) replaces its shards
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == names
    assert not [p for p in out.rglob("*.tmp")]
    with Warehouse(db) as warehouse:
        again = load(str(out), warehouse)
    assert (len(again.ingested), len(again.updated), len(again.unchanged), again.facts) == (0, 0, 21, 0)
    assert contents(db)["facts"] == before["facts"] and contents(db)["documents"] == before["documents"]


def test_a_newer_capture_replaces_the_document_and_an_older_one_does_not(tmp_path, client, corpus_dir):
    first, second = sorted(corpus_dir.glob("en*.html"))[:2]
    uri = WARC_BASE + "changing-page"
    older = write_warc(tmp_path / "older.warc.gz", [(uri, first.read_bytes())], extras=False, captured="2025-01-05T10:00:00Z")
    newer = write_warc(tmp_path / "newer.warc.gz", [(uri, second.read_bytes())], extras=False, captured="2025-02-05T10:00:00Z")
    db = tmp_path / "w.duckdb"
    extract([expand([str(older)], split_warc=False)[0]], str(tmp_path / "old"), client)
    extract([expand([str(newer)], split_warc=False)[0]], str(tmp_path / "new"), client)
    with Warehouse(db) as warehouse:
        assert load(str(tmp_path / "old"), warehouse).ingested == [uri]
        assert load(str(tmp_path / "new"), warehouse).updated == [uri]
        assert load(str(tmp_path / "old"), warehouse).superseded == [uri]
        (warc_path,), = warehouse.query("SELECT warc_path FROM documents")[1]
        _, stale = warehouse.query("SELECT * FROM fact_rows WHERE doc_id NOT IN (SELECT doc_id FROM documents)")
    assert warc_path == str(newer) and stale == []


def test_urls_and_files_in_chunks_give_the_facts_of_ingest(tmp_path, client, local_site, corpus_dir):
    from extract.acquire.fetch import FetchSettings

    sources = [local_site.url(name) for name in sorted(p.name for p in local_site.root.iterdir())]
    sources += [local_site.missing_url, str(corpus_dir / "ruB04_inform-zhambyl-doctor-shortage.html")]
    report = extract(expand(sources), str(tmp_path / "out"), client, chunk_size=2,
                     settings=FetchSettings(timeout=5, allow_private=True))
    assert report.failed == [] and len(report.shards) == 3  # 4 URLs in chunks of 2, 1 file
    with Warehouse(tmp_path / "loaded.duckdb") as warehouse:
        load(str(tmp_path / "out"), warehouse)
    with Warehouse(tmp_path / "ingested.duckdb") as warehouse:
        ingest(expand(sources), warehouse, timeout=5, allow_private=True)
    assert contents(tmp_path / "loaded.duckdb") == contents(tmp_path / "ingested.duckdb")


def test_shards_are_queryable_in_place_with_read_parquet(shards, ingested):
    out, _ = shards
    assert sorted(p.name for p in out.iterdir()) == sorted(("_shards",) + SHARD_TABLES)
    (facts_in_shards,), = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/fact_rows/*.parquet')").fetchall()
    assert facts_in_shards == len(contents(ingested)["facts"])


def test_cli_extract_on_a_scheduler_then_load(tmp_path, client, corpus_dir):
    warc = write_warc(tmp_path / "few.warc.gz", corpus_pages(corpus_dir)[:3])
    runner = CliRunner()
    extracted = runner.invoke(app, ["extract", str(warc), "--out", str(tmp_path / "out"), "--scheduler", client.scheduler.address, "--quiet"])
    assert extracted.exit_code == 0, extracted.output
    assert "1 shards (0 failed): 3 documents, 1 skipped (1 fetch);" in extracted.output
    loaded = runner.invoke(app, ["load", str(tmp_path / "out"), "--db", str(tmp_path / "w.duckdb"), "--quiet"])
    assert loaded.exit_code == 0, loaded.output
    assert "1 shards: 3 ingested, 0 updated, 0 unchanged, 1 skipped (1 fetch);" in loaded.output
    resumed = runner.invoke(app, ["extract", str(warc), "--out", str(tmp_path / "out"), "--scheduler", client.scheduler.address, "--resume", "-q"])
    assert "1 shards (0 failed, 1 kept): 3 documents, 1 skipped (1 fetch);" in resumed.output  # nothing re-extracted
    elsewhere = runner.invoke(app, ["extract", str(warc), "--domain", "kz", "--out", str(tmp_path / "kz"), "--scheduler", client.scheduler.address, "-q"])
    assert "1 shards (0 failed): 0 documents, 1 skipped (1 empty);" in elsewhere.output
    nothing = runner.invoke(app, ["load", str(tmp_path / "nowhere"), "--db", str(tmp_path / "w.duckdb")])
    assert nothing.exit_code == 2 and "no complete shards" in nothing.output


class KillWorkerMidTask(WorkerPlugin):
    """Kills the worker process that first starts an extract task, a moment into that task."""

    name = "kill-worker-mid-task"

    def __init__(self, flag: str, delay: float = 0.5):
        self.flag, self.delay = flag, delay

    def transition(self, key, start, finish, **kwargs):
        if finish != "executing" or "medfacts-extract" not in str(key):
            return
        try:
            os.close(os.open(self.flag, os.O_CREAT | os.O_EXCL | os.O_WRONLY))  # only the first task, on one worker
        except FileExistsError:
            return
        threading.Timer(self.delay, os._exit, args=(1,)).start()


def test_a_worker_killed_mid_extract_costs_a_retry_not_a_document(tmp_path, client, warcs, ingested):
    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this test module
    flag = tmp_path / "killed"
    client.register_plugin(KillWorkerMidTask(str(flag)))
    try:
        report = extract(expand(warcs, split_warc=False), str(tmp_path / "out"), client)
    finally:
        try:
            client.unregister_worker_plugin(KillWorkerMidTask.name)
        except (CommClosedError, OSError):
            pass  # the broadcast can reach the killed worker while it restarts; the flag file already disarmed it
    assert flag.exists(), "no worker was killed"
    assert report.failed == [] and len(report.shards) == 3
    assert not list((tmp_path / "out").rglob("*.tmp"))
    with Warehouse(tmp_path / "w.duckdb") as warehouse:
        load(str(tmp_path / "out"), warehouse)
        _, doubled = warehouse.query("SELECT fact_id FROM fact_rows GROUP BY 1 HAVING count(*) > 1")
    assert doubled == []
    assert contents(tmp_path / "w.duckdb") == contents(ingested)
