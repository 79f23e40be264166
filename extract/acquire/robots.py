"""robots.txt, fetched once per host and run, read with the standard library's parser.

RFC 9309: a missing robots.txt (any 4xx) allows everything; a server error
(5xx) means "assume everything is disallowed"; a host that cannot be reached
for its robots.txt is not reached for its pages either.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from .http import RawResponse
from .outcomes import Skip, is_connection_failure

MAX_CRAWL_DELAY = 10.0  # seconds; a site asking for more would make a daily run take days
ROBOTS_MAX_BYTES = 512 * 1024  # Google reads the first 500 KiB


class HostRules:
    """What one host's robots.txt says to our user agent."""

    def __init__(self, parser: RobotFileParser | None, problem: Skip | None = None):
        self.parser = parser
        self.problem = problem  # set when the host's robots.txt could not be read

    def check(self, url: str, agent: str) -> None:
        if self.problem is not None:
            raise self.problem
        if self.parser is not None and not self.parser.can_fetch(agent, url):
            raise Skip("robots", "disallowed by robots.txt (use --ignore-robots to override)")

    def crawl_delay(self, agent: str) -> float:
        delay = self.parser.crawl_delay(agent) if self.parser is not None else None
        return min(float(delay), MAX_CRAWL_DELAY) if delay else 0.0


class RobotsCache:
    """One ``HostRules`` per scheme://host:port; concurrent callers for a host wait for one fetch."""

    def __init__(self, fetch: Callable[[str], RawResponse]):
        self._fetch = fetch
        self._rules: dict[str, HostRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def rules_for(self, url: str) -> HostRules:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._rules:
                self._rules[origin] = self._load(origin)
            return self._rules[origin]

    def _load(self, origin: str) -> HostRules:
        try:
            response = self._fetch(f"{origin}/robots.txt")
        except Skip as exc:
            if is_connection_failure(exc):
                return HostRules(None, exc)  # the host's pages would fail the same way
            return HostRules(None)  # a robots.txt we cannot use for another reason (too large): no rules
        if response.status >= 500:
            return HostRules(None, Skip("robots", f"robots.txt answers HTTP {response.status}: the site asks crawlers to stay away for now"))
        if response.status != 200:
            return HostRules(None)
        parser = RobotFileParser()
        parser.parse(response.data[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace").splitlines())
        return HostRules(parser)
