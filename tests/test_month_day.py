"""Month and day of a date phrase from the table of rules/<lang>/date_words.json: dateparser's answers, without
loading dateparser for the phrases the table can read (scripts/check_month_day.py tries every phrase the
patterns produce)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from extract.nlp.dates import _dateparser_read, resolve
from extract.nlp.month_day import MonthDayReader
from extract.pipeline import extract, pipeline

BASE = dt.date(2025, 6, 15)


def dateparser_month_day(phrase: str, lang: str) -> tuple[int, int] | None:
    parsed = _dateparser_read(phrase, lang, BASE)
    return None if parsed is None else (parsed.month, parsed.day)


@pytest.mark.parametrize("phrase, lang, month_day", [
    ("к 15 сентябрь", "ru", (9, 15)),           # dateparser.parse reads nothing here; search_dates and the table do
    ("в сентябрь", "ru", (9, 1)),
    ("на 21 июль 2020 год", "ru", (7, 21)),
    ("до конец ноябрь", "ru", (11, 1)),           # the end of a month is the month
    ("в середина март 2024 г.", "ru", (3, 1)),
    ("со 2 май", "ru", (5, 2)),
    ("1 March", "en", (3, 1)),
    ("March 2025", "en", (3, 1)),
    ("by the 3rd of MARCH , 2021", "en", (3, 3)),
    ("Since July 1 ,", "en", (7, 1)),
    ("this Sept", "en", (9, 1)),
    ("late November", "en", (11, 1)),
    ("by May", "en", (5, 1)),
])
def test_the_table_reads_what_dateparser_reads(phrase, lang, month_day):
    assert MonthDayReader.for_language(lang).read(phrase) == month_day
    assert dateparser_month_day(phrase, lang) == month_day


@pytest.mark.parametrize("phrase, lang", [
    ("с март 2021 год", "ru"),      # dateparser finds no date here, and the month of its base in "с март 2021 г."
    ("с 1 март", "ru"),             # so every phrase with "с" is dateparser's,
    ("before January 2", "en"),     # and with "before" (January 1 to dateparser)
    ("29 февраль", "ru"),           # days past 28 depend on the year
    ("31 April", "en"),
    ("в 2025 год", "ru"),           # no month: a year phrase, not the table's
    ("March 5 March", "en"),        # two months
    ("around March", "en"),         # a word the table does not know
    ("в МАРТ 2021 Г.", "ru"),       # Russian words are looked up as they come (lemmas, lowercase)
])
def test_the_table_leaves_other_phrases_to_dateparser(phrase, lang):
    assert MonthDayReader.for_language(lang).read(phrase) is None


@pytest.mark.parametrize("text, lang", [
    ("К 15 сентября 2025 года закупят 20 аппаратов ИВЛ, а до конца года ещё 10. В 2025 году открыли 3 ФАПа.", "ru"),
    ("С 1 марта 2021 г. работают 40 коек, с марта 2021 года 12 машин скорой помощи, в середине мая 5 аппаратов.", "ru"),
    ("By March 2025 the region had 30 ventilators; on 1 March 15 more arrived, and 15.03.2025 saw 4 ambulances.", "en"),
    ("In 2025 the city will buy 12 ambulances, by the end of the year 20 beds, by the 3rd of June 9 CT scanners.", "en"),
])
def test_dates_through_the_pipeline_are_those_dateparser_gives(text, lang):
    doc = extract(text, lang, published=BASE)
    finder = pipeline(lang).get_pipe("medfacts_dates")
    spans = list(doc.spans["date"])
    assert spans
    for span in spans:
        entry = finder.entries[span.id_]
        assert span._.date == resolve(entry, span, lang, BASE, reader=None), span.text  # None: dateparser only


def test_a_document_whose_dates_the_table_reads_never_loads_dateparser():
    code = (
        "import sys\n"
        "from extract.pipeline import extract\n"
        "doc = extract('К 15 сентября закупят 20 аппаратов ИВЛ, в марте 2025 года ещё 10.', 'ru', published=__import__('datetime').date(2025, 6, 1))\n"
        "print([s._.date for s in doc.spans['date']], 'dateparser' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['2025-09-15', '2025-03'] False"
