"""Pages listed by RSS/Atom feeds and XML sitemaps, newest first, with --since and --max.

The feed or sitemap itself is fetched by the same polite downloader as pages
(robots.txt, throttle, deadline); its entries are read with lxml (recovering
parser, no entities, no network), checked with trafilatura's feed sniffing and
made absolute and clean with courlan.  A feed that cannot be read becomes one
skipped source with the reason, like any page.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from dataclasses import dataclass

from .download import Downloader
from .outcomes import Skip
from .sources import Source

MAX_SITEMAPS = 10  # a sitemap index with more children is cut here


@dataclass(frozen=True)
class Listed:
    url: str
    published: dt.date | None = None


def listed_sources(downloader: Downloader, feeds: list[str], sitemaps: list[str],
                   since: dt.date | None = None, limit: int | None = None) -> list[Source]:
    """URL sources for the entries of ``feeds`` and ``sitemaps``; a listing that fails is an invalid source."""
    sources: list[Source] = []
    for listing, reader in [(url, read_feed) for url in feeds] + [(url, read_sitemap) for url in sitemaps]:
        try:
            entries = reader(downloader, listing)
        except Skip as exc:
            sources.append(Source(listing, "invalid", f"{exc.message} (reading the list of pages)", exc.reason))
            continue
        if since is not None:
            entries = [e for e in entries if e.published is None or e.published >= since]
        entries.sort(key=lambda e: e.published or dt.date.min, reverse=True)  # newest first, undated last
        sources.extend(Source(entry.url, "url") for entry in (entries if limit is None else entries[:limit]))
    return sources


def read_feed(downloader: Downloader, url: str) -> list[Listed]:
    from trafilatura.feeds import is_potential_feed

    download = downloader.get(url, accept=None)
    text = download.data.decode("utf-8", errors="replace").lstrip("\ufeff").strip()
    if not is_potential_feed(text):
        raise Skip("unsupported_type", "not an RSS or Atom feed")
    entries = []
    for item in _parse(download.data).iter("{*}item", "{*}entry"):
        link = _feed_link(item)
        if link:
            entries.append(Listed(_absolute(download.url, link), _date(_first_text(item, "pubDate", "published", "updated", "date"))))
    return _unique(entries)


def read_sitemap(downloader: Downloader, url: str) -> list[Listed]:
    """Pages of a sitemap, following a sitemap index up to ``MAX_SITEMAPS`` sitemaps."""
    queue, seen, entries = [url], set(), []
    while queue and len(seen) < MAX_SITEMAPS:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        download = downloader.get(current, accept=None)
        tree = _parse(download.data)
        for child in tree.iter("{*}sitemap"):
            loc = _first_text(child, "loc")
            if loc:
                queue.append(_absolute(download.url, loc))
        for page in tree.iter("{*}url"):
            loc = _first_text(page, "loc")
            if loc:
                entries.append(Listed(_absolute(download.url, loc), _date(_first_text(page, "publication_date", "lastmod"))))
    if not entries and len(seen) == 1 and not queue:
        raise Skip("empty", "no pages listed in the sitemap")
    return _unique(entries)


def _parse(data: bytes):
    from lxml import etree

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    tree = etree.fromstring(data, parser)
    if tree is None:
        raise Skip("broken_html", "not readable as XML")
    return tree


def _feed_link(item) -> str | None:
    for link in item.iter("{*}link"):
        href = link.get("href")
        if href and link.get("rel", "alternate") == "alternate":
            return href.strip()
        if not href and link.text and link.text.strip():
            return link.text.strip()
    guid = _first_text(item, "guid", "id")
    return guid if guid and guid.startswith(("http://", "https://")) else None


def _first_text(element, *names: str) -> str | None:
    for name in names:
        for found in element.iter(f"{{*}}{name}"):
            if found.text and found.text.strip():
                return found.text.strip()
    return None


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date()  # RSS: "Tue, 01 Dec 2026 10:00:00 GMT"
    except (TypeError, ValueError):
        return None


def _absolute(base: str, link: str) -> str:
    from courlan import clean_url
    from courlan.urlutils import fix_relative_urls

    absolute = fix_relative_urls(base, link)
    return clean_url(absolute) or absolute


def _unique(entries: list[Listed]) -> list[Listed]:
    seen, unique = set(), []
    for entry in entries:
        if entry.url not in seen:
            seen.add(entry.url)
            unique.append(entry)
    return unique
