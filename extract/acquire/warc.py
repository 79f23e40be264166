"""WARC files (crawls, web archives, Common Crawl) → one page per HTML ``response`` record.

warcio reads plain and gzipped WARCs, local or at any fsspec URL (s3://...).
A page's source is its ``WARC-Target-URI``; the file, the record's offset and
the capture date travel with it, so every fact leads back to its record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from .fetch import MAX_BYTES, Fetched, Skip
from .sources import Source

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class WarcPage:
    """An HTML response record: where it is, what was captured, and when."""

    path: str
    offset: int
    uri: str
    status: int
    captured: dt.datetime | None
    body: bytes

    def source(self) -> Source:
        return Source(self.uri, "warc", warc_path=self.path, warc_offset=self.offset)

    def fetched(self, max_bytes: int = MAX_BYTES) -> Fetched:
        """The page as ``fetch`` returns any page; a non-200 capture is a skip, as for a live URL."""
        if self.status != 200:
            raise Skip("fetch", f"HTTP {self.status} in WARC record at {self.path}@{self.offset}")
        if len(self.body) > max_bytes:
            raise Skip("too_large", f"page is {len(self.body) / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
        provenance = {"warc_path": self.path, "warc_offset": self.offset, "warc_date": self.captured}
        return Fetched(self.source(), self.body, "html", url=self.uri, provenance=provenance)


def on_hosts(uri: str, domains: tuple[str, ...]) -> bool:
    """Whether the URI's host is one of ``domains`` or under one ("kz" takes inform.kz and www.gov.kz)."""
    from urllib.parse import urlsplit

    host = (urlsplit(uri).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in (d.lower().strip(".") for d in domains))


def pages(path: str, start: int | None = None, domains: tuple[str, ...] = ()) -> Iterator[WarcPage]:
    """Every HTML response record of a WARC in file order (from byte ``start`` if given).

    With ``domains``, only pages on those hosts: a news crawl holds every country's
    outlets, and a record on another host is passed over before its body is read.
    """
    import fsspec
    from warcio.archiveiterator import ArchiveIterator

    with fsspec.open(path, "rb") as stream:
        if start is not None:
            stream.seek(start)
        records = ArchiveIterator(stream)
        for record in records:
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
            if content_type not in HTML_TYPES:
                continue
            if domains and not on_hosts(record.rec_headers.get_header("WARC-Target-URI") or "", domains):
                continue
            body = record.content_stream().read()
            yield WarcPage(
                path=path,
                offset=records.get_record_offset(),
                uri=record.rec_headers.get_header("WARC-Target-URI") or f"{path}@{records.get_record_offset()}",
                status=int(record.http_headers.get_statuscode() or 0),
                captured=_capture_date(record.rec_headers.get_header("WARC-Date")),
                body=body,
            )


def page_at(path: str, offset: int) -> WarcPage:
    """The HTML response record at ``offset`` (gzipped WARCs compress each record alone, so this seeks)."""
    page = next(pages(path, start=offset), None)
    if page is not None and page.offset == offset:
        return page
    raise Skip("not_found", f"no HTML response record at {path}@{offset}")


def _capture_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(dt.timezone.utc).replace(tzinfo=None)
    except ValueError:
        return None
