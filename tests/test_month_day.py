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
    ("в 2025 год", "ru"),           # no month: a year phrase, not the table's
    ("March 5 March", "en"),        # two months
    ("around March", "en"),         # a word the table does not know
    ("в МАРТ 2021 Г.", "ru"),       # Russian words are looked up as they come (lemmas, lowercase)
])
def test_the_table_leaves_other_phrases_to_dateparser(phrase, lang):
    assert MonthDayReader.for_language(lang).read(phrase) is None


@pytest.mark.parametrize("phrase, lang, month_day", [
    ("с март 2021 год", "ru", (3, 1)),     # dateparser: nothing ("с март 2021 г.": the month of its base)
    ("с 1 март", "ru", (3, 1)),
    ("before January 2", "en", (1, 2)),   # dateparser: January 1
    ("before 13th August", "en", (8, 13)),  # dateparser: the 13th of its base's month
    ("29 февраль", "ru", (2, 29)),         # whether the year has it is resolve's question
    ("31 April", "en", (4, 31)),
])
def test_the_table_reads_phrases_where_dateparser_errs(phrase, lang, month_day):
    assert MonthDayReader.for_language(lang).read(phrase) == month_day


@pytest.mark.parametrize("text, lang, published, dates", [
    ("С марта 2021 года в области работают 12 машин скорой помощи.", "ru", BASE, ["2021-03"]),
    ("До 29 февраля закупят 5 аппаратов ИВЛ.", "ru", dt.date(2024, 1, 10), ["2024-02-29"]),
    ("До 29 февраля закупят 5 аппаратов ИВЛ.", "ru", dt.date(2021, 1, 10), [None]),  # 2021 has no 29 February
    ("Before January 2 the city will get 12 ambulances.", "en", BASE, ["2025-01-02"]),
])
def test_dates_dateparser_misread_are_read_from_the_phrase_and_checked_against_the_calendar(text, lang, published, dates):
    doc = extract(text, lang, published=published)
    assert [span._.date for span in doc.spans["date"]] == dates


@pytest.mark.parametrize("text, lang", [
    ("К 15 сентября 2025 года закупят 20 аппаратов ИВЛ, а до конца года ещё 10. В 2025 году открыли 3 ФАПа.", "ru"),
    ("На 1 марта 2021 г. работают 40 коек, в марте 2021 года 12 машин скорой помощи, в середине мая 5 аппаратов.", "ru"),
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
