"""One HTTP request under a total deadline: status, headers and a size-capped body.

No redirects and no retries here (the download loop decides those); the
connection pool is trafilatura's, which refuses non-public peers after
connecting (so DNS rebinding cannot slip past) unless private addresses are allowed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import urllib3

from .outcomes import Skip, from_network_error, timed_out, too_large

CHUNK = 64 * 1024


@dataclass
class RawResponse:
    url: str
    status: int
    headers: dict[str, str]  # lower-case names
    data: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def make_pool(allow_private: bool, per_host: int) -> urllib3.PoolManager:
    from trafilatura.downloads import create_pool

    return create_pool(ssrf_protection=not allow_private, maxsize=max(per_host, 1), block=False)


def request(
    pool: urllib3.PoolManager,
    url: str,
    headers: dict[str, str],
    *,
    deadline: float,
    timeout: float,
    max_bytes: int,
) -> RawResponse:
    """GET ``url``; the body is read in chunks so a trickling server still ends at ``deadline``."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise timed_out(timeout)
    try:
        response = pool.request(
            "GET", url, headers=headers, redirect=False, retries=False, preload_content=False,
            timeout=urllib3.Timeout(connect=remaining, read=remaining),
        )
    except Exception as exc:  # urllib3 and socket raise many kinds; each becomes a sentence
        raise from_network_error(exc, timeout) from exc
    try:
        lower = {name.lower(): value for name, value in response.headers.items()}
        declared = lower.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise too_large(max_bytes, int(declared))
        if response.status != 200:
            response.close()  # error pages, redirects and 304s: their bodies are not needed
            return RawResponse(url, response.status, lower, b"")
        return RawResponse(url, response.status, lower, _read_body(response, deadline, timeout, max_bytes))
    finally:
        response.release_conn()


def _read_body(response, deadline: float, timeout: float, max_bytes: int) -> bytes:
    chunks, size = [], 0
    try:
        while True:
            if time.monotonic() > deadline:
                raise timed_out(timeout)
            chunk = response.read1(CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise too_large(max_bytes)
            chunks.append(chunk)
    except Skip:
        raise
    except Exception as exc:
        raise from_network_error(exc, timeout) from exc
    return b"".join(chunks)
