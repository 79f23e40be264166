"""Hedged figures: "more than 100 beds", "около 50 врачей", "up to 20 ambulances".

The words right before a number say whether it is a bound or an estimate; the
fact keeps the number and gets a ``qualifier`` (more_than, at_least, about,
up_to, less_than).  The cues are data: ``rules/<lang>/qualifiers.jsonl``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..rulebook import load_jsonl

QUALIFIERS = ("more_than", "at_least", "about", "up_to", "less_than")
LOOKBEHIND = 60  # characters before the number that can hold a cue


@lru_cache(maxsize=None)
def _cues(lang: str) -> tuple[tuple[re.Pattern, re.Pattern | None, str, str], ...]:
    """(phrase at the end of the text, forbidden text before it, qualifier, rule id), longest phrase first."""
    cues = []
    for row in load_jsonl(f"{lang}/qualifiers.jsonl"):
        if row.get("qualifier") not in QUALIFIERS:
            raise ValueError(f"rules/{lang}/qualifiers.jsonl: {row.get('id')}: qualifier must be one of {QUALIFIERS}")
        words = r"\s+".join(re.escape(word) for word in row["pattern"].split())
        phrase = re.compile(rf"(?<!\w){words}\s*$", re.IGNORECASE)
        not_after = re.compile(row["not_after"], re.IGNORECASE) if row.get("not_after") else None
        cues.append((len(row["pattern"]), phrase, not_after, row["qualifier"], row["id"]))
    return tuple(cue[1:] for cue in sorted(cues, key=lambda cue: -cue[0]))


def qualifier_of(text: str, start_char: int, lang: str) -> tuple[str | None, str | None]:
    """(qualifier, rule id) of the number starting at ``start_char`` in ``text``, or (None, None)."""
    before = text[max(0, start_char - LOOKBEHIND) : start_char]
    for phrase, not_after, qualifier, rule in _cues(lang):
        match = phrase.search(before)
        if match is None:
            continue
        if not_after is not None and not_after.search(before[: match.start()]):
            return None, None
        return qualifier, rule
    return None, None
