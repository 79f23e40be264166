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
    seconds_extract: float = 0.0
    seconds_write: float = 0.0


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


def write_shard(out: str, info: ShardInfo, documents: list[DocumentRows], skipped: list[dict[str, Any]]) -> ShardInfo:
    """Write one shard's tables, then its marker; each file appears whole or not at all."""
    tables = {
        "documents": [rows.document for rows in documents],
        "sentences": [s for rows in documents for s in rows.sentences],
        "mentions": [m for rows in documents for m in rows.mentions],
        "fact_rows": [f for rows in documents for f in rows.facts],
        "skipped": skipped,
    }
    fs, root = _filesystem(out)
    for table, records in tables.items():
        schema = arrow_schema(table)
        arrow = pa.table({name: [record.get(name) for record in records] for name in schema.names}, schema=schema)
        _atomic_write(fs, f"{root}/{table}/{info.name}.parquet", lambda f: pq.write_table(arrow, f))
        info.rows[table] = len(records)
    marker = json.dumps(asdict(info), ensure_ascii=False, indent=1).encode("utf-8")
    _atomic_write(fs, f"{root}/{MARKERS}/{info.name}.json", lambda f: f.write(marker))
    return info


def _atomic_write(fs, path: str, write) -> None:
    fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    if "file" not in fs.protocol and "local" not in fs.protocol:
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
