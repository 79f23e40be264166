"""Which language a text is in: ``en`` or ``ru``, anything else is skipped.

langdetect has no Kazakh profile and would call Kazakh Cyrillic Russian, so
Kazakh is caught first by its own letters (ә ғ қ ң ө ұ ү һ і).  The detector
is seeded: the same text always gets the same answer.
"""

from __future__ import annotations

from .fetch import Skip
from ..rulebook import SUPPORTED_LANGS

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
KAZAKH_SHARE = 0.015  # Russian text about Kazakhstan has a few names with these letters; Kazakh has ~5 %
SAMPLE_CHARS = 5000


def detect(text: str) -> str:
    """``en`` or ``ru``; raises ``Skip`` for Kazakh and every other language."""
    sample = text[:SAMPLE_CHARS]
    cyrillic = [ch for ch in sample if "\u0400" <= ch <= "\u04ff"]
    if cyrillic and sum(ch in KAZAKH_LETTERS for ch in cyrillic) / len(cyrillic) > KAZAKH_SHARE:
        raise Skip("language", "Kazakh text: medfacts reads Russian and English only")
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        guesses = detect_langs(sample)
    except LangDetectException as exc:
        raise Skip("language", f"cannot tell the language: {exc}") from exc
    best = guesses[0]
    if best.lang in SUPPORTED_LANGS and best.prob >= 0.5:
        return best.lang
    raise Skip("language", f"unsupported language {best.lang!r} (p={best.prob:.2f}): medfacts reads Russian and English only")
