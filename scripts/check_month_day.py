#!/usr/bin/env python
"""Does the month/day table (extract/nlp/month_day.py) give dateparser's answer on every phrase the date
patterns can produce?  Run it after editing rules/<lang>/dates.jsonl or date_words.json.

Each ``month``/``day`` pattern of ``rules/<lang>/dates.jsonl`` is expanded into the word sequences it
matches, as ``dates.resolve`` hands them on (Russian words as lemmas): every value of an ``IN`` list,
every day 1-31 (with and without an ordinal suffix where the pattern allows one), a year, each
optional token present and absent.  For each phrase the table reads, dateparser must find the same
month and day, with several publication dates as its base; a sample is also tried in Title and UPPER
case (English words are handed on as written).  Exit status 1 on any difference.

    python scripts/check_month_day.py              # both languages, a sample of days, a few minutes
    python scripts/check_month_day.py --lang ru --sample 7
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extract.nlp.dates import _dateparser_read, _in_calendar  # noqa: E402
from extract.nlp.month_day import MonthDayReader  # noqa: E402
from extract.rulebook import load_patterns  # noqa: E402

BASES = (dt.date(2021, 6, 15), dt.date(2020, 12, 31), dt.date(2024, 2, 29))
YEARS = ("2021",)
# Days tried with every other slot's values (--all-days: 1-31): both ends of the table's range, the
# ordinal suffixes' special cases, and days it leaves to dateparser.
SAMPLE_DAYS = (1, 2, 3, 9, 11, 12, 13, 21, 22, 23, 28, 29, 31)
# Lemmas the Russian lemmatizer gives the words a year-word regex accepts ("году", "гг.", ...).
RU_YEAR_WORD_LEMMAS = ("год", "г", "г.", "гг", "гг.", "годовой")


def ordinal(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def values(spec: dict, lang: str, days: tuple[int, ...]) -> list[str | None]:
    """The words one token spec of a pattern can stand for (None: an optional token left out)."""
    optional = spec.get("OP") == "?"
    (key, condition), = ((k, v) for k, v in spec.items() if k != "OP")
    if isinstance(condition, str):
        words = [condition]
    elif "IN" in condition:
        words = list(dict.fromkeys(condition["IN"]))
    elif "REGEX" in condition:
        regex = condition["REGEX"]
        if regex.startswith("^(19[5-9]"):
            words = list(YEARS)
        elif regex.startswith("^([1-9]|[12]\\d|3[01])(st|nd|rd|th)?"):
            words = [f"{day}{suffix}" for day in days for suffix in dict.fromkeys(("", ordinal(day), "th"))]
        elif regex.startswith("^([1-9]|[12]\\d|3[01])"):
            words = [str(day) for day in days]
        elif regex.startswith("^(год"):
            words = list(RU_YEAR_WORD_LEMMAS)
        else:
            raise SystemExit(f"no sample words for the regex {regex!r} of {spec}; add them to {__file__}")
    else:
        raise SystemExit(f"cannot expand {spec}")
    return words + [None] if optional else words


def phrases(lang: str, days: tuple[int, ...] = SAMPLE_DAYS) -> list[str]:
    """Every phrase of the month/day patterns of ``lang``, once."""
    found: dict[str, None] = {}
    for entry in load_patterns(lang, "dates"):
        if entry.get("resolve") not in ("month", "day"):
            continue
        pattern = entry.pattern if isinstance(entry.pattern, list) else [{"LOWER": w} for w in entry.pattern.lower().split()]
        for words in itertools.product(*(values(spec, lang, days) for spec in pattern)):
            found[" ".join(word for word in words if word is not None)] = None
    return list(found)


# Words on which dateparser is no month-name reader, so the table does not follow it: "с март 2021 год" (it
# finds nothing, or with "г." the publication month), "before january 2" (January 1), "before 13th august"
# (the 13th of the publication month).
DATEPARSER_ERRORS = {"с", "before"}


def dateparser_error(text: str, read: tuple[int, int], base: dt.date) -> bool:
    """A known dateparser error, not a difference: a phrase with one of DATEPARSER_ERRORS, or a day the
    calendar of the year lacks ("29 февраль" of 2021: dates.resolve gives no date)."""
    if DATEPARSER_ERRORS & set(text.lower().split()):
        return True
    year = next((int(word) for word in text.split() if word.isdigit() and len(word) == 4), base.year)
    return not _in_calendar(year, *read)


def case_variants(phrase: str) -> list[str]:
    return [phrase.title(), phrase.upper()]


def check(lang: str, sample: int, days: tuple[int, ...]) -> tuple[int, int, list[str]]:
    reader = MonthDayReader.for_language(lang)
    all_phrases = phrases(lang, days)
    checked = 0
    differences = []
    for index, phrase in enumerate(all_phrases):
        tried = [phrase] + (case_variants(phrase) if index % sample == 0 else [])
        for text in tried:
            read = reader.read(text)
            if read is None:
                continue
            for base in BASES if index % sample == 0 else BASES[:1]:
                checked += 1
                parsed = _dateparser_read(text, lang, base)
                theirs = None if parsed is None else (parsed.month, parsed.day)
                if theirs != read and not dateparser_error(text, read, base):
                    differences.append(f"{lang} {text!r} base {base}: table {read}, dateparser {theirs}")
    return len(all_phrases), checked, differences


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", choices=("en", "ru"), action="append", help="default: both")
    parser.add_argument("--sample", type=int, default=11, help="every Nth phrase also in other cases and bases")
    parser.add_argument("--show", type=int, default=40, help="differences printed")
    parser.add_argument("--all-days", action="store_true", help="every day 1-31, not a sample (10x longer)")
    args = parser.parse_args()
    days = tuple(range(1, 32)) if args.all_days else SAMPLE_DAYS
    failed = False
    for lang in args.lang or ("en", "ru"):
        total, checked, differences = check(lang, args.sample, days)
        print(f"{lang}: {total} phrases, {checked} readings by the table compared with dateparser, "
              f"{len(differences)} differ")
        for line in differences[:args.show]:
            print("  " + line)
        failed |= bool(differences)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
