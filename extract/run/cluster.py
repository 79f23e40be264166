"""``medfacts extract``: the per-document extraction of ``ingest``, as Dask tasks writing Parquet shards.

One task per partition (a WARC file, a chunk of files, a chunk of URLs).  A task
reads its inputs and runs ingest's own process step (``run.process.process_batch``) and writes one shard
named after them (``warehouse.shards``), so a task retried after a worker died
replaces its shard rather than adding rows.  Nothing here touches a warehouse:
``medfacts load`` merges the shards later with ingest's rules.
"""

from __future__ import annotations

import hashlib
import re
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from warehouse.shards import ShardInfo, ShardWriter, complete_shards, remove_leftovers
from warehouse.store import DocumentRows

from ..acquire.fetch import FetchSettings, Fetched, Skip, fetch_all
from ..acquire.sources import Source
from .ingest import processed
from .process import RawDocument, Skipped

DEFAULT_CHUNK = 64  # files or URLs per task: big enough to amortise a task, small enough to spread


@dataclass(frozen=True)
class Partition:
    """What one task reads: a whole WARC file, or a chunk of other sources."""

    name: str
    sources: tuple[Source, ...]

    @property
    def inputs(self) -> list[str]:
        return [source.locator for source in self.sources]


def plan(sources: list[Source], chunk_size: int = DEFAULT_CHUNK) -> list[Partition]:
    """One partition per WARC file; other sources in chunks, kept in input order, files apart from URLs."""
    partitions = [Partition(_shard_name("warc", [s.locator]), (s,)) for s in sources if s.kind == "warc"]
    for group in ("file", "url"):
        members = [s for s in sources if s.kind != "warc" and (s.kind == "url") == (group == "url")]
        for start in range(0, len(members), chunk_size):
            chunk = tuple(members[start : start + chunk_size])
            partitions.append(Partition(_shard_name(group, [s.locator for s in chunk]), chunk))
    return partitions


def _shard_name(kind: str, locators: list[str]) -> str:
    """Readable and unique: the first input's name, how many, and a hash of all of them."""
    stem = re.sub(r"\.warc(\.gz)?$", "", locators[0].rstrip("/").rsplit("/", 1)[-1], flags=re.I)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem)[:60].strip("-.") or kind
    digest = hashlib.sha1("\n".join(locators).encode("utf-8")).hexdigest()[:10]
    return f"{kind}-{stem}-{len(locators)}-{digest}" if kind != "warc" else f"warc-{stem}-{digest}"


# -- the task: acquire on the worker, then ingest's own process step -------------------------


def _acquired(partition: Partition, settings: FetchSettings, domains: tuple[str, ...] = ()) -> Iterator[tuple[str, RawDocument | Skipped]]:
    """(locator, raw document or skip) for each document of a partition; a WARC file is read once, in order."""
    from ..acquire.warc import on_hosts, pages

    others = [s for s in partition.sources if s.kind != "warc" and (not domains or s.kind != "url" or on_hosts(s.locator, domains))]
    for source, fetched in fetch_all(others, settings):
        yield source.locator, _raw(source.locator, fetched)
    for source in partition.sources:
        if source.kind != "warc":
            continue
        found = False
        try:
            for page in pages(source.locator, domains=domains):
                found = True
                try:
                    fetched: Fetched | Skip = page.fetched(settings.max_bytes)
                except Skip as exc:
                    fetched = exc
                yield page.uri, _raw(page.uri, fetched)
        except Exception as exc:  # warcio raises many kinds on a truncated or non-WARC file
            yield source.locator, Skipped("broken_warc", f"cannot read WARC: {exc}")
            continue
        if not found:
            on = f" on {', '.join(domains)}" if domains else ""
            yield source.locator, Skipped("empty", f"no HTML response records{on} in this WARC")


def _raw(locator: str, fetched: Fetched | Skip) -> RawDocument | Skipped:
    if isinstance(fetched, Skip):
        return Skipped(fetched.reason, fetched.message)
    return RawDocument(locator, fetched.kind, fetched.data, fetched.url, provenance=fetched.provenance)


