"""Ingest sources into the warehouse: fetch → text → language → spaCy → facts → DuckDB.

Every failure becomes a recorded skip with a reason; one bad source never
stops the batch, and each document is written in its own transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from warehouse.store import Warehouse

from .. import __version__
from ..acquire.fetch import Skip, fetch
from ..acquire.language import detect
from ..facts.records import rules_hash, sha256, to_rows
from ..acquire.sources import Source
from ..acquire.text import TextDocument, to_document


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


@dataclass
class Pending:
    """A document that passed fetching and the language guard, waiting for the pipeline."""

    source: Source
    document: TextDocument
    lang: str
    replaces: bool


def _run_pipeline(pending: list[Pending]):
    """(pending, doc, error) for each document in input order, via ``nlp.pipe`` one language at a time.

    If a batch fails, its documents are run one by one so the error stays with its document.
    """
    from ..pipeline import make_doc, process

    def prepared(item: Pending):
        return make_doc(item.lang, item.document.text, item.document.title, item.document.published)

    results: dict[int, tuple] = {}
    for lang in sorted({item.lang for item in pending}):
        group = [(i, item) for i, item in enumerate(pending) if item.lang == lang]
        try:
            docs = list(process((prepared(item) for _, item in group), lang))
            results.update({i: (item, doc, None) for (i, item), doc in zip(group, docs)})
        except Exception:
            for i, item in group:
                try:
                    results[i] = (item, next(process([prepared(item)], lang)), None)
                except Exception as exc:
                    results[i] = (item, None, exc)
    for i in range(len(pending)):
        yield results[i]


def ingest(
    sources: list[Source],
    warehouse: Warehouse,
    *,
    timeout: int = 20,
    allow_private: bool = False,
    progress: Progress | None = None,
    batch_size: int = 32,
) -> IngestReport:
    report = IngestReport(run_id=warehouse.start_run(__version__, rules_hash()))
    seen_hashes: dict[str, str] = {}

    def skip(locator: str, reason: str, message: str) -> None:
        report.skipped.append((locator, reason, message))
        warehouse.record_skip(report.run_id, locator, reason, message)
        if progress:
            progress(locator, f"skipped: {message}")

    pending: list[Pending] = []

    def flush() -> None:
        for item, doc, error in _run_pipeline(pending):
            if error is not None:
                skip(item.source.locator, "error", f"{type(error).__name__}: {error}")
                continue
            try:
                rows = to_rows(item.document, item.lang, doc, report.run_id)
                warehouse.write_document(rows)
            except Exception as exc:  # the transaction rolled back; the warehouse is as it was
                skip(item.source.locator, "error", f"{type(exc).__name__}: {exc}")
                continue
            (report.updated if item.replaces else report.ingested).append(item.source.locator)
            report.facts += len(rows.facts)
            report.languages[item.lang] += 1
            if progress:
                progress(item.source.locator, f"{len(rows.facts)} facts")
        pending.clear()

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
        pending.append(Pending(source, document, lang, stored is not None))
        if len(pending) >= batch_size:
            flush()
    flush()
    warehouse.finish_run(
        report.run_id,
        sources=report.sources,
        ingested=len(report.ingested) + len(report.updated),
        unchanged=len(report.unchanged),
        skipped=len(report.skipped),
        facts=report.facts,
    )
    return report
