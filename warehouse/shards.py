"""Parquet shards of the warehouse's own tables, written by ``medfacts extract``, merged by ``load``.

A shard is the output of one input (a WARC file, a chunk of files or URLs): one
Parquet file per table under ``OUT/<table>/<shard>.parquet`` and, written last,
``OUT/_shards/<shard>.json`` saying it is complete.  Every file is written under a
temporary name and then renamed (on object stores a PUT is atomic by itself), and
the name comes from the input, so a retried task replaces its shard instead of
adding a second one.  The column types come from ``schema.sql`` itself, so every
shard reads back with the warehouse's types and ``read_parquet`` over a table's
folder just works.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .store import DocumentRows, Warehouse

SHARD_TABLES = ("documents", "sentences", "mentions", "fact_rows", "skipped")
MARKERS = "_shards"


@dataclass
class ShardInfo:
    """The marker of a complete shard: what went in, what came out, how long it took."""

    name: str
    inputs: list[str]
    run_id: str
    rows: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    skip_reasons: dict[str, int] = field(default_factory=dict)
    domains: list[str] = field(default_factory=list)  # the host filter the shard was extracted with, if any
    seconds_extract: float = 0.0
    seconds_write: float = 0.0
    seconds_cpu: float = 0.0  # CPU time of the task's process: what the task costs on a core of its own


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of a warehouse table, as schema.sql defines it."""
    return _schemas()[table]


@lru_cache(maxsize=1)
def _schemas() -> dict[str, pa.Schema]:
    """Read off one in-memory warehouse built from schema.sql, once per process."""
    with Warehouse(":memory:") as warehouse:
        schemas = {}
        for table in SHARD_TABLES:
            relation = warehouse.con.sql(f"SELECT * FROM {table} LIMIT 0")
            arrow = relation.to_arrow_table() if hasattr(relation, "to_arrow_table") else relation.fetch_arrow_table()
            schemas[table] = arrow.schema
        return schemas


def _filesystem(out: str):
    import fsspec

    fs, root = fsspec.core.url_to_fs(out)
    return fs, root.rstrip("/")


class ShardWriter:
    """Streams one shard's tables to Parquet, a row group every ``batch`` documents, so that a WARC of
    fifty thousand pages never sits in memory; nothing appears under the final names before ``close``."""

    def __init__(self, out: str, name: str, batch: int = 200):
        self.fs, self.root = _filesystem(out)
        self.out, self.name, self.batch = out, name, batch
        self.local = _is_local(self.fs)
        self.pending: dict[str, list[dict[str, Any]]] = {table: [] for table in SHARD_TABLES}
        self.rows = dict.fromkeys(SHARD_TABLES, 0)
        self.files: dict[str, tuple[str, str, Any, pq.ParquetWriter]] = {}
        for table in SHARD_TABLES:
            final = f"{self.root}/{table}/{name}.parquet"
            # Local disks: a temporary name, renamed at the end.  Object stores: the object exists
            # only once its upload completes, so the final name is safe from the start.
            path = f"{final}.{uuid.uuid4().hex[:8]}.tmp" if self.local else final
            self.fs.makedirs(f"{self.root}/{table}", exist_ok=True)
            stream = self.fs.open(path, "wb")
            self.files[table] = (final, path, stream, pq.ParquetWriter(stream, arrow_schema(table)))

    def add(self, rows: DocumentRows) -> None:
        self.pending["documents"].append(rows.document)
        self.pending["sentences"].extend(rows.sentences)
        self.pending["mentions"].extend(rows.mentions)
        self.pending["fact_rows"].extend(rows.facts)
        if len(self.pending["documents"]) >= self.batch:
            self.flush()

    def skip(self, record: dict[str, Any]) -> None:
        self.pending["skipped"].append(record)

    def flush(self) -> None:
        for table, records in self.pending.items():
            if records:
                schema = arrow_schema(table)
                arrow = pa.table({name: [record.get(name) for record in records] for name in schema.names}, schema=schema)
                self.files[table][3].write_table(arrow)
                self.rows[table] += len(records)
                records.clear()

    def close(self, info: ShardInfo) -> ShardInfo:
        """Finish every table, move them to their names, then write the marker that says the shard is complete."""
        self.flush()
        for final, path, stream, writer in self.files.values():
            writer.close()
            stream.close()
            if path != final:
                self.fs.mv(path, final)
        info.rows = dict(self.rows)
        marker = json.dumps(asdict(info), ensure_ascii=False, indent=1).encode("utf-8")
        _atomic_write(self.fs, f"{self.root}/{MARKERS}/{info.name}.json", lambda f: f.write(marker))
        return info

    def abort(self) -> None:
        for final, path, stream, writer in self.files.values():
            discard = getattr(stream, "discard", None)  # fsspec object-store files: abort the upload
            if discard and not self.local:
                discard()
            else:
                stream.close()
            if path != final and self.fs.exists(path):
                self.fs.rm(path)


