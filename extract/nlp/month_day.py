"""Month and day of a date phrase that the date patterns have already isolated ("в начало ноябрь",
"by October 15", "of January 1 , 2021"), read from a table instead of by dateparser.

dateparser's ``search_dates`` costs 0.3-1 s on its first call in a process (its import and the
locale and timezone regexes it compiles), which was a third of a one-page ingest's start-up.  The
phrases our patterns isolate are a month name, a day number, a year and words that change neither
(prepositions, "the end of", "год"): for those the table gives dateparser's answer.  Anything else
(an unknown word, two months) returns None and the caller asks dateparser.
``scripts/check_month_day.py`` compares the two on every phrase the date patterns of ``rules/`` can
produce.  Where dateparser is no month-name reader the table is right and the script says so: "с марта
2021 года" (dateparser: nothing, or the publication month), "before January 2" (January 1), "29 февраля"
of a year that has none (stored as "2021-02-29"; now no date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..rulebook import load_json, rules_dir

YEAR_WORD = re.compile(r"(19[5-9]\d|20\d\d)")
# Whether "29 февраль" or "31 April" is a date depends on the year: ``dates.resolve`` checks the calendar.
DAY_WORD = re.compile(r"([1-9]|[12]\d|3[01])(st|nd|rd|th)?")


@dataclass(frozen=True)
class MonthDayReader:
    """The month names (word → 1-12) and the neutral words of one language; ``ignore_case``: a word is
    looked up lowercased (English words come as written; Russian ones as lemmas, already lowercase, and
    dateparser reads an upper-case "Г." differently, so Russian words are looked up as they are)."""

    months: dict[str, int] = field(default_factory=dict)
    neutral: frozenset[str] = frozenset()
    ignore_case: bool = False

    @classmethod
    def for_language(cls, lang: str) -> MonthDayReader:
        """From ``rules/<lang>/date_words.json``; a rules folder without it reads nothing (all to dateparser)."""
        if not (rules_dir() / lang / "date_words.json").exists():
            return cls()
        table = load_json(f"{lang}/date_words.json")
        return cls({name: int(number) for name, number in table.get("months", {}).items()},
                   frozenset(table.get("neutral", ())), bool(table.get("ignore_case", False)))

    def read(self, phrase: str) -> tuple[int, int] | None:
        """(month, day) of a phrase of space-separated words (day 1 when none is written), or None when the
        table cannot say: the caller then asks dateparser."""
        month = day = None
        years = 0
        for word in (phrase.lower() if self.ignore_case else phrase).split():
            if word in self.months:
                if month is not None:
                    return None
                month = self.months[word]
            elif YEAR_WORD.fullmatch(word):
                years += 1
            elif (found := DAY_WORD.fullmatch(word)) is not None:
                if day is not None:
                    return None
                day = int(found.group(1))
            elif word not in self.neutral:
                return None
        if month is None or years > 1:
            return None
        return month, day or 1
