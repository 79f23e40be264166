"""Turn the way a number is written into its value.

"1,500" "1 958" "4,183" "1,2" (ru decimal) "ten" "twenty six" "пятидесяти"
"4 тысячи" "1,2 млн": digits with the language's separators, number words
from ``rules/<lang>/numbers.jsonl`` (matched on the lemma, so every Russian
case form counts) and multipliers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..rulebook import load_jsonl

SPACES = " \u00a0\u202f\u2009"
# Digits not glued to letters ("COVID-19", "H1N1", "2nd" are not counts).
DIGITS = re.compile(
    r"(?<![\w.,\-/])"
    r"(\d{1,3}(?:[" + SPACES + r"]\d{3})+(?![\d]|-[^\W\d_]{3})|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?=\D|$)|\d+(?:[.,]\d+)?)"
    r"(?:-(?:х|ти|ми|ух|ех|ёх|и|ми|x))?"
    # Not "5-й", "2-го" (ordinals); "300-bed" stays a number for the attacher to read, and "10 400-bed wards"
    # is 10 wards of 400 beds, not 10,400 (a grouped number never ends in a compound word).
    r"(?![\w]|[.,]\d|-(?:й|я|го|му|м|е|ое|ой|ая|ий|th|st|nd|rd)\b)"
)


@dataclass(frozen=True)
class NumberWord:
    value: float
    multiplier: bool
    rule: str
    alone: bool = False  # this written form of a multiplier counts on its own: "тысячу", "миллион"
    alone_after: frozenset[str] = frozenset()  # ... or after one of these words: "порядка тысячи", "a thousand"


@lru_cache(maxsize=None)
def number_words(lang: str) -> dict[str, NumberWord]:
    """Lowercase word or lemma → its value, from ``rules/<lang>/numbers.jsonl``."""
    table = {}
    for row in load_jsonl(f"{lang}/numbers.jsonl"):
        table[row["word"].lower()] = NumberWord(
            float(row["value"]), bool(row.get("multiplier")), row["id"], bool(row.get("alone")),
            frozenset(row.get("alone_after", ())),
        )
    return table


def parse_digits(text: str, lang: str) -> float | None:
    """Value of a digit string as written in ``lang`` ("1,500" en, "1,2" ru, "1 958")."""
    core = re.sub(r"-[^\d]+$", "", text)
    for space in SPACES:
        core = core.replace(space, "")
    if not core:
        return None
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", core):
        # A comma before exactly three digits groups thousands in both languages ("1,500");
        # a Russian decimal comma has one or two digits after it ("1,2 млн").
        return float(core.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(\.\d{3}){2,}", core):
        return float(core.replace(".", ""))
    if re.fullmatch(r"\d{1,3}\.\d{3}", core) and lang == "ru":
        return float(core.replace(".", ""))
    try:
        return float(core.replace(",", "."))
    except ValueError:
        return None


def combine_words(values: list[NumberWord]) -> float | None:
    """Value of consecutive number words: "twenty six" → 26, "сто двадцать" → 120, "two thousand" → 2000."""
    total, current = 0.0, 0.0
    seen = False
    for word in values:
        seen = True
        if word.multiplier:
            current = (current or 1.0) * word.value
            if word.value >= 1000:
                total += current
                current = 0.0
        else:
            current += word.value
    return total + current if seen else None