def write_shard(out: str, info: ShardInfo, documents: list[DocumentRows], skipped: list[dict[str, Any]]) -> ShardInfo:
    """Write a whole shard at once (see ``ShardWriter``)."""
    writer = ShardWriter(out, info.name)
    for rows in documents:
        writer.add(rows)
    for record in skipped:
        writer.skip(record)
    return writer.close(info)


def _is_local(fs) -> bool:
    protocols = (fs.protocol,) if isinstance(fs.protocol, str) else fs.protocol
    return bool({"file", "local"} & set(protocols))


def _atomic_write(fs, path: str, write) -> None:
    fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    if not _is_local(fs):
        with fs.open(path, "wb") as stream:  # object stores: the object exists only once the upload completes
            write(stream)
        return
    temporary = f"{path}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        with fs.open(temporary, "wb") as stream:
            write(stream)
        fs.mv(temporary, path)
    finally:
        if fs.exists(temporary):
            fs.rm(temporary)


def remove_leftovers(out: str) -> int:
    """Delete the temporary files of tasks that died while writing (call when no task is running)."""
    fs, root = _filesystem(out)
    if not _is_local(fs):
        return 0  # an interrupted upload never became an object
    leftovers = fs.glob(f"{root}/*/*.tmp")
    for path in leftovers:
        fs.rm(path)
    return len(leftovers)


def complete_shards(out: str) -> list[ShardInfo]:
    """Markers of the complete shards under ``out``, by name."""
    fs, root = _filesystem(out)
    if not fs.exists(f"{root}/{MARKERS}"):
        return []
    infos = []
    for path in sorted(fs.glob(f"{root}/{MARKERS}/*.json")):
        with fs.open(path, "rb") as stream:
            infos.append(ShardInfo(**json.loads(stream.read())))
    return infos


def shard_table(out: str, name: str, table: str, columns: list[str] | None = None) -> list[dict[str, Any]]:
    """The rows of one table of one shard, as column → value dicts."""
    fs, root = _filesystem(out)
    with fs.open(f"{root}/{table}/{name}.parquet", "rb") as stream:
        return pq.read_table(stream, columns=columns, schema=arrow_schema(table)).to_pylist()


def read_shard(out: str, name: str) -> tuple[list[DocumentRows], list[dict[str, Any]]]:
    """A shard back as the warehouse's DocumentRows (in the shard's order) and its skip records."""

    def records(table: str) -> list[dict[str, Any]]:
        return shard_table(out, name, table)

    documents = {record["doc_id"]: DocumentRows(record) for record in records("documents")}
    for table, attribute in (("sentences", "sentences"), ("mentions", "mentions"), ("fact_rows", "facts")):
        for record in records(table):
            getattr(documents[record["doc_id"]], attribute).append(record)
    return list(documents.values()), records("skipped")
