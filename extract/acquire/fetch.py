"""Fetch the raw bytes of a source: local files, or URLs through trafilatura."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .sources import Source

MAX_BYTES = 20 * 1024 * 1024  # a press release is kilobytes; anything this big is not one


class Skip(Exception):
    """A source that cannot be ingested; ``reason`` is a short code, the message says why."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass
class Fetched:
    source: Source
    data: bytes
    kind: str  # html | text
    url: str | None = None
    provenance: dict[str, Any] = field(default_factory=dict)  # documents columns saying where the bytes were (WARC record)


def fetch(source: Source, timeout: int = 20, max_bytes: int = MAX_BYTES, allow_private: bool = False) -> Fetched:
    """Bytes of a source. URLs to private/loopback addresses are refused unless ``allow_private``."""
    if source.kind == "invalid":
        raise Skip(source.reason, source.problem or "invalid source")
    if source.kind == "url":
        return _fetch_url(source, timeout, max_bytes, allow_private)
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


@lru_cache(maxsize=8)
def _download_config(timeout: int, max_bytes: int, allow_private: bool):
    """trafilatura settings for a batch, read from its settings file once, not per URL."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "DOWNLOAD_TIMEOUT", str(timeout))
    config.set("DEFAULT", "MAX_FILE_SIZE", str(max_bytes))
    config.set("DEFAULT", "MAX_REDIRECTS", "5")
    # trafilatura refuses non-public addresses (SSRF protection); intranet mirrors and tests opt out.
    config.set("DEFAULT", "SSRF_PROTECTION", "off" if allow_private else "on")
    return config


def _fetch_url(source: Source, timeout: int, max_bytes: int, allow_private: bool) -> Fetched:
    from trafilatura.downloads import fetch_response

    config = _download_config(timeout, max_bytes, allow_private)
    try:
        response = fetch_response(source.locator, decode=False, config=config)
    except Exception as exc:  # trafilatura/urllib3 raise many kinds; all mean "could not fetch"
        raise Skip("fetch", f"cannot fetch {source.locator}: {exc}") from exc
    if response is None:
        raise Skip("fetch", f"no response (unreachable, refused, private address, or over {max_bytes / 1e6:.0f} MB): {source.locator}")
    if response.status != 200:
        raise Skip("fetch", f"HTTP {response.status} for {source.locator}")
    data = response.data or b""
    if len(data) > max_bytes:
        raise Skip("too_large", f"page is {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
    return Fetched(source, data, "html", url=response.url or source.locator)
