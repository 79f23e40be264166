"""Expand what the user typed (URLs, files, directories, a URL list) into sources."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HTML_SUFFIXES = {".html", ".htm"}
TEXT_SUFFIXES = {".txt"}
WARC_SUFFIXES = (".warc", ".warc.gz")


@dataclass(frozen=True)
class Source:
    """One thing to ingest; ``locator`` is kept exactly as the user gave it."""

    locator: str
    kind: str  # url | html | text | warc (a whole WARC file, or one record of it) | invalid
    problem: str | None = None
    reason: str = "not_found"  # skip reason code when kind is invalid
    warc_path: str | None = None  # for one WARC record: the file and the record's offset in it
    warc_offset: int | None = None

    @property
    def path(self) -> Path:
        return Path(self.locator)


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def is_warc(locator: str) -> bool:
    return locator.lower().endswith(WARC_SUFFIXES)


def expand(arguments: list[str], url_files: list[str] | None = None, split_warc: bool = True) -> list[Source]:
    """Sources in the order given; directories are walked recursively (sorted).

    A WARC file becomes one source per HTML response record (``split_warc``), or stays one
    source of kind ``warc`` for callers that read whole archives (the Dask ``extract``).
    """
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
        if "://" in argument and is_warc(argument):  # s3://, gs://, ... read through fsspec
            sources.append(Source(argument, "warc"))
            continue
        path = Path(argument)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                kind = _kind(child)
                if kind is not None:
                    sources.append(Source(str(child), kind))
        elif path.is_file():
            kind = _kind(path)
            sources.append(Source(argument, kind) if kind else Source(argument, "invalid", f"unsupported file type {path.suffix or '(none)'}: use .html, .htm, .txt, .warc or .warc.gz", "unsupported_type"))
        else:
            sources.append(Source(argument, "invalid", "no such file, directory or URL"))
    if split_warc:
        sources = [record for source in sources for record in _warc_records(source)]
    from .identity import canonical_key

    unique: dict[str, Source] = {}  # by canonical key: "../dir/x.html" and "dir/x.html" are one source
    for source in sources:
        key = canonical_key(source.locator)
        if key not in unique:
            unique[key] = source
        elif source.kind == "warc" and source.warc_path:
            unique[key] = source  # a later capture of the same URI is its newer version
    return list(unique.values())


def _warc_records(source: Source) -> list[Source]:
    if source.kind != "warc" or source.warc_path is not None:
        return [source]
    from .warc import pages

    try:
        records = [page.source() for page in pages(source.locator)]
    except Exception as exc:  # warcio raises many kinds on a truncated or non-WARC file
        return [Source(source.locator, "invalid", f"cannot read WARC: {exc}", "broken_warc")]
    return records or [Source(source.locator, "invalid", "no HTML response records in this WARC", "empty")]


def _kind(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if is_warc(str(path)):
        return "warc"
    return None
