"""DATE mentions and their resolution against the publication date.

Patterns come from ``rules/<lang>/dates.jsonl``; each says how its phrase
resolves: ``relative`` (``unit`` year|month and ``offset``: "this year",
"last month", "до конца года"), ``year`` (a written year: "к 2025 году",
"2023-2024" → 2023) or ``month``/``day`` (the month and day of "by September 1",
"в сентябре": read from ``rules/<lang>/date_words.json`` by ``month_day``, by dateparser when the
table cannot say).  A phrase that needs the publication date
resolves to nothing when the date is unknown: a wrong date is worse than none.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..rulebook import RuleEntry, load_patterns
from .anchored import AnchoredMatcher
from .month_day import MonthDayReader

YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")

if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)
if not Span.has_extension("date"):
    Span.set_extension("date", default=None)


def shift_month(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + (day.month - 1) + months
    return index // 12, index % 12 + 1


@lru_cache(maxsize=4096)
def _dateparser_read(text: str, lang: str, base: dt.date | None) -> dt.datetime | None:
    from dateparser.search import search_dates

    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    found = search_dates(text, languages=[lang], settings=settings)
    return found[0][1] if found else None


def _month_day(reader: MonthDayReader | None, text: str, lang: str, base: dt.date | None) -> tuple[int, int] | None:
    """(month, day) of a month/day phrase: from the table when it can say (no dateparser loaded), else dateparser."""
    read = reader.read(text) if reader is not None else None
    if read is not None:
        return read
    parsed = _dateparser_read(text, lang, base)
    return None if parsed is None else (parsed.month, parsed.day)


def _in_calendar(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def resolve(entry: RuleEntry, span: Span, lang: str, published: dt.date | None,
            reader: MonthDayReader | None = None) -> str | None:
    """ISO date (YYYY, YYYY-MM or YYYY-MM-DD) that ``span`` denotes under ``entry``."""
    how = entry.get("resolve")
    written_year = YEAR.search(span.text)
    if how == "relative":
        if published is None:
            return None
        offset = int(entry.get("offset", 0))
        if entry.get("unit") == "month":
            year, month = shift_month(published, offset)
            return f"{year:04d}-{month:02d}"
        return f"{published.year + offset:04d}"
    if how == "year":
        return written_year.group(1) if written_year else None
    if how in ("month", "day"):
        if written_year is None and published is None:
            return None
        words = [t.lemma_ if lang == "ru" and t.is_alpha else t.text for t in span]
        month_day = _month_day(reader, " ".join(words), lang, published)
        if month_day is None:
            return None
        month, day = month_day
        # dateparser's year is never used: the written year, else the publication year
        year = int(written_year.group(1)) if written_year else published.year
        if how == "day" and not _in_calendar(year, month, day):
            return None  # "29 февраля" of 2021, "31 April": a wrong date is worse than none
        return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if how == "day" else "")
    return None


class DateFinder:
    def __init__(self, nlp: Language):
        self.lang = nlp.lang
        self.month_days = MonthDayReader.for_language(nlp.lang)
        self.matcher = AnchoredMatcher(nlp.vocab, validate=True)
        self.entries: dict[str, RuleEntry] = {}
        for entry in load_patterns(nlp.lang, "dates"):
            self.entries[entry.id] = entry
            pattern = entry.pattern if isinstance(entry.pattern, list) else [
                {"LOWER": word} for word in entry.pattern.lower().split()
            ]
            self.matcher.add(entry.id, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, s, e, label="DATE", span_id=doc.vocab.strings[m]) for m, s, e in self.matcher(doc)]
        spans.sort(key=lambda s: (-(s.end - s.start), s.start, s.id_))
        kept = sorted(filter_spans(spans), key=lambda s: s.start)
        for span in kept:
            span._.date = resolve(self.entries[span.id_], span, self.lang, doc._.published, self.month_days)
        doc.spans["date"] = kept
        return doc


@Language.factory("medfacts_dates")
def make_date_finder(nlp: Language, name: str) -> DateFinder:
    return DateFinder(nlp)
