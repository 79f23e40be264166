"""The acquire stage of a run: sources → raw documents, decided against what the warehouse knows.

Runs in the main process, before any text processing: URLs are fetched
concurrently (``acquire.fetch.fetch_all``); each source is named by the
spelling it was first stored under (its canonical key decides); a 304 or
unchanged raw bytes make it ``Unchanged`` without trafilatura or spaCy; pages
are kept compressed with their ETag/Last-Modified for the next conditional GET.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from warehouse.sources import RawPage, SourceState, raw_page, save_raw_pages
from warehouse.store import StoredDocument, Warehouse

from ..acquire.fetch import Fetched, FetchSettings, Skip, fetch_all
from ..acquire.identity import canonical_key
from ..acquire.manifest import Manifest, sidecar_for
from ..acquire.sources import Source
from ..acquire.state import KnownSources
from ..fingerprint import code_fingerprint
from .process import RawDocument, Skipped, Unchanged, raw_hash
from .workers import Item


@dataclass
class SourceFacts:
    """What acquire learnt about one source, for its row in ``sources``."""

    key: str
    kind: str
    fetched_url: str | None = None
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    raw_hash: str | None = None


class Acquisition:
    def __init__(self, warehouse: Warehouse, stored: dict[str, StoredDocument], rules: str,
                 fetch_settings: FetchSettings = FetchSettings(), manifest: Manifest | None = None):
        self.warehouse, self.stored, self.rules = warehouse, stored, rules
        self.fetch_settings, self.manifest = fetch_settings, manifest
        self.known = KnownSources.load(warehouse, stored)
        self.learnt: dict[str, SourceFacts] = {}  # by the locator the run reports

    def __call__(self, sources: Iterable[Source]) -> Iterator[Item]:
        def validators_for(source: Source):
            return self.known.validators(canonical_key(source.locator))

        for source, fetched in fetch_all(sources, self.fetch_settings, validators_for):
            key = canonical_key(source.locator)
            locator = self.known.locator_for(key, source.locator)
            learnt = self.learnt[locator] = SourceFacts(key, source.kind)
            if isinstance(fetched, Skip):
                yield locator, Skipped(fetched.reason, fetched.message)
                continue
            yield locator, self._decide(locator, fetched, learnt)

    def _decide(self, locator: str, fetched: Fetched, learnt: SourceFacts) -> RawDocument | Skipped | Unchanged:
        previous = self.stored.get(locator)
        current = previous if previous is not None and previous.is_current(self.rules, code_fingerprint()) else None
        if fetched.source.kind == "url":
            learnt.fetched_url, learnt.etag, learnt.last_modified = fetched.url, fetched.etag, fetched.last_modified
            learnt.http_status = 304 if fetched.not_modified else 200
        if fetched.not_modified:
            if current is not None:
                learnt.raw_hash = current.raw_hash
                return Unchanged(current.content_hash, current.raw_hash)
            data = raw_page(self.warehouse, learnt.key)  # new rules: re-extract from the copy kept last time
            if data is None:
                return Skipped("error", "the server says the page is unchanged (304) but no stored copy was found")
            fetched = dataclasses.replace(fetched, data=data, not_modified=False)
        elif fetched.source.kind == "url":
            save_raw_pages(self.warehouse, [RawPage(learnt.key, fetched.url, None, fetched.etag, fetched.last_modified,
                                                    raw_hash(fetched.data), fetched.data)])
        learnt.raw_hash = raw_hash(fetched.data)
        if current is not None and current.raw_hash is not None and current.raw_hash == learnt.raw_hash:
            return Unchanged(current.content_hash, current.raw_hash)  # same bytes, same rules: not even trafilatura
        sidecar = sidecar_for(self.manifest, fetched.source)
        return RawDocument(
            locator, fetched.kind, fetched.data, fetched.url or (sidecar and sidecar.url),
            published=sidecar and sidecar.published, title=sidecar and sidecar.title,
            known_content_hash=current.content_hash if current else None, provenance=fetched.provenance,
        )

    def states(self, report) -> list[SourceState]:
        """Rows for ``sources`` from this run's report (ingested, updated, unchanged, skipped)."""
        outcomes = [(source, name, None, None) for name in ("ingested", "updated", "unchanged")
                    for source in getattr(report, name)]
        outcomes += [(source, "skipped", reason, detail) for source, reason, detail in report.skipped]
        rows = []
        for locator, outcome, reason, detail in outcomes:
            learnt = self.learnt.get(locator) or SourceFacts(canonical_key(locator), "invalid")
            rows.append(SourceState(learnt.key, locator, learnt.kind, outcome, reason, detail, learnt.fetched_url,
                                    learnt.http_status, learnt.etag, learnt.last_modified, learnt.raw_hash))
        return rows
