"""Named outcomes for sources that cannot be ingested, with messages a user can act on.

Scrapy turns every download failure into a named outcome; so do we: one
``Skip`` carries a short reason code (stored in ``skipped.reason``) and a
sentence that says what happened ("HTTP 500", "timed out after 20 s").
"""

from __future__ import annotations

import socket
from http import HTTPStatus

import urllib3.exceptions as u3


class Skip(Exception):
    """A source that cannot be ingested; ``reason`` is a short code, the message says why."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


# Failures of the connection itself (as opposed to an answer we did not like):
# a host that gives several of these in a row is not worth more waiting.
CONNECTION_FAILURES = ("timed out", "connection refused", "name not resolved", "cannot connect", "connection dropped")


def is_connection_failure(skip: Skip) -> bool:
    return skip.reason == "fetch" and skip.message.startswith(CONNECTION_FAILURES)


def http_status(status: int) -> Skip:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    return Skip("fetch", f"HTTP {status} {phrase}".rstrip())


def timed_out(timeout: float) -> Skip:
    return Skip("fetch", f"timed out after {timeout:g} s")


def too_large(max_bytes: int, size: int | None = None) -> Skip:
    where = f"{megabytes(size)}, " if size else ""
    return Skip("too_large", f"{where}over the {megabytes(max_bytes)} limit")


def megabytes(size: int) -> str:
    return f"{size / 1e6:.0f} MB" if size >= 10e6 else f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{size / 1e3:.1f} kB"


def unsupported_content(content_type: str) -> Skip:
    return Skip("unsupported_type", f"content type {content_type} is not supported")


def from_network_error(exc: BaseException, timeout: float) -> Skip:
    """The urllib3/socket exception of one request, as a sentence."""
    if isinstance(exc, u3.NameResolutionError) or isinstance(_root(exc), socket.gaierror):
        return Skip("fetch", "name not resolved")
    if "SSRF protection" in str(exc):  # trafilatura's pool refuses non-public peers
        return Skip("fetch", "private address (use --allow-private)")
    if isinstance(_root(exc), ConnectionRefusedError) or "Connection refused" in str(exc):
        return Skip("fetch", "connection refused")
    if isinstance(exc, (u3.TimeoutError, TimeoutError, socket.timeout)):  # after the above: NewConnectionError is one
        return timed_out(timeout)
    if isinstance(exc, u3.SSLError):
        return Skip("fetch", f"TLS error: {_root(exc)}")
    if isinstance(exc, u3.NewConnectionError):
        return Skip("fetch", f"cannot connect: {_root(exc)}")
    if isinstance(exc, (u3.ProtocolError, ConnectionError)):
        return Skip("fetch", "connection dropped by the server")
    return Skip("fetch", f"cannot fetch: {type(exc).__name__}: {exc}")


def _root(exc: BaseException) -> BaseException:
    while exc.__cause__ is not None or exc.__context__ is not None:
        exc = exc.__cause__ or exc.__context__
    return exc
