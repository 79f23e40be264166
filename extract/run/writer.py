"""The write step of a run: decide what each outcome means for the warehouse, then write in batches.

Decisions (unchanged / duplicate / new / replaced) use the state read once at the
start of the run and kept up to date as documents are written, in input order,
so a parallel run decides exactly as a serial one.  Documents are written many
per transaction (``Warehouse.write_batch``); if a batch fails, its documents are
written one by one so the error stays with the document that caused it.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from warehouse.store import DocumentRows, StoredDocument, Warehouse

from ..fingerprint import code_fingerprint
from .process import Outcome, Unchanged

Progress = Callable[[str, str], None]  # (source, outcome)


@dataclass
class IngestReport:
    run_id: str = ""
    ingested: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (source, reason, message)
    facts: int = 0
    languages: Counter = field(default_factory=Counter)
    interrupted: bool = False

    @property
    def sources(self) -> int:
        return len(self.ingested) + len(self.updated) + len(self.unchanged) + len(self.skipped)


@dataclass
class _Pending:
    locator: str
    rows: DocumentRows
    previous: StoredDocument | None


class Writer:
    """Takes (source, outcome) in input order; ``flush`` commits what it holds."""

    def __init__(
        self,
        warehouse: Warehouse,
        report: IngestReport,
        rules: str,
        progress: Progress | None = None,
        batch_size: int = 100,
        batch_seconds: float = 5.0,
    ):
        self.warehouse, self.report, self.rules, self.progress = warehouse, report, rules, progress
        self.batch_size, self.batch_seconds = batch_size, batch_seconds
        self.stored: dict[str, StoredDocument] = warehouse.stored_documents()
        # content hash → the source holding that text (stored, or decided earlier in this run)
        self.holder: dict[str, str] = {doc.content_hash: source for source, doc in self.stored.items()}
        self.documents: list[_Pending] = []
        self.skips: list[dict] = []
        self.raw_hashes: dict[str, str] = {}
        self.last_flush = time.monotonic()

    # -- deciding ----------------------------------------------------------------
    def take(self, locator: str, outcome: Outcome) -> None:
        previous = self.stored.get(locator)
        if isinstance(outcome, Unchanged):
            return self._unchanged(locator, previous, outcome.raw_hash)
        rows = outcome if isinstance(outcome, DocumentRows) else None
        content_hash = rows.document["content_hash"] if rows else outcome.content_hash
        if content_hash is None:
            return self.skip(locator, outcome.reason, outcome.message)
        if previous is not None and previous.content_hash == content_hash and previous.is_current(self.rules, code_fingerprint()):
            return self._unchanged(locator, previous, rows.document.get("raw_hash") if rows else None)
        duplicate_of = self.holder.get(content_hash)
        if duplicate_of is not None and duplicate_of != locator:
            return self.skip(locator, "duplicate", f"same text as {duplicate_of}")
        self.holder[content_hash] = locator
        if rows is None:
            return self.skip(locator, outcome.reason, outcome.message)
        if previous is not None and self.holder.get(previous.content_hash) == locator:
            del self.holder[previous.content_hash]  # the old text leaves the warehouse with this write
        rows.document["run_id"] = self.report.run_id
        self.documents.append(_Pending(locator, rows, previous))
        if len(self.documents) >= self.batch_size or time.monotonic() - self.last_flush >= self.batch_seconds:
            self.flush()

    def skip(self, locator: str, reason: str, message: str) -> None:
        self.report.skipped.append((locator, reason, message))
        self.skips.append({"run_id": self.report.run_id, "source": locator, "reason": reason, "detail": message,
                           "skipped_at": dt.datetime.now()})
        self._tell(locator, f"skipped: {message}")

    def _unchanged(self, locator: str, previous: StoredDocument | None, raw_hash: str | None) -> None:
        if previous is not None and raw_hash and previous.raw_hash != raw_hash:
            self.raw_hashes[locator] = raw_hash  # same text from other bytes: remember the bytes for next time
        self.report.unchanged.append(locator)
        self._tell(locator, "unchanged")

    # -- writing -----------------------------------------------------------------
    def flush(self, release: bool = True) -> None:
        """Commit the documents, skips and raw hashes held so far (a batch is all or nothing).

        ``release=False`` keeps the connection for what the caller writes next (the run's closing rows):
        a release is a checkpoint and a reconnect, a tenth of a one-page ingest."""
        documents, skips, raw_hashes = self.documents, self.skips, self.raw_hashes
        if not (documents or skips or raw_hashes):
            return
        try:
            self.warehouse.write_batch(
                [p.rows for p in documents], self._replaced(documents), skips=skips, raw_hashes=raw_hashes
            )
        except Exception:  # rolled back: write one by one, so only the failing document is lost
            self.documents, self.skips, self.raw_hashes = [], [], {}
            for pending in documents:
                self._write_alone(pending)
            self.warehouse.write_batch([], skips=skips + self.skips, raw_hashes=raw_hashes)
            self.skips = []
        else:  # (an interrupt rolls back and leaves the batch held, for the next flush)
            self.documents, self.skips, self.raw_hashes = [], [], {}
            for pending in documents:
                self._written(pending)
        self.last_flush = time.monotonic()
        if release:
            self.warehouse.release()  # readers may open the warehouse until the next batch is written

    @staticmethod
    def _replaced(documents: list[_Pending]) -> list[str]:
        return [p.previous.doc_id for p in documents if p.previous is not None]

    def _write_alone(self, pending: _Pending) -> None:
        try:
            self.warehouse.write_batch([pending.rows], self._replaced([pending]))
        except Exception as exc:  # rolled back; the warehouse holds the previous version, if any
            self.skip(pending.locator, "error", f"{type(exc).__name__}: {exc}")
        else:
            self._written(pending)

    def _written(self, pending: _Pending) -> None:
        document = pending.rows.document
        self.stored[pending.locator] = StoredDocument(
            document["doc_id"], pending.locator, document["content_hash"], document["rules_hash"], document.get("raw_hash")
        )
        (self.report.updated if pending.previous is not None else self.report.ingested).append(pending.locator)
        self.report.facts += len(pending.rows.facts)
        self.report.languages[document["lang"]] += 1
        self._tell(pending.locator, f"{len(pending.rows.facts)} facts")

    def _tell(self, locator: str, outcome: str) -> None:
        if self.progress:
            self.progress(locator, outcome)
