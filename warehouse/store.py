"""The DuckDB warehouse: batches of whole documents per transaction, bulk loads (``incoming``).

The warehouse knows tables and rows, not spaCy: the pipeline hands it plain
records.  A document is written whole or not at all (a batch is one
transaction, one INSERT per table); re-ingesting the same content with the
same rules changes nothing; changed content at the same source replaces that
document's rows.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from . import export, migrations, views
from .errors import WarehouseError
from .incoming import incoming

TABLE_ORDER = ("documents", "sentences", "mentions", "fact_rows")
# Files readable by the DuckDB 1.x tools (CLI, DBeaver, older Python): DuckDB 2 would
# otherwise write its own, newer storage format.  See docs/schema.md.
STORAGE = {"storage_compatibility_version": "v1.0.0"}


@dataclass
class DocumentRows:
    """Everything stored for one document, as column → value dicts."""

    document: dict[str, Any]
    sentences: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class StoredDocument:
    doc_id: str
    source: str
    content_hash: str
    rules_hash: str
    raw_hash: str | None = None  # hash of the bytes as fetched; NULL for documents written before it was kept
    code_hash: str | None = None  # fingerprint of the extraction code; NULL for documents written before it was kept

    def is_current(self, rules: str, code: str) -> bool:
        """Were its facts extracted with these rules and this code (so the same text gives the same facts)?"""
        return self.rules_hash == rules and self.code_hash == code


class Warehouse:
    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise WarehouseError(f"no warehouse at {self.path}: run `medfacts ingest` first")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.read_only = read_only
        self._con: duckdb.DuckDBPyConnection | None = None
        self.con = self._connect(read_only)
        if not read_only:
            try:
                migrations.upgrade(self.con)
            except (duckdb.Error, migrations.NewerSchema) as exc:
                self.con.close()
                raise WarehouseError(f"cannot upgrade warehouse {self.path}: {exc}") from exc
        elif (migrations.stored_version(self.con) or 0) < migrations.latest_version():
            self._upgrade_then_reopen()
        views.install(self.con, read_only=read_only)
        self._columns = {table: self._table_columns(table) for table in TABLE_ORDER + ("skipped",)}

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        try:
            return duckdb.connect(str(self.path), read_only=read_only, config=STORAGE)
        except duckdb.Error as exc:
            if "storage_compatibility_version" not in str(exc):
                raise WarehouseError(f"cannot open warehouse {self.path}: {exc}") from exc
        try:  # a DuckDB older than 1.2 writes the 1.0 format anyway
            return duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise WarehouseError(f"cannot open warehouse {self.path}: {exc}") from exc

    def _upgrade_then_reopen(self) -> None:
        """A reader of a warehouse written by an older medfacts upgrades it first, if it can write to it."""
        self.con.close()
        try:
            with Warehouse(self.path):
                pass
        except WarehouseError:
            pass  # read-only file or another writer: read it as it is
        self.con = self._connect(read_only=True)

    def schema_version(self) -> int:
        return migrations.stored_version(self.con) or 0

    def __enter__(self) -> "Warehouse":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The connection, opened again on first use after ``release``."""
        if self._con is None:
            self._con = self._connect(self.read_only)
        return self._con

    @con.setter
    def con(self, connection: duckdb.DuckDBPyConnection) -> None:
        self._con = connection

    def release(self) -> None:
        """Close the connection, and with it DuckDB's file lock, until the next use.

        Ingest calls this between batches, so `query`, `summary` or a notebook can open the
        warehouse while pages download; the next write opens it again.
        """
        if self._con is not None and not self.read_only:
            self._con.close()
            self._con = None

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def _table_columns(self, table: str) -> list[str]:
        rows = self.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [table],
        ).fetchall()
        return [name for (name,) in rows]

    # -- runs ------------------------------------------------------------------
    def start_run(self, version: str, rules_hash: str) -> str:
        run_id = uuid.uuid4().hex[:12]
        self.con.execute(
            "INSERT INTO runs (run_id, started_at, version, rules_hash) VALUES (?, ?, ?, ?)",
            [run_id, dt.datetime.now(), version, rules_hash],
        )
        return run_id

    def finish_run(self, run_id: str, interrupted: bool = False, **counts: int) -> None:
        """Counts of a run that ended, or that was stopped (Ctrl-C) after writing what it had processed."""
        self.con.execute(
            "UPDATE runs SET finished_at = ?, n_sources = ?, n_ingested = ?, n_unchanged = ?, n_skipped = ?, n_facts = ?, "
            "interrupted = ? WHERE run_id = ?",
            [dt.datetime.now(), counts.get("sources", 0), counts.get("ingested", 0), counts.get("unchanged", 0),
             counts.get("skipped", 0), counts.get("facts", 0), interrupted, run_id],
        )

    def write_lookups(self, regions: list[tuple], items: list[tuple]) -> None:
        """Replace the regions (id, name_en, name_ru) and items (id, category, name_en, name_ru) lookup tables."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("DELETE FROM regions")
            self.con.execute("DELETE FROM items")
            if regions:
                self.con.executemany("INSERT INTO regions VALUES (?, ?, ?)", regions)
            if items:
                self.con.executemany("INSERT INTO items VALUES (?, ?, ?, ?)", items)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def record_skip(self, run_id: str, source: str, reason: str, detail: str | None = None) -> None:
        self.con.execute(
            "INSERT INTO skipped VALUES (?, ?, ?, ?, ?)", [run_id, source, reason, detail, dt.datetime.now()]
        )

    # -- documents -------------------------------------------------------------
    def stored(self, source: str) -> StoredDocument | None:
        row = self.con.execute(
            "SELECT doc_id, source, content_hash, rules_hash, raw_hash, code_hash FROM documents WHERE source = ?", [source]
        ).fetchone()
        return StoredDocument(*row) if row else None

    def stored_documents(self) -> dict[str, StoredDocument]:
        """Every stored document by source: what a run needs to decide unchanged / duplicate / replace, read once."""
        rows = self.con.execute("SELECT doc_id, source, content_hash, rules_hash, raw_hash, code_hash FROM documents").fetchall()
        return {row[1]: StoredDocument(*row) for row in rows}

    def source_with_content(self, content_hash: str) -> str | None:
        row = self.con.execute("SELECT source FROM documents WHERE content_hash = ?", [content_hash]).fetchone()
        return row[0] if row else None

    def write_document(self, rows: DocumentRows) -> None:
        """Replace whatever ``rows.document['source']`` held, in one transaction."""
        old = self.con.execute("SELECT doc_id FROM documents WHERE source = ?", [rows.document["source"]]).fetchall()
        self.write_batch([rows], replaced_doc_ids=[d for (d,) in old] + [rows.document["doc_id"]])

    def write_batch(
        self,
        batch: list[DocumentRows],
        replaced_doc_ids: list[str] = (),
        skips: list[dict[str, Any]] = (),
        raw_hashes: dict[str, str] | None = None,
    ) -> None:
        """Many whole documents in one transaction: one INSERT per table, DELETEs only for ``replaced_doc_ids``.

        ``skips`` are rows of ``skipped`` (run_id, source, reason, detail, skipped_at); ``raw_hashes``
        (source → hash) records new raw hashes of documents whose clean text did not change.
        """
        self.con.execute("BEGIN TRANSACTION")
        try:
            if replaced_doc_ids:
                for table in reversed(TABLE_ORDER):
                    self.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [list(replaced_doc_ids)])
            tables = {
                "documents": [rows.document for rows in batch],
                "sentences": [row for rows in batch for row in rows.sentences],
                "mentions": [row for rows in batch for row in rows.mentions],
                "fact_rows": [row for rows in batch for row in rows.facts],
                "skipped": list(skips),
            }
            for table, records in tables.items():
                if records:
                    self._append(table, records)
            if raw_hashes:
                self.con.execute(
                    "UPDATE documents SET raw_hash = u.raw_hash FROM (SELECT unnest(?) AS source, unnest(?) AS raw_hash) u "
                    "WHERE documents.source = u.source",
                    [list(raw_hashes), list(raw_hashes.values())],
                )
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _append(self, table: str, records: list[dict[str, Any]]) -> None:
        if not records:
            return
        columns = self._columns[table]
        with incoming(self.con, columns, [[record.get(name) for name in columns] for record in records]) as parts:
            for relation, parameters in parts:
                self.con.execute(f"INSERT INTO {table} SELECT * FROM {relation}", parameters)

    # -- reading -------------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple]]:
        try:
            cursor = self.con.execute(sql, params or [])
        except duckdb.Error as exc:
            raise WarehouseError(str(exc).strip()) from exc
        if cursor.description is None:
            return [], []
        columns = [d[0] for d in cursor.description]
        return columns, cursor.fetchall()

    def result(self, sql: str, params: list[Any] | None = None) -> export.Result:
        """The rows of ``sql`` as a ``Result`` (Arrow; prints as a table, CSV, JSON lines)."""
        if not sql or not sql.strip():
            raise WarehouseError("empty query: give some SQL, e.g. SELECT * FROM facts LIMIT 5")
        try:
            return export.Result.of(self.con, sql, params)
        except duckdb.Error as exc:
            raise WarehouseError(str(exc).strip()) from exc

    def export(self, out: str | Path, format: str | None = None, where: str | None = None) -> int:
        """Write the facts view (rows matching ``where``, if given) to ``out`` (``-`` = stdout).

        The format follows the extension (.csv, .parquet, .jsonl); ``format`` must agree with it.
        Returns the number of facts written.
        """
        try:
            fmt = export.export_format(out, format)
            return export.copy_to(self.con, export.facts_sql(where), out, fmt)
        except export.ExportError as exc:
            raise WarehouseError(str(exc)) from exc

    def fact(self, fact_id: str) -> dict[str, Any] | None:
        columns, rows = self.query(
            "SELECT f.*, r.status_rule, r.region_rule, r.official_rule, r.date_rule, r.sentence_index, "
            "d.title, d.url, d.sitename FROM facts f JOIN fact_rows r USING (fact_id) JOIN documents d ON d.doc_id = f.doc_id "
            "WHERE f.fact_id = ? OR f.fact_id LIKE ? ORDER BY f.fact_id LIMIT 2",
            [fact_id, fact_id + "%"],
        )
        if len(rows) != 1:
            return None if not rows else {"ambiguous": True}
        return dict(zip(columns, rows[0]))

    def set_window(self, days: int) -> None:
        """Days within which facts of two sources count as the same period (corroborations, conflicts)."""
        views.set_window(self.con, days)

    def figure_counts(self) -> dict[str, int]:
        """facts, distinct figures, corroborated facts, corroborations, conflicts."""
        return views.figure_counts(self.con)

    def sentences_around(self, doc_id: str, index: int, width: int = 1) -> list[tuple[int, int, str]]:
        """(sentence_index, start_char, text) of a sentence and its neighbours."""
        _, rows = self.query(
            "SELECT sentence_index, start_char, text FROM sentences WHERE doc_id = ? AND sentence_index BETWEEN ? AND ? "
            "ORDER BY sentence_index",
            [doc_id, index - width, index + width],
        )
        return rows

    def document_text(self, doc_id: str) -> str | None:
        row = self.con.execute("SELECT text FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
        return row[0] if row else None
