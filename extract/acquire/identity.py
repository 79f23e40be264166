"""Which sources are the same: canonical keys, and near-duplicate texts.

The ``source`` column keeps what the user typed; the key decides identity, so
``../dir/x.html`` and ``dir/x.html``, or a URL with a ``#comments`` fragment,
``:443`` or ``utm_source=`` parameters, are one source.  Near-duplicates (an
agency story republished with a few words changed) are found by trafilatura's
Simhash over the clean text.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

from .sources import is_url

NEAR_DUPLICATE_SIMILARITY = 0.9  # share of the 64 simhash bits that agree


def canonical_key(locator: str) -> str:
    """A resolved absolute path for a file, a normalised URL for a URL."""
    if is_url(locator):
        return canonical_url(locator)
    return str(Path(locator).expanduser().resolve())


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters (courlan)."""
    from courlan import normalize_url

    try:
        normalised = normalize_url(url.strip())
    except (ValueError, AttributeError):
        return url.strip()
    parts = urlsplit(normalised)
    path = urlsplit(urljoin(f"{parts.scheme}://{parts.netloc}/", parts.path or "/")).path  # /a/../b → /b
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def simhash(text: str) -> str:
    """64-bit Simhash of the clean text, as hex (trafilatura.deduplication)."""
    from trafilatura.deduplication import Simhash

    return Simhash(text).to_hex()


def similarity(first: str, second: str) -> float:
    from trafilatura.deduplication import Simhash

    return Simhash(existing_hash=first).similarity(Simhash(existing_hash=second))


class NearDuplicates:
    """Simhashes of the documents already kept; ``original_of`` names the one a new text repeats."""

    def __init__(self, known: dict[str, str] | None = None, threshold: float = NEAR_DUPLICATE_SIMILARITY):
        self.threshold = threshold
        self._hashes: dict[str, int] = {doc_id: int(value, 16) for doc_id, value in (known or {}).items() if value}

    def original_of(self, doc_id: str, hash_hex: str) -> str | None:
        value = int(hash_hex, 16)
        most_differing_bits = int(64 * (1 - self.threshold))
        best, best_distance = None, most_differing_bits + 1
        for other_id, other in self._hashes.items():
            if other_id == doc_id:
                continue
            distance = (value ^ other).bit_count()
            if distance < best_distance:
                best, best_distance = other_id, distance
        return best

    def mark(self, document: dict, replaces: str | None = None) -> None:
        """Set ``near_duplicate_of`` on a document about to be written; an original joins the index."""
        if replaces is not None:
            self.forget(replaces)
        if not document.get("simhash"):
            return
        document["near_duplicate_of"] = self.original_of(document["doc_id"], document["simhash"])
        if document["near_duplicate_of"] is None:
            self.add(document["doc_id"], document["simhash"])

    def add(self, doc_id: str, hash_hex: str) -> None:
        self._hashes[doc_id] = int(hash_hex, 16)

    def forget(self, doc_id: str) -> None:
        self._hashes.pop(doc_id, None)
