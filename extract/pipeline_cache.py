"""Built pipelines kept on disk, so a short run does not rebuild its matchers from ``rules/`` every time.

Building the Russian pipeline (phrase Docs for thousands of gazetteer forms, their lemmas,
the token patterns) costs about a second of CPU; unpickling it costs a third of that:
spaCy pickles a PhraseMatcher as the attribute hashes of its phrases, not as Docs.
A pickle lives under ``$XDG_CACHE_HOME/medfacts/<key>/`` (default ``~/.cache``), where the key
hashes the rules in use (``--rules DIR`` gets its own folder), this package's source and
the versions of the libraries that shape a built pipeline; anything else is never reused.
Files are written whole (temporary file, then rename); one that cannot be read is rebuilt.
``MEDFACTS_NO_CACHE=1`` (``medfacts --no-cache``) builds every time and writes nothing.
"""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .fingerprint import code_fingerprint
from .rulebook import rules_hash

if TYPE_CHECKING:  # `medfacts info` names the cache folder without importing spaCy
    from spacy.language import Language

NO_CACHE_ENV = "MEDFACTS_NO_CACHE"
KEEP = 8  # key folders kept; older ones (other rules, older code) are removed when a new one is written


def enabled() -> bool:
    return os.environ.get(NO_CACHE_ENV, "").strip().lower() in ("", "0", "false", "no")


def cache_root() -> Path:
    """``$XDG_CACHE_HOME/medfacts``, or ``~/.cache/medfacts``."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base).expanduser() if base else Path.home() / ".cache") / "medfacts"


def cache_dir() -> Path:
    """The folder for the rules in use and this code."""
    return cache_root() / f"{rules_hash()}-{code_fingerprint()}"


def _file(lang: str) -> Path:
    return cache_dir() / f"pipeline-{lang}.pickle"


def load(lang: str) -> Language | None:
    """The pipeline of ``lang`` as stored for these rules and this code, or None (absent, unreadable, disabled)."""
    if not enabled():
        return None
    try:
        with _file(lang).open("rb") as handle:
            nlp = pickle.load(handle)
    except Exception:  # absent, truncated, written by another version: build it again
        return None
    from spacy.language import Language

    return nlp if isinstance(nlp, Language) and nlp.lang == lang else None


def store(lang: str, nlp: Language) -> None:
    """Keep a freshly built pipeline for the next process; a cache that cannot be written is skipped."""
    if not enabled():
        return
    target = _file(lang)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", delete=False) as handle:
            temporary = Path(handle.name)
            try:
                pickle.dump(nlp, handle, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                handle.close()
                temporary.unlink(missing_ok=True)
                raise
        os.replace(temporary, target)
    except Exception:  # read-only home, full disk, an unpicklable component: run without a cache
        return
    _prune(target.parent)


def _prune(current: Path) -> None:
    """Remove the key folders beyond the ``KEEP`` most recently written (rules and code long replaced)."""
    try:
        folders = sorted((p for p in current.parent.iterdir() if p.is_dir() and p != current),
                         key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for stale in folders[KEEP - 1:]:
        shutil.rmtree(stale, ignore_errors=True)
