"""Ingest sources into the warehouse: fetch → text → language → spaCy → facts → DuckDB.

Every failure becomes a recorded skip with a reason; one bad source never
stops the batch, and each document is written in its own transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from warehouse.store import Warehouse

from . import __version__
from .fetch import Skip, fetch
from .language import detect
from .records import rules_hash, sha256, to_rows
from .sources import Source
from .text import to_document


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


def ingest(
    sources: list[Source],
    warehouse: Warehouse,
    *,
    timeout: int = 20,
    allow_private: bool = False,
    progress: Progress | None = None,
) -> IngestReport:
    from .nlp import make_doc, process

    report = IngestReport(run_id=warehouse.start_run(__version__, rules_hash()))
    seen_hashes: dict[str, str] = {}

    def skip(locator: str, reason: str, message: str) -> None:
        report.skipped.append((locator, reason, message))
        warehouse.record_skip(report.run_id, locator, reason, message)
        if progress:
            progress(locator, f"skipped: {message}")

    for source in sources:
        try:
            document = to_document(fetch(source, timeout=timeout, allow_private=allow_private))
            lang = detect(document.text)
        except Skip as exc:
            skip(source.locator, exc.reason, exc.message)
            continue
        except Exception as exc:  # a bug must not cost the rest of the batch
            skip(source.locator, "error", f"{type(exc).__name__}: {exc}")
            continue
        content_hash = sha256(document.text)
        stored = warehouse.stored(source.locator)
        if stored is not None and stored.content_hash == content_hash and stored.rules_hash == rules_hash():
            report.unchanged.append(source.locator)
            if progress:
                progress(source.locator, "unchanged")
            continue
        duplicate_of = seen_hashes.get(content_hash) or warehouse.source_with_content(content_hash)
        if duplicate_of is not None and duplicate_of != source.locator:
            skip(source.locator, "duplicate", f"same text as {duplicate_of}")
            continue
        seen_hashes[content_hash] = source.locator
        try:
            doc = next(process([make_doc(lang, document.text, document.title, document.published)], lang))
            rows = to_rows(document, lang, doc, report.run_id)
            warehouse.write_document(rows)
        except Exception as exc:
            skip(source.locator, "error", f"{type(exc).__name__}: {exc}")
            continue
        (report.updated if stored is not None else report.ingested).append(source.locator)
        report.facts += len(rows.facts)
        report.languages[lang] += 1
        if progress:
            progress(source.locator, f"{len(rows.facts)} facts")
    warehouse.finish_run(
        report.run_id,
        sources=report.sources,
        ingested=len(report.ingested) + len(report.updated),
        unchanged=len(report.unchanged),
        skipped=len(report.skipped),
        facts=report.facts,
    )
    return report
