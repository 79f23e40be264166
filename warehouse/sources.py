"""The state of every source ever given (``sources``) and the pages as downloaded (``raw_pages``).

Read once at the start of a run (so "unchanged" is decided without a query per
source) and written in one statement per batch; the keys are computed upstream
(``extract.acquire.identity``), the warehouse only stores them.
"""

from __future__ import annotations

import datetime as dt
import gzip
from dataclasses import asdict, dataclass, fields

from .incoming import incoming
from .store import Warehouse


@dataclass(frozen=True)
class SourceState:
    source_key: str
    source: str
    kind: str
    outcome: str  # ingested | updated | unchanged | skipped
    reason: str | None = None
    detail: str | None = None
    fetched_url: str | None = None
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    raw_hash: str | None = None


@dataclass(frozen=True)
class RawPage:
    source_key: str
    url: str | None
    content_type: str | None
    etag: str | None
    last_modified: str | None
    raw_hash: str
    body: bytes


STATE_COLUMNS = [f.name for f in fields(SourceState)]


def source_states(warehouse: Warehouse) -> list[SourceState]:
    rows = warehouse.con.execute(f"SELECT {', '.join(STATE_COLUMNS)} FROM sources").fetchall()
    return [SourceState(*row) for row in rows]


def raw_page_keys(warehouse: Warehouse) -> set[str]:
    return {key for (key,) in warehouse.con.execute("SELECT source_key FROM raw_pages").fetchall()}


def record_states(warehouse: Warehouse, run_id: str, states: list[SourceState]) -> None:
    """Upsert: a source keeps its first spelling and first_seen; everything else is its latest."""
    if not states:
        return
    now = dt.datetime.now()
    latest = {state.source_key: state for state in states}  # one row per key and statement
    columns = STATE_COLUMNS + ["first_seen", "last_seen", "last_changed", "run_id"]
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in ("source_key", "source", "first_seen", "last_changed"))
    rows = [list(asdict(s).values()) + [now, now, now if s.outcome in ("ingested", "updated") else None, run_id]
            for s in latest.values()]
    # A statement per VALUES list or one for the whole run (executemany costs a statement per source).
    with incoming(warehouse.con, columns, rows) as parts:
        for relation, parameters in parts:
            warehouse.con.execute(
                f"INSERT INTO sources ({', '.join(columns)}) SELECT {', '.join(columns)} FROM {relation} "
                f"ON CONFLICT (source_key) DO UPDATE SET {updates}, "
                "last_changed = coalesce(excluded.last_changed, sources.last_changed)",
                parameters,
            )


def save_raw_pages(warehouse: Warehouse, pages: list[RawPage]) -> None:
    if not pages:
        return
    now = dt.datetime.now()
    latest = {page.source_key: page for page in pages}
    warehouse.con.executemany(
        "INSERT OR REPLACE INTO raw_pages VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [[p.source_key, p.url, p.content_type, p.etag, p.last_modified, p.raw_hash, now, gzip.compress(p.body, 6)]
         for p in latest.values()],
    )


def raw_page(warehouse: Warehouse, source_key: str) -> bytes | None:
    row = warehouse.con.execute("SELECT body_gzip FROM raw_pages WHERE source_key = ?", [source_key]).fetchone()
    return gzip.decompress(row[0]) if row else None


def near_duplicate_candidates(warehouse: Warehouse) -> dict[str, str]:
    """doc_id → simhash of the documents that are originals (not themselves near-duplicates)."""
    rows = warehouse.con.execute(
        "SELECT doc_id, simhash FROM documents WHERE simhash IS NOT NULL AND near_duplicate_of IS NULL"
    ).fetchall()
    return dict(rows)
