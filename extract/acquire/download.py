"""The fetch loop for one URL: robots → throttle → request → redirect / retry / accept.

Like Scrapy's downloader middlewares, each concern is a small unit
(``robots``, ``throttle``, ``http``) and every way a download can end is a
named outcome: a ``Download`` (200 or 304) or a ``Skip`` with a sentence.
The deadline covers the whole URL (redirects, retries and their waits) and
starts when the host lets the request go, so queueing politely costs no time budget.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from .. import __version__
from .http import make_pool, request
from .outcomes import Skip, http_status, is_connection_failure, timed_out, unsupported_content
from .robots import RobotsCache
from .throttle import HostThrottle

if TYPE_CHECKING:
    import urllib3

USER_AGENT = f"medfacts/{__version__} (+rule-based facts about healthcare resources; honours robots.txt)"
ROBOTS_AGENT = "medfacts"  # the token robots.txt rules name
MAX_BYTES = 20_000_000  # a press release is kilobytes; anything this big is not one

PAGE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text", "": "html"}
REDIRECTS = {301, 302, 303, 307, 308}
TRANSIENT = {429, 503}  # the only answers worth asking again: "too many requests", "unavailable for now"


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 20.0  # seconds for one URL, everything included
    max_bytes: int = MAX_BYTES
    allow_private: bool = False
    ignore_robots: bool = False
    workers: int = 8  # URLs in flight
    per_host: int = 2  # of which at most this many to one host
    delay: float = 0.5  # seconds between request starts to one host
    max_retries: int = 2  # for 429/503 only
    max_retry_after: float = 10.0  # a longer Retry-After is not waited for
    max_redirects: int = 5
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Validators:
    """What the last download of a URL said, for a conditional request."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Download:
    url: str  # after redirects
    status: int  # 200, or 304 when the stored copy is still current
    data: bytes
    kind: str  # html | text | any
    content_type: str
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Downloader:
    """Shared by all threads of a run: one connection pool, one robots cache, one throttle."""

    def __init__(self, settings: FetchSettings = FetchSettings()):
        self.settings = settings
        self._pool: urllib3.PoolManager | None = None
        self._pool_lock = threading.Lock()
        self.throttle = HostThrottle(settings.per_host, settings.delay)
        self.robots = RobotsCache(lambda url: self._loop(url, None, accept=None, check_robots=False, any_status=True))

    @property
    def pool(self) -> urllib3.PoolManager:
        """Made for the first URL: a run of files never loads trafilatura's HTTP stack (≈ 0.12 s of start-up)."""
        with self._pool_lock:
            if self._pool is None:
                self._pool = make_pool(self.settings.allow_private, self.settings.per_host)
            return self._pool

    def get(self, url: str, validators: Validators | None = None, accept: dict[str, str] | None = PAGE_TYPES) -> Download:
        """The page at ``url``; ``accept`` maps content types to kinds (None: any type)."""
        return self._loop(url, validators, accept, check_robots=not self.settings.ignore_robots)

    def _loop(self, url: str, validators: Validators | None, accept: dict[str, str] | None, check_robots: bool,
              any_status: bool = False) -> Download:
        settings = self.settings
        visited, current, retries, deadline = [url], url, 0, None
        while True:
            host = urlsplit(current).netloc
            if check_robots:
                rules = self.robots.rules_for(current)
                rules.check(current, ROBOTS_AGENT)
                self.throttle.set_delay(host, rules.crawl_delay(ROBOTS_AGENT))
            with self.throttle.slot(host):
                self.throttle.check(host)  # inside the slot: the failures of those ahead in the queue count
                deadline = deadline or time.monotonic() + settings.timeout
                try:
                    response = request(self.pool, current, self._headers(validators), deadline=deadline,
                                       timeout=settings.timeout, max_bytes=settings.max_bytes)
                except Skip as exc:
                    if is_connection_failure(exc):
                        self.throttle.record(host, exc)
                    raise
            self.throttle.record(host, None)
            if response.status in REDIRECTS and response.headers.get("location"):
                current = urljoin(current, response.headers["location"].strip())
                if current in visited:
                    raise Skip("fetch", "redirect loop: " + " → ".join(visited + [current]))
                visited.append(current)
                if len(visited) > settings.max_redirects + 1:
                    raise Skip("fetch", f"too many redirects (over {settings.max_redirects})")
                continue
            if response.status in TRANSIENT and retries < settings.max_retries:
                wait = retry_after(response.headers.get("retry-after"), default=2.0 ** retries)
                if wait > settings.max_retry_after:
                    raise Skip("fetch", f"{http_status(response.status).message}, retry after {wait:.0f} s (longer than we wait)")
                if time.monotonic() + wait > deadline:
                    raise timed_out(settings.timeout)
                retries += 1
                self.throttle.wait(host, wait)
                continue
            if response.status == 304:
                return Download(current, 304, b"", "any", "", response.headers.get("etag") or _validator(validators, "etag"),
                                response.headers.get("last-modified") or _validator(validators, "last_modified"))
            if response.status != 200 and not any_status:
                raise http_status(response.status)
            content_type = response.content_type
            if accept is not None and content_type not in accept:
                raise unsupported_content(content_type)
            return Download(current, response.status, response.data, (accept or {}).get(content_type, "any"), content_type,
                            response.headers.get("etag"), response.headers.get("last-modified"))

    def _headers(self, validators: Validators | None) -> dict[str, str]:
        headers = {
            "User-Agent": self.settings.user_agent,
            "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
            "Accept-Encoding": "gzip, deflate",
        }
        if validators is not None:
            if validators.etag:
                headers["If-None-Match"] = validators.etag
            if validators.last_modified:
                headers["If-Modified-Since"] = validators.last_modified
        return headers


def retry_after(value: str | None, default: float) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max((when - dt.datetime.now(dt.timezone.utc)).total_seconds(), 0.0)


def _validator(validators: Validators | None, name: str) -> str | None:
    return getattr(validators, name) if validators is not None else None
