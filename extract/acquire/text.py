"""Bytes → clean text and metadata (title, publication date, URL, site).

HTML goes through trafilatura (main text, boilerplate removed; metadata from
<meta>/JSON-LD only — its extensive date search takes "© 2025" footers for
publication dates, and a wrong date is worse than none).  Plain text is
decoded as UTF-8 or cp1251; its first line is the title.  The clean text is
what every offset in the warehouse points into.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .fetch import Fetched, Skip

MIN_CHARS = 40


@dataclass
class TextDocument:
    source: str
    text: str
    title: str | None
    published: dt.date | None
    url: str | None
    sitename: str | None
    provenance: dict[str, Any] = field(default_factory=dict)  # where the bytes were (WARC file, offset, capture date)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else cp1251 — the two encodings Kazakh sites use."""
    if not data.strip():
        raise Skip("empty", "file is empty")
    sample = data[:4096]
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) * 0.05:
        raise Skip("binary", "binary data, not text or HTML")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError as exc:
        raise Skip("encoding", f"neither UTF-8 nor cp1251: {exc.reason}") from exc
    letters = [ch for ch in text if ch.isalpha()]
    if letters and sum("а" <= ch.lower() <= "я" or ch in "ёЁ" or ch.isascii() for ch in letters) < 0.9 * len(letters):
        raise Skip("encoding", "not UTF-8, and not readable as cp1251 either")
    return text


def normalise(text: str) -> str:
    """One paragraph a line, no trailing spaces, no runs of blank lines."""
    text = normalise_newlines(text)
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def to_document(fetched: Fetched) -> TextDocument:
    document = _from_text(fetched) if fetched.kind == "text" else _from_html(fetched)
    document.provenance = dict(fetched.provenance)
    return document


TITLE_MAX_CHARS = 200
SENTENCE_END = (".", "…", "!", ";", ":", ",")


def _from_text(fetched: Fetched) -> TextDocument:
    title, body = split_title(decode(fetched.data))
    if title is not None and body.partition("\n")[0].strip() == title:
        body = body.partition("\n")[2]  # the title repeated as the first line of the body
    _require_text(body)
    return TextDocument(fetched.source.locator, body, title, None, fetched.url, None)


def split_title(raw: str) -> tuple[str | None, str]:
    """(title, normalised body) of a text file.

    The first line is a title only when it looks like one: short, not ending
    like a sentence, and followed by a blank line.  Otherwise it is the body's
    first sentence ("В области не хватает 120 врачей." carries a figure).
    """
    lines = normalise_newlines(raw).split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if len(lines) < 3:
        return None, normalise(raw)
    first = re.sub(r"[ \t]+", " ", lines[0]).strip()
    body = normalise("\n".join(lines[1:]))
    looks_like_title = len(first) <= TITLE_MAX_CHARS and not first.endswith(SENTENCE_END) and not lines[1].strip()
    if looks_like_title and len(body) >= MIN_CHARS:
        return first, body
    return None, normalise(raw)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")


def _from_html(fetched: Fetched) -> TextDocument:
    import trafilatura

    html = decode(fetched.data) if not _declares_charset(fetched.data) else fetched.data
    try:
        result = trafilatura.bare_extraction(
            html,
            url=fetched.url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # lxml and trafilatura raise many kinds on broken markup
        raise Skip("broken_html", f"cannot parse HTML: {exc}") from exc
    if result is None or not getattr(result, "text", None):
        raise Skip("empty", "no main text found in the page")
    text = normalise(result.text)
    _require_text(text)
    published = None
    if result.date:
        try:
            published = dt.date.fromisoformat(result.date[:10])
        except ValueError:
            published = None
    title = result.title
    if title and text.startswith(title):
        text = normalise(text[len(title):])
    return TextDocument(fetched.source.locator, text, title or None, published, result.url or fetched.url, result.sitename)


def _declares_charset(data: bytes) -> bool:
    head = data[:2048].lower()
    return b"charset" in head


def _require_text(text: str) -> None:
    if len(text.strip()) < MIN_CHARS:
        raise Skip("empty", f"only {len(text.strip())} characters of text")