def extract_partition(partition: Partition, out: str, run_id: str, settings: FetchSettings = FetchSettings(),
                      batch_size: int = 32, domains: tuple[str, ...] = ()) -> ShardInfo:
    """The Dask task: every document of a partition through ingest's ``process_batch``, streamed into one shard."""
    import datetime as dt

    started, cpu_started = time.perf_counter(), time.process_time()
    shard = ShardWriter(out, partition.name)
    seen: dict[str, str] = {}  # doc_id → source: the same text twice in one partition is stored once
    languages: Counter = Counter()
    reasons: Counter = Counter()
    writing = 0.0

    def skip(locator: str, reason: str, message: str) -> None:
        reasons[reason] += 1
        shard.skip({"run_id": run_id, "source": locator, "reason": reason, "detail": message, "skipped_at": dt.datetime.now()})

    try:
        for locator, outcome in processed(_acquired(partition, settings, domains), batch_size):
            if not isinstance(outcome, DocumentRows):  # no warehouse here, so never Unchanged
                skip(locator, outcome.reason, outcome.message)
                continue
            doc_id = outcome.document["doc_id"]
            if doc_id in seen:
                if seen[doc_id] != locator:
                    skip(locator, "duplicate", f"same text as {seen[doc_id]}")
                continue  # the same page captured twice with the same text: one document
            seen[doc_id] = locator
            outcome.document["run_id"] = run_id
            languages[outcome.document["lang"]] += 1
            before = time.perf_counter()
            shard.add(outcome)
            writing += time.perf_counter() - before
        before = time.perf_counter()
        info = ShardInfo(partition.name, partition.inputs, run_id, languages=dict(languages),
                         skip_reasons=dict(reasons), domains=list(domains),
                         seconds_extract=round(before - started - writing, 3))
        shard.close(info)
    except BaseException:
        shard.abort()
        raise
    info.seconds_write = round(writing + time.perf_counter() - before, 3)
    info.seconds_cpu = round(time.process_time() - cpu_started, 3)
    return info


# -- the client side --------------------------------------------------------------------


@dataclass
class ExtractReport:
    run_id: str
    partitions: int = 0
    shards: list[ShardInfo] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (partition, error) after Dask's retries
    reused: int = 0  # complete shards of an earlier run, kept (--resume)
    reused_documents: int = 0
    dashboard: str | None = None
    seconds: float = 0.0

    def total(self, table: str) -> int:
        return sum(info.rows.get(table, 0) for info in self.shards)

    @property
    def documents(self) -> int:
        return self.total("documents")

    @property
    def facts(self) -> int:
        return self.total("fact_rows")

    @property
    def skipped(self) -> int:
        return self.total("skipped")

    @property
    def skip_reasons(self) -> Counter:
        return sum((Counter(info.skip_reasons) for info in self.shards), Counter())


@contextmanager
def dask_client(scheduler: str | None = None, local_cluster: int | None = None, dashboard: bool = True):
    """A client of the scheduler at ``scheduler``, or of a LocalCluster of ``local_cluster`` worker processes."""
    import logging

    from distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    address = ":8787" if dashboard and _has_bokeh() else ":0"  # ":0": the scheduler's HTTP endpoint on any free port
    with LocalCluster(n_workers=local_cluster or 2, threads_per_worker=1, processes=True,
                      dashboard_address=address, silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def _has_bokeh() -> bool:
    import importlib.util

    return importlib.util.find_spec("bokeh") is not None


def dashboard_link(client) -> str | None:
    """The dashboard's address; a LocalCluster serves one only where bokeh is installed."""
    services = client.scheduler_info().get("services", {})
    local = client.cluster is not None
    return client.dashboard_link if "dashboard" in services and (_has_bokeh() or not local) else None


Progress = Callable[[ShardInfo | None, str], None]  # (finished shard or None, partition name)


def extract(
    sources: list[Source],
    out: str,
    client,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    settings: FetchSettings = FetchSettings(),
    domains: tuple[str, ...] = (),
    progress: Progress | None = None,
    retries: int = 2,
    resume: bool = False,
) -> ExtractReport:
    """Run ``extract_partition`` over every partition on ``client``'s cluster, shards to ``out``.

    ``domains`` keeps only pages (WARC records, URLs) on those hosts, e.g. ("kz",).
    ``resume`` keeps the complete shards of an earlier run over the same inputs and filter.
    """
    from distributed import as_completed

    started = time.perf_counter()
    report = ExtractReport(run_id=uuid.uuid4().hex[:12], dashboard=dashboard_link(client))
    partitions = plan(sources, chunk_size)
    report.partitions = len(partitions)
    if resume:
        done = {info.name: info for info in complete_shards(out)}
        kept = [done[p.name] for p in partitions if p.name in done
                and (done[p.name].inputs, done[p.name].domains) == (p.inputs, list(domains))]
        partitions = [p for p in partitions if p.name not in {info.name for info in kept}]
        report.shards.extend(kept)
        report.reused = len(kept)
        report.reused_documents = sum(info.rows.get("documents", 0) for info in kept)
        for info in kept:
            if progress:
                progress(info, info.name)
    futures = client.map(
        extract_partition, partitions, out=out, run_id=report.run_id, settings=settings, domains=tuple(domains),
        key=[f"medfacts-extract-{report.run_id}-{p.name}" for p in partitions], retries=retries,
    )
    names = {future.key: partition.name for future, partition in zip(futures, partitions)}
    for future in as_completed(futures):
        try:
            info = future.result()
        except Exception as exc:  # a partition that failed on every retry (or killed workers too often)
            report.failed.append((names[future.key], f"{type(exc).__name__}: {exc}"))
            info = None
        else:
            report.shards.append(info)
        if progress:
            progress(info, names[future.key])
        future.release()
    remove_leftovers(out)  # files of tasks killed mid-write; their retries wrote the shards whole
    report.shards.sort(key=lambda info: info.name)
    report.seconds = round(time.perf_counter() - started, 3)
    return report

