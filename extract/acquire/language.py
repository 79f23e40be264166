"""Which language a text is in: ``en`` or ``ru``, anything else is skipped.

langdetect has no Kazakh profile and would call Kazakh Cyrillic Russian, so
Kazakh is caught first by its own letters (ә ғ қ ң ө ұ ү һ і).  A long text
written almost wholly in one script, with that language's common words, is
settled without langdetect (it costs ~5 ms a page); anything less clear goes
to the detector, which is seeded: the same text always gets the same answer.
"""

from __future__ import annotations

import re

from .fetch import Skip
from ..rulebook import SUPPORTED_LANGS

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
KAZAKH_SHARE = 0.015  # Russian text about Kazakhstan has a few names with these letters; Kazakh has ~5 %
SAMPLE_CHARS = 5000

# The cheap check: at least this many letters, this share of them in one script, and this share of
# the words among the language's commonest (running text has 15-30 %; a list of names has almost none).
CHEAP_MIN_LETTERS = 300
CHEAP_SCRIPT_SHARE = 0.97
CHEAP_COMMON_SHARE = 0.08
COMMON_WORDS = {
    "en": frozenset("the of and to in a is was for on that with by as are at from it its has have be were this which "
                    "an will said also been their".split()),
    "ru": frozenset("и в на с по не что для из о к от за а это как до также у области году было были будет "
                    "более его их который которые".split()),
}
NOT_RUSSIAN_CYRILLIC = set("ієїґўј")  # Ukrainian, Belarusian, Serbian/Macedonian letters
CYRILLIC = re.compile("[\u0400-\u04ff]")  # counted by regex: a Python loop over 5,000 characters cost ~0.3 ms
LATIN = re.compile("[a-zA-Z]")


def detect(text: str) -> str:
    """``en`` or ``ru``; raises ``Skip`` for Kazakh and every other language."""
    sample = text[:SAMPLE_CHARS]
    cyrillic = CYRILLIC.findall(sample)
    if cyrillic and sum(map(KAZAKH_LETTERS.__contains__, cyrillic)) / len(cyrillic) > KAZAKH_SHARE:
        raise Skip("language", "Kazakh text: medfacts reads Russian and English only")
    settled = _cheap_guess(sample, len(cyrillic))
    if settled is not None:
        return settled
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


def _cheap_guess(sample: str, cyrillic: int) -> str | None:
    """``en`` or ``ru`` when the script and the common words leave no doubt, else None (ask langdetect)."""
    letters = sum(map(str.isalpha, sample))
    if letters < CHEAP_MIN_LETTERS:
        return None
    latin = len(LATIN.findall(sample))
    if cyrillic >= CHEAP_SCRIPT_SHARE * letters and not NOT_RUSSIAN_CYRILLIC.intersection(sample.lower()):
        lang = "ru"
    elif latin >= CHEAP_SCRIPT_SHARE * letters:
        lang = "en"
    else:
        return None
    words = [word.strip(".,;:!?«»\"'()[]—–-") for word in sample.lower().split()]
    words = [word for word in words if word]
    if words and sum(word in COMMON_WORDS[lang] for word in words) >= CHEAP_COMMON_SHARE * len(words):
        return lang
    return None
