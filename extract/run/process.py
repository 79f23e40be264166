"""One fetched document → the rows the warehouse stores, or the reason it is skipped.

This is the pure middle of a run (acquire → process → write): no warehouse, no
network, nothing but the document it is given and the pipelines built once per
process.  Its input and output pickle, so ``ingest`` can run it in forked
workers and a cluster can map it over a Dask bag; ``process_batch`` is the
same function over many documents, with ``nlp.pipe`` one language at a time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from warehouse.store import DocumentRows

from ..acquire.fetch import Fetched, Skip
from ..acquire.language import detect
from ..acquire.sources import Source
from ..acquire.text import TextDocument, to_document


@dataclass(frozen=True)
class RawDocument:
    """A fetched document, before any text processing.

    Either ``data`` (raw bytes of an ``html`` page or a ``text`` file) or, when
    something upstream already extracted it (a WARC record, a feed item),
    ``text`` with its ``title``/``sitename``.  ``published`` is a publication
    date known before extraction (HTTP headers, a feed); the page's own
    metadata wins over it.  ``known_content_hash`` is the content hash stored
    for this source under the current rules: equal clean text means
    ``Unchanged`` before spaCy runs.
    """

    source: str  # the locator exactly as the user gave it
    kind: str  # html | text
    data: bytes = b""
    url: str | None = None  # the URL the bytes came from (None for files)
    published: dt.date | None = None
    text: str | None = None
    title: str | None = None
    sitename: str | None = None
    known_content_hash: str | None = None
    provenance: dict[str, Any] = field(default_factory=dict)  # documents columns saying where the bytes were (WARC record)

    @property
    def raw_hash(self) -> str:
        return raw_hash(self.data) if self.text is None else sha256(self.text)


@dataclass(frozen=True)
class Skipped:
    """A document that is not stored; ``reason`` is a short code (``empty``, ``language``, ``error`` ...).

    ``content_hash`` is set when the clean text was known before the failure,
    so the writer can still call a copy of another source a duplicate.
    """

    reason: str
    message: str
    content_hash: str | None = None


@dataclass(frozen=True)
class Unchanged:
    """The clean text (or the raw bytes) equal what the warehouse holds for this source under the same rules."""

    content_hash: str
    raw_hash: str | None = None


Outcome = DocumentRows | Skipped | Unchanged


def to_rows(document: TextDocument, lang: str, doc, run_id: str) -> DocumentRows:
    """``facts.records.to_rows``, imported with the first document to process: records brings spaCy,
    which a run that finds every source unchanged never needs (≈ 0.9 s of a re-ingest's start-up)."""
    from ..facts.records import to_rows as rows_of

    return rows_of(document, lang, doc, run_id)


def sha256(text: str) -> str:
    """The content hash of ``facts.records``, imported on first use like ``to_rows``."""
    from ..facts.records import sha256 as text_hash

    return text_hash(text)


def raw_hash(data: bytes) -> str:
    """Hash of the bytes as fetched: an unchanged file costs this and a look-up."""
    return hashlib.sha256(data).hexdigest()


def process(raw: RawDocument) -> Outcome:
    """The outcome for one document (``process_batch`` of one)."""
    return process_batch([raw])[0]


def process_batch(raws: Sequence[RawDocument]) -> list[Outcome]:
    """Outcomes in input order; every failure is a ``Skipped`` with a reason, never an exception."""
    outcomes: list[Outcome | None] = [None] * len(raws)
    prepared: list[tuple[int, TextDocument, str]] = []
    for index, raw in enumerate(raws):
        try:
            document = to_text(raw)
            lang = detect(document.text)
        except Skip as exc:
            outcomes[index] = Skipped(exc.reason, exc.message)
            continue
        except Exception as exc:  # a bug must not cost the rest of the batch
            outcomes[index] = Skipped("error", f"{type(exc).__name__}: {exc}")
            continue
        content_hash = sha256(document.text)
        if raw.known_content_hash is not None and raw.known_content_hash == content_hash:
            outcomes[index] = Unchanged(content_hash, raw.raw_hash)
            continue
        prepared.append((index, document, lang))
    for (index, document, lang), doc, error in _run_pipeline(prepared):
        if error is None:
            try:
                rows = to_rows(document, lang, doc, "")
                rows.document["raw_hash"] = raws[index].raw_hash
                outcomes[index] = rows
                continue
            except Exception as exc:
                error = exc
        outcomes[index] = Skipped("error", f"{type(error).__name__}: {error}", sha256(document.text))
    return outcomes  # type: ignore[return-value]


def to_text(raw: RawDocument) -> TextDocument:
    """Clean text and metadata: trafilatura for pages, decoding for text files, or what came extracted."""
    if raw.text is not None:
        return TextDocument(raw.source, raw.text, raw.title, raw.published, raw.url, raw.sitename, dict(raw.provenance))
    document = to_document(Fetched(Source(raw.source, raw.kind), raw.data, raw.kind, raw.url, dict(raw.provenance)))
    if document.published is None and raw.published is not None:
        document.published = raw.published
    if document.title is None and raw.title is not None:  # a sidecar's title fills a page without one
        document.title = raw.title
    return document


def _run_pipeline(prepared: list[tuple[int, TextDocument, str]]) -> Iterator[tuple[tuple, object, Exception | None]]:
    """(item, doc, error) for each prepared document in input order, via ``nlp.pipe`` one language at a time.

    If a batch fails, its documents are run one by one so the error stays with its document.
    """
    if not prepared:
        return
    from ..pipeline import make_doc, process as run_pipeline

    def make(item):
        _, document, lang = item
        return make_doc(lang, document.text, document.title, document.published)

    results: dict[int, tuple] = {}
    for lang in sorted({item[2] for item in prepared}):
        group = [(i, item) for i, item in enumerate(prepared) if item[2] == lang]
        try:
            docs = list(run_pipeline((make(item) for _, item in group), lang))
            results.update({i: (item, doc, None) for (i, item), doc in zip(group, docs)})
        except Exception:
            for i, item in group:
                try:
                    results[i] = (item, next(run_pipeline([make(item)], lang)), None)
                except Exception as exc:
                    results[i] = (item, None, exc)
    for i in range(len(prepared)):
        yield results[i]
