"""Politeness per host: at most N requests at a time, a pause between them, and a
breaker that stops waiting on a host after several connection failures in a row."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager

from .outcomes import Skip

FAILURES_BEFORE_GIVING_UP = 3


class HostThrottle:
    def __init__(self, per_host: int, delay: float):
        self.per_host = max(per_host, 1)
        self.delay = delay
        self._guard = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next_start: dict[str, float] = {}
        self._delays: dict[str, float] = {}
        self._failures: dict[str, list[Skip]] = {}

    def set_delay(self, host: str, delay: float) -> None:
        """A longer pause for one host (robots.txt Crawl-delay)."""
        with self._guard:
            self._delays[host] = max(self.delay, delay)

    @contextmanager
    def slot(self, host: str):
        """Hold one of the host's connections; starts are spaced by the host's delay."""
        with self._guard:
            semaphore = self._slots.setdefault(host, threading.Semaphore(self.per_host))
        with semaphore:
            with self._guard:
                now = time.monotonic()
                start = max(now, self._next_start.get(host, now))
                self._next_start[host] = start + self._delays.get(host, self.delay)
            if start > now:
                time.sleep(start - now)
            yield

    def wait(self, host: str, seconds: float) -> None:
        """Push the host's next request back (a 429/503 Retry-After)."""
        with self._guard:
            self._next_start[host] = max(self._next_start.get(host, 0.0), time.monotonic() + seconds)

    # -- the breaker -------------------------------------------------------------
    def check(self, host: str) -> None:
        with self._guard:
            failures = self._failures.get(host, [])
        if len(failures) >= FAILURES_BEFORE_GIVING_UP:
            raise Skip("fetch", f"not tried: {host} failed {FAILURES_BEFORE_GIVING_UP} times in a row ({failures[-1].message})")

    def record(self, host: str, failure: Skip | None) -> None:
        with self._guard:
            if failure is None:
                self._failures.pop(host, None)
            else:
                self._failures.setdefault(host, []).append(failure)
