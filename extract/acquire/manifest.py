"""Metadata sidecars: a JSON-lines file naming each source with its title, publication date and URL.

The format of ``corpus/manifest.jsonl``: one object a line with ``file`` or
``source`` (a path, relative to the manifest's folder) or ``url`` (a page to
fetch), and optionally ``title``, ``published`` (ISO date) and ``url`` (the
page's address when the bytes come from a file).  Sidecar values fill what a
page's own metadata leaves empty.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..rulebook import json_lines
from .identity import canonical_key
from .sources import Source, is_url


@dataclass(frozen=True)
class SidecarEntry:
    locator: str  # as it should be typed: a path relative to the current folder, or a URL
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None


class ManifestError(ValueError):
    """A sidecar line that cannot be read; the message names the file and line."""


class Manifest:
    """Entries by canonical key, so ``corpus/x.html`` and ``./corpus/x.html`` find the same one."""

    def __init__(self, entries: list[SidecarEntry] | None = None):
        self.entries = entries or []
        self._by_key = {canonical_key(entry.locator): entry for entry in self.entries}

    @classmethod
    def read(cls, paths: list[str | Path]) -> "Manifest":
        entries: list[SidecarEntry] = []
        for path in paths:
            entries.extend(_read_one(Path(path)))
        return cls(entries)

    def entry_for(self, locator: str) -> SidecarEntry | None:
        return self._by_key.get(canonical_key(locator)) if self._by_key else None

    def sources(self) -> list[str]:
        """The locators the manifest names, for a run given nothing else."""
        return [entry.locator for entry in self.entries]

    def __bool__(self) -> bool:
        return bool(self.entries)


def _read_one(path: Path) -> list[SidecarEntry]:
    try:
        records = json_lines(path, "#", ManifestError)
    except OSError as exc:
        raise ManifestError(f"cannot read manifest {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ManifestError(f"cannot read manifest {path}: not UTF-8 ({exc.reason})") from exc
    return [_entry(record, path, number) for number, record in records]


def _entry(record: dict, path: Path, number: int) -> SidecarEntry:
    named = record.get("source") or record.get("file")
    url = record.get("url") or None
    if named:
        locator = named if is_url(named) or Path(named).is_absolute() else str(path.parent / named)
    elif url:
        locator = url
    else:
        raise ManifestError(f"{path}:{number}: needs \"file\", \"source\" or \"url\"")
    published = record.get("published") or None
    if published is not None:
        try:
            published = dt.date.fromisoformat(str(published)[:10])
        except ValueError as exc:
            raise ManifestError(f"{path}:{number}: published {published!r} is not an ISO date") from exc
    return SidecarEntry(locator, record.get("title") or None, published, url)


def sidecar_for(manifest: Manifest | None, source: Source) -> SidecarEntry | None:
    return manifest.entry_for(source.locator) if manifest else None
