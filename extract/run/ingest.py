"""Ingest sources into the warehouse: acquire → process → write.

acquire (this module, main process): sources → raw bytes; failures become skips;
    bytes whose hash the warehouse already holds under the same rules are unchanged.
process (``process.py``, pure; ``workers.py`` forks processes for it): raw document → rows or a skip.
write (``writer.py``, main process): unchanged / duplicate / replace decisions, batches of whole
    documents per transaction.
Every failure becomes a recorded skip with a reason; one bad source never stops the batch.
Ctrl-C writes what was processed and marks the run interrupted; a rerun completes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from warehouse.store import DocumentRows, StoredDocument, Warehouse

from .. import __version__
from warehouse.sources import near_duplicate_candidates, record_states

from ..acquire.fetch import FetchSettings
from ..acquire.identity import NearDuplicates
from ..acquire.manifest import Manifest
from ..acquire.sources import Source
from ..rulebook import lookups, rules_hash
from .acquire import Acquisition
from .process import Outcome
from .workers import Item, in_order
from .writer import IngestReport, Progress, Writer

__all__ = ["IngestReport", "Progress", "Writer", "acquire", "ingest", "processed"]


def processed(items: Iterable[Item], batch_size: int = 16) -> Iterator[tuple[str, Outcome]]:
    """(locator, outcome) in input order, in this process; ``batch_size`` documents per ``nlp.pipe``."""
    return in_order(items, workers=1, chunk_size=batch_size)


def acquire(
    sources: Iterable[Source],
    warehouse: Warehouse,
    stored: dict[str, StoredDocument],
    rules: str,
    *,
    fetch_settings: FetchSettings = FetchSettings(),
    manifest: Manifest | None = None,
) -> Iterator[Item]:
    """(locator, raw document, skip or unchanged) for each source, in order; URLs are fetched concurrently."""
    return Acquisition(warehouse, stored, rules, fetch_settings, manifest)(sources)


def ingest(
    sources: list[Source],
    warehouse: Warehouse,
    *,
    timeout: float = 20,
    allow_private: bool = False,
    progress: Progress | None = None,
    batch_size: int = 100,
    workers: int = 1,
    chunk_size: int = 16,
    fetch_settings: FetchSettings | None = None,
    manifest: Manifest | None = None,
) -> IngestReport:
    """Ingest ``sources``; ``workers`` > 1 processes documents in that many forked processes.

    ``chunk_size`` documents go through ``nlp.pipe`` together (one worker task); ``batch_size``
    documents are written per transaction.  The warehouse ends up the same for any of these.
    ``fetch_settings`` overrides ``timeout``/``allow_private``.
    """
    fetch_settings = fetch_settings or FetchSettings(timeout=timeout, allow_private=allow_private)
    rules = rules_hash()
    report = IngestReport(run_id=warehouse.start_run(__version__, rules))
    warehouse.write_lookups(*lookups())
    writer = Writer(warehouse, report, rules, progress, batch_size=batch_size)
    acquisition = Acquisition(warehouse, writer.stored, rules, fetch_settings, manifest)
    acquired = acquisition(sources)
    near = NearDuplicates(near_duplicate_candidates(warehouse))
    single = isinstance(sources, (list, tuple)) and len(sources) <= 1  # one document is not worth a fork
    if not (single and all(source.kind in ("html", "text") for source in sources)):
        # state is loaded: downloads run without holding the warehouse's lock.  One file is read, processed
        # and written in about a second: releasing (a checkpoint) and reopening would cost a tenth of it.
        warehouse.release()
    outcomes = in_order(acquired, workers=1 if single else workers, chunk_size=chunk_size)
    try:
        for locator, outcome in outcomes:
            if isinstance(outcome, DocumentRows):  # a republished story: kept, marked, not counted twice
                previous = writer.stored.get(locator)
                near.mark(outcome.document, replaces=previous.doc_id if previous else None)
            writer.take(locator, outcome)
    except KeyboardInterrupt:
        report.interrupted = True
        outcomes.close()  # stops the workers
    writer.flush(release=False)  # the run's closing rows follow at once
    record_states(warehouse, report.run_id, acquisition.states(report))
    warehouse.finish_run(
        report.run_id,
        interrupted=report.interrupted,
        sources=report.sources,
        ingested=len(report.ingested) + len(report.updated),
        unchanged=len(report.unchanged),
        skipped=len(report.skipped),
        facts=report.facts,
    )
    return report
