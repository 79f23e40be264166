"""``medfacts load``: merge the Parquet shards of ``extract`` into a warehouse, by ingest's rules.

Every document and skip of the shards goes through ingest's own ``Writer``: a text
already stored under the same rules is unchanged, the same text under another
source is a duplicate, a changed text replaces the stored one.  One rule is
added because shards come in no particular order: only the newest version of a
source is taken (later capture date, else later extraction); an older one than
the shards' newest or the stored one is counted as superseded and not written.
Loading the same shards twice therefore changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from warehouse.shards import complete_shards, read_shard, shard_table
from warehouse.store import Warehouse

from .. import __version__
from ..rulebook import lookups, rules_hash
from .ingest import IngestReport, Writer
from .process import Skipped

Progress = Callable[[str, int, int], None]  # (shard name, documents in it, facts in it)


@dataclass
class LoadReport(IngestReport):
    shards: int = 0
    superseded: list[str] = field(default_factory=list)  # older than a version stored or in another shard


def _version(document: dict) -> dt.datetime:
    """When this version of a source was captured (WARC-Date), else when it was extracted."""
    return document.get("warc_date") or document["ingested_at"]


def _newest(out: str, shards) -> dict[str, tuple[dt.datetime, str, str]]:
    """For each source in the shards, (version, shard, doc_id) of its newest version (ties: the later shard)."""
    newest: dict[str, tuple[dt.datetime, str, str]] = {}
    for info in shards:
        for document in shard_table(out, info.name, "documents", ["source", "doc_id", "ingested_at", "warc_date"]):
            candidate = (_version(document), info.name, document["doc_id"])
            if document["source"] not in newest or candidate[:2] >= newest[document["source"]][:2]:
                newest[document["source"]] = candidate
    return newest


def _stored_versions(warehouse: Warehouse) -> dict[str, dt.datetime]:
    """Source → version of every stored document, read once (a query per document cost more than its write).

    A load writes each source at most once (its newest version), so what was stored before it starts is enough.
    """
    _, rows = warehouse.query("SELECT source, coalesce(warc_date, ingested_at) FROM documents")
    return dict(rows)


def load(out: str, warehouse: Warehouse, progress: Progress | None = None) -> LoadReport:
    rules = rules_hash()
    report = LoadReport(run_id=warehouse.start_run(__version__, rules))
    warehouse.write_lookups(*lookups())
    writer = Writer(warehouse, report, rules, None)
    shards = complete_shards(out)
    newest = _newest(out, shards)
    stored_versions = _stored_versions(warehouse)

    # As ingest takes each source once: a source with a document has no skip, and a source skipped in
    # several shards (the same 404 in every crawl) is recorded once, as the last shard says.
    skips: dict[str, dict] = {}
    for info in shards:
        for record in shard_table(out, info.name, "skipped"):
            if record["source"] not in newest:
                skips.pop(record["source"], None)
                skips[record["source"]] = record
    for record in skips.values():
        writer.take(record["source"], Skipped(record["reason"], record["detail"]))

    for info in shards:
        documents, _ = read_shard(out, info.name)
        for rows in documents:
            source = rows.document["source"]
            stored = stored_versions.get(source)
            if newest[source][1:] != (info.name, rows.document["doc_id"]) or (stored is not None and stored > _version(rows.document)):
                report.superseded.append(source)
                continue
            writer.rules = rows.document["rules_hash"]  # "unchanged" means: same text under the rules it was extracted with
            writer.take(source, rows)
        report.shards += 1
        if progress:
            progress(info.name, len(documents), sum(len(rows.facts) for rows in documents))
    writer.flush(release=False)  # the Writer writes in batches: commit the last one (the run row follows)
    warehouse.finish_run(
        report.run_id,
        sources=report.sources + len(report.superseded),
        ingested=len(report.ingested) + len(report.updated),
        unchanged=len(report.unchanged),
        skipped=len(report.skipped),
        facts=report.facts,
    )
    return report
