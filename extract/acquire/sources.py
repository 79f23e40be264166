"""Expand what the user typed (URLs, files, directories, a URL list) into sources."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HTML_SUFFIXES = {".html", ".htm"}
TEXT_SUFFIXES = {".txt"}


@dataclass(frozen=True)
class Source:
    """One thing to ingest; ``locator`` is kept exactly as the user gave it."""

    locator: str
    kind: str  # url | html | text | invalid
    problem: str | None = None
    reason: str = "not_found"  # skip reason code when kind is invalid

    @property
    def path(self) -> Path:
        return Path(self.locator)


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def expand(arguments: list[str], url_files: list[str] | None = None) -> list[Source]:
    """Sources in the order given; directories are walked recursively (sorted)."""
    sources: list[Source] = []
    for url_file in url_files or []:
        path = Path(url_file)
        if not path.is_file():
            sources.append(Source(url_file, "invalid", f"URL list not found: {url_file}"))
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                sources.append(Source(line, "url") if is_url(line) else Source(line, "invalid", "not an http(s) URL", "unsupported_type"))
    for argument in arguments:
        if is_url(argument):
            sources.append(Source(argument, "url"))
            continue
        path = Path(argument)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                kind = _kind(child)
                if kind is not None:
                    sources.append(Source(str(child), kind))
        elif path.is_file():
            kind = _kind(path)
            sources.append(Source(argument, kind) if kind else Source(argument, "invalid", f"unsupported file type {path.suffix or '(none)'}: use .html, .htm or .txt", "unsupported_type"))
        else:
            sources.append(Source(argument, "invalid", "no such file, directory or URL"))
    seen, unique = set(), []
    for source in sources:
        if source.locator not in seen:
            seen.add(source.locator)
            unique.append(source)
    return unique


def _kind(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return None
