"""``medfacts load``: merge the Parquet shards of ``extract`` into a warehouse, by ingest's rules.

Same ids, same decisions: a document whose text and rules are already stored is
unchanged; the same text under another source is a duplicate; a newer version of
a source (later capture date, else later extraction) replaces the stored one and
an older one leaves it alone.  Documents are written through the warehouse's own
write path, so loading twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from warehouse.shards import complete_shards, read_shard, shard_table
from warehouse.store import DocumentRows, Warehouse

from .. import __version__
from ..facts.records import rules_hash
from .ingest import IngestReport

Progress = Callable[[str, int, int], None]  # (shard name, documents in it, facts in it)


@dataclass
class LoadReport(IngestReport):
    shards: int = 0
    superseded: list[str] = field(default_factory=list)  # an older version than one stored or in the shards


def _version(document: dict) -> dt.datetime:
    """When this version of a source was captured (WARC-Date), else when it was extracted."""
    return document.get("warc_date") or document["ingested_at"]


def _newest(out: str) -> dict[str, tuple[dt.datetime, str, str]]:
    """For each source in the shards, (version, shard, doc_id) of its newest version (ties: later shard)."""
    newest: dict[str, tuple[dt.datetime, str, str]] = {}
    for info in complete_shards(out):
        columns = shard_table(out, info.name, "documents", ["source", "doc_id", "ingested_at", "warc_date"])
        for document in columns:
            candidate = (_version(document), info.name, document["doc_id"])
            if document["source"] not in newest or candidate[:2] >= newest[document["source"]][:2]:
                newest[document["source"]] = candidate
    return newest


def load(out: str, warehouse: Warehouse, progress: Progress | None = None) -> LoadReport:
    report = LoadReport(run_id=warehouse.start_run(__version__, rules_hash()))
    newest = _newest(out)
    loaded: dict[str, str] = {}  # content_hash → source, for duplicates inside this load

    def decide(rows: DocumentRows) -> str:
        document = rows.document
        source = document["source"]
        if newest[source][1:] != (shard_name, document["doc_id"]):
            return "superseded"
        stored = warehouse.stored(source)
        if stored is not None:
            if stored.content_hash == document["content_hash"] and stored.rules_hash == document["rules_hash"]:
                return "unchanged"
            (stored_version,), = warehouse.query(
                "SELECT coalesce(warc_date, ingested_at) FROM documents WHERE source = ?", [source])[1]
            if stored_version > _version(document):
                return "superseded"
        duplicate_of = loaded.get(document["content_hash"]) or warehouse.source_with_content(document["content_hash"])
        if duplicate_of is not None and duplicate_of != source:
            report.skipped.append((source, "duplicate", f"same text as {duplicate_of}"))
            warehouse.record_skip(report.run_id, source, "duplicate", f"same text as {duplicate_of}")
            return "duplicate"
        loaded[document["content_hash"]] = source
        document["run_id"] = report.run_id
        warehouse.write_document(rows)
        report.facts += len(rows.facts)
        report.languages[document["lang"]] += 1
        return "updated" if stored is not None else "ingested"

    shards = complete_shards(out)
    # As ingest takes each source once: a source with a document has no skip, and a source skipped in
    # several shards (the same 404 in every crawl) is recorded once, as its last shard says.
    skips = {}
    for info in shards:
        for record in shard_table(out, info.name, "skipped"):
            if record["source"] not in newest:
                skips.pop(record["source"], None)
                skips[record["source"]] = record
    for record in skips.values():
        report.skipped.append((record["source"], record["reason"], record["detail"]))
        warehouse.record_skip(report.run_id, record["source"], record["reason"], record["detail"])
    for info in shards:
        shard_name = info.name
        documents, _ = read_shard(out, info.name)
        for rows in documents:
            outcome = decide(rows)
            if outcome != "duplicate":
                getattr(report, outcome).append(rows.document["source"])
        report.shards += 1
        if progress:
            progress(info.name, len(documents), sum(len(rows.facts) for rows in documents))
    warehouse.finish_run(
        report.run_id,
        sources=report.sources + len(report.superseded),
        ingested=len(report.ingested) + len(report.updated),
        unchanged=len(report.unchanged),
        skipped=len(report.skipped),
        facts=report.facts,
    )
    return report
