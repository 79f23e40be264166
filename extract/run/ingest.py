"""Ingest sources into the warehouse: acquire → process → write.

acquire (this module, main process): sources → raw bytes; failures become skips.
process (``process.py``, pure): raw document → rows, or a skip with a reason.
write (this module, main process): unchanged / duplicate / replace decisions, then the warehouse.
Every failure becomes a recorded skip with a reason; one bad source never stops the batch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from warehouse.store import DocumentRows, Warehouse

from .. import __version__
from ..acquire.fetch import FetchSettings, Skip, fetch_all
from ..acquire.manifest import Manifest, sidecar_for
from ..acquire.sources import Source
from ..facts.records import rules_hash
from ..rulebook import lookups
from .process import Outcome, RawDocument, Skipped, Unchanged, process_batch


@dataclass
class IngestReport:
    run_id: str = ""
    ingested: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (source, reason, message)
    facts: int = 0
    languages: Counter = field(default_factory=Counter)

    @property
    def sources(self) -> int:
        return len(self.ingested) + len(self.updated) + len(self.unchanged) + len(self.skipped)


Progress = Callable[[str, str], None]  # (source, outcome)


def acquire(
    sources: Iterable[Source], warehouse: Warehouse, rules: str, *, fetch_settings: FetchSettings = FetchSettings(),
    manifest: Manifest | None = None,
) -> Iterator[tuple[str, RawDocument | Skipped]]:
    """(locator, raw document or skip) for each source, in order; URLs are fetched concurrently."""
    for source, fetched in fetch_all(sources, fetch_settings):
        if isinstance(fetched, Skip):
            yield source.locator, Skipped(fetched.reason, fetched.message)
            continue
        stored = warehouse.stored(source.locator)
        known = stored.content_hash if stored is not None and stored.rules_hash == rules else None
        sidecar = sidecar_for(manifest, source)
        yield source.locator, RawDocument(
            source.locator, fetched.kind, fetched.data, fetched.url or (sidecar and sidecar.url),
            published=sidecar and sidecar.published, title=sidecar and sidecar.title,
            known_content_hash=known, provenance=fetched.provenance,
        )


def processed(acquired: Iterable[tuple[str, RawDocument | Skipped]], batch_size: int) -> Iterator[tuple[str, Outcome]]:
    """(locator, outcome) in input order; documents go through ``process_batch`` ``batch_size`` at a time."""
    pending: list[tuple[str, RawDocument | Skipped]] = []

    def flush() -> Iterator[tuple[str, Outcome]]:
        outcomes = iter(process_batch([item for _, item in pending if isinstance(item, RawDocument)]))
        for locator, item in pending:
            yield locator, item if isinstance(item, Skipped) else next(outcomes)
        pending.clear()

    for locator, item in acquired:
        pending.append((locator, item))
        if len(pending) >= batch_size:
            yield from flush()
    yield from flush()


class Writer:
    """Decides unchanged / duplicate / new / replaced for each outcome, in input order, and writes."""

    def __init__(self, warehouse: Warehouse, report: IngestReport, rules: str, progress: Progress | None):
        self.warehouse, self.report, self.rules, self.progress = warehouse, report, rules, progress
        self.seen: dict[str, str] = {}  # content hash → first source with it in this run

    def skip(self, locator: str, reason: str, message: str) -> None:
        self.report.skipped.append((locator, reason, message))
        self.warehouse.record_skip(self.report.run_id, locator, reason, message)
        self._tell(locator, f"skipped: {message}")

    def take(self, locator: str, outcome: Outcome) -> None:
        if isinstance(outcome, Unchanged):
            return self._unchanged(locator)
        content_hash = outcome.document["content_hash"] if isinstance(outcome, DocumentRows) else outcome.content_hash
        if content_hash is None:
            return self.skip(locator, outcome.reason, outcome.message)
        stored = self.warehouse.stored(locator)
        if stored is not None and stored.content_hash == content_hash and stored.rules_hash == self.rules:
            return self._unchanged(locator)
        duplicate_of = self.seen.get(content_hash) or self.warehouse.source_with_content(content_hash)
        if duplicate_of is not None and duplicate_of != locator:
            return self.skip(locator, "duplicate", f"same text as {duplicate_of}")
        self.seen[content_hash] = locator
        if isinstance(outcome, Skipped):
            return self.skip(locator, outcome.reason, outcome.message)
        outcome.document["run_id"] = self.report.run_id
        try:
            self.warehouse.write_document(outcome)
        except Exception as exc:  # the transaction rolled back; the warehouse is as it was
            return self.skip(locator, "error", f"{type(exc).__name__}: {exc}")
        (self.report.updated if stored is not None else self.report.ingested).append(locator)
        self.report.facts += len(outcome.facts)
        self.report.languages[outcome.document["lang"]] += 1
        self._tell(locator, f"{len(outcome.facts)} facts")

    def _unchanged(self, locator: str) -> None:
        self.report.unchanged.append(locator)
        self._tell(locator, "unchanged")

    def _tell(self, locator: str, outcome: str) -> None:
        if self.progress:
            self.progress(locator, outcome)


def ingest(
    sources: list[Source],
    warehouse: Warehouse,
    *,
    timeout: float = 20,
    allow_private: bool = False,
    progress: Progress | None = None,
    batch_size: int = 32,
    fetch_settings: FetchSettings | None = None,
    manifest: Manifest | None = None,
) -> IngestReport:
    """Every source to facts or to a recorded skip; ``fetch_settings`` overrides ``timeout``/``allow_private``."""
    fetch_settings = fetch_settings or FetchSettings(timeout=timeout, allow_private=allow_private)
    rules = rules_hash()
    report = IngestReport(run_id=warehouse.start_run(__version__, rules))
    warehouse.write_lookups(*lookups())
    writer = Writer(warehouse, report, rules, progress)
    acquired = acquire(sources, warehouse, rules, fetch_settings=fetch_settings, manifest=manifest)
    for locator, outcome in processed(acquired, batch_size):
        writer.take(locator, outcome)
    warehouse.finish_run(
        report.run_id,
        sources=report.sources,
        ingested=len(report.ingested) + len(report.updated),
        unchanged=len(report.unchanged),
        skipped=len(report.skipped),
        facts=report.facts,
    )
    return report
