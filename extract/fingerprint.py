"""A fingerprint of the extraction code: this package's source and the versions of the libraries that shape
what it extracts (text, lemmas, matchers, dates).

Two uses: the key of the built-pipeline cache (``pipeline_cache.py``), and ``documents.code_hash``, so that a
re-ingest after an upgrade extracts an unchanged page again instead of keeping facts the old code produced.
Versions come from the installed distributions' metadata: nothing heavy is imported (a re-ingest of unchanged
pages never loads spaCy).
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from functools import lru_cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("spacy", "spacy-lookups-data", "pymorphy3", "pymorphy3-dicts-ru", "dateparser", "trafilatura",
             "langdetect")


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    digest = hashlib.sha256()
    for part in (sys.version, str(pickle.HIGHEST_PROTOCOL), *(f"{name}={_version(name)}" for name in LIBRARIES)):
        digest.update(part.encode() + b"\0")
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
