"""Raw bytes of each source: files from disk, URLs through the polite downloader.

``fetch`` takes one source; ``fetch_all`` takes a batch and fetches URLs
concurrently (a thread pool, limits per host), yielding results in input order
so a run reads the same way however the network behaves.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from .download import MAX_BYTES, Downloader, FetchSettings, Validators
from .outcomes import Skip
from .sources import Source

__all__ = ["MAX_BYTES", "Fetched", "FetchSettings", "Skip", "Validators", "fetch", "fetch_all"]


@dataclass
class Fetched:
    source: Source
    data: bytes
    kind: str  # html | text
    url: str | None = None  # where a URL's bytes came from, after redirects
    provenance: dict[str, Any] = field(default_factory=dict)  # documents columns saying where the bytes were (WARC record)
    not_modified: bool = False  # a 304: the stored copy is current, ``data`` is empty
    etag: str | None = None
    last_modified: str | None = None


def fetch(source: Source, timeout: float = 20, max_bytes: int = MAX_BYTES, allow_private: bool = False,
          downloader: Downloader | None = None, validators: Validators | None = None) -> Fetched:
    """Bytes of a source. URLs to private/loopback addresses are refused unless ``allow_private``."""
    if source.kind == "invalid":
        raise Skip(source.reason, source.problem or "invalid source")
    if source.kind == "url":
        downloader = downloader or Downloader(FetchSettings(timeout=timeout, max_bytes=max_bytes, allow_private=allow_private))
        download = downloader.get(source.locator, validators)
        return Fetched(source, download.data, download.kind if download.kind != "any" else "html", download.url,
                       not_modified=download.not_modified, etag=download.etag, last_modified=download.last_modified)
    if source.kind == "warc":
        from .warc import page_at

        return page_at(source.warc_path, source.warc_offset).fetched(max_bytes)
    path = source.path
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise Skip("too_large", f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
        data = path.read_bytes()
    except OSError as exc:
        raise Skip("not_found", f"cannot read file: {exc.strerror or exc}") from exc
    return Fetched(source, data, source.kind)


def fetch_all(
    sources: Iterable[Source],
    settings: FetchSettings = FetchSettings(),
    validators_for: Callable[[Source], Validators | None] | None = None,
    window: int = 64,
) -> Iterator[tuple[Source, Fetched | Skip]]:
    """(source, Fetched or Skip) for each source, in input order, at most ``window`` fetched ahead."""
    downloader = Downloader(settings)

    def one(source: Source) -> Fetched | Skip:
        try:
            validators = validators_for(source) if validators_for and source.kind == "url" else None
            return fetch(source, max_bytes=settings.max_bytes, downloader=downloader, validators=validators)
        except Skip as exc:
            return exc
        except Exception as exc:  # a bug must not cost the rest of the batch
            return Skip("error", f"{type(exc).__name__}: {exc}")

    with ThreadPoolExecutor(max_workers=max(settings.workers, 1), thread_name_prefix="fetch") as pool:
        in_flight: deque = deque()
        for source in sources:
            in_flight.append((source, pool.submit(one, source)))
            if len(in_flight) >= window:
                source, future = in_flight.popleft()
                yield source, future.result()
        while in_flight:
            source, future = in_flight.popleft()
            yield source, future.result()
