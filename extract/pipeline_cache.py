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

import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from spacy.language import Language

from .rulebook import rules_hash

NO_CACHE_ENV = "MEDFACTS_NO_CACHE"
KEEP = 8  # key folders kept; older ones (other rules, older code) are removed when a new one is written
PACKAGE = Path(__file__).resolve().parent


def enabled() -> bool:
    return os.environ.get(NO_CACHE_ENV, "").strip().lower() in ("", "0", "false", "no")


def cache_root() -> Path:
    """``$XDG_CACHE_HOME/medfacts``, or ``~/.cache/medfacts``."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base).expanduser() if base else Path.home() / ".cache") / "medfacts"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """This package's source and the libraries whose behaviour is baked into a built pipeline."""
    import pymorphy3
    import pymorphy3_dicts_ru
    import spacy
    import spacy_lookups_data

    digest = hashlib.sha256()
    for part in (sys.version, spacy.__version__, pymorphy3.__version__, pymorphy3_dicts_ru.__version__,
                 getattr(spacy_lookups_data, "__version__", ""), str(pickle.HIGHEST_PROTOCOL)):
        digest.update(part.encode() + b"\0")
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


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
