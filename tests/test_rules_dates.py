"""Time phrases and their resolution against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from extract.pipeline import extract

PUBLISHED = dt.date(2020, 7, 21)


def dates(text: str, lang: str, published: dt.date | None = PUBLISHED) -> list[tuple[str, str | None]]:
    doc = extract(text, lang, published=published)
    return [(span.text, span._.date) for span in doc.spans["date"]]


@pytest.mark.parametrize("text, lang, phrase, resolved", [
    ("The region will buy 20 ventilators this year.", "en", "this year", "2020"),
    ("Last year 30 ambulances were purchased.", "en", "Last year", "2019"),
    ("Next year 5 clinics will open.", "en", "Next year", "2021"),
    ("20 ambulances will be delivered by September 1.", "en", "by September 1", "2020-09-01"),
    ("They will be bought in December.", "en", "in December", "2020-12"),
    ("20 devices will be purchased until the end of this month.", "en", "until the end of this month", "2020-07"),
    ("100 ambulances are expected by the end of the year.", "en", "by the end of the year", "2020"),
    ("В этом году закупят 20 аппаратов ИВЛ.", "ru", "В этом году", "2020"),
    ("Закупят 20 аппаратов ИВЛ в этом году.", "ru", "в этом году", "2020"),
    ("В текущем году закупят 20 аппаратов ИВЛ.", "ru", "В текущем году", "2020"),
    ("В прошлом году закуплено 30 машин скорой помощи.", "ru", "В прошлом году", "2019"),
    ("В следующем году откроют 5 ФАПов.", "ru", "В следующем году", "2021"),
    ("До конца года закупят 20 аппаратов ИВЛ.", "ru", "До конца года", "2020"),
    ("В сентябре поступит 20 аппаратов ИВЛ.", "ru", "В сентябре", "2020-09"),
    ("Больницу откроют к 1 сентября.", "ru", "к 1 сентября", "2020-09-01"),
])
def test_relative_phrases_resolve_against_the_publication_date(text, lang, phrase, resolved):
    assert dates(text, lang) == [(phrase, resolved)]


@pytest.mark.parametrize("text, lang, phrase, resolved", [
    ("К 2025 году построят 10 больниц.", "ru", "К 2025 году", "2025"),
    ("В 2023-2024 учебном году поступило 45 резидентов.", "ru", "В 2023-2024 учебном году", "2023"),
    ("В 2021 году открыли 3 поликлиники.", "ru", "В 2021 году", "2021"),
    ("В сентябре 2021 года открыли 3 поликлиники.", "ru", "В сентябре 2021 года", "2021-09"),
    ("The city will have 11 clinics by 2025.", "en", "by 2025", "2025"),
    ("The plant opens by December 15, 2020.", "en", "by December 15, 2020", "2020-12-15"),
])
def test_written_years_resolve_with_or_without_publication_date(text, lang, phrase, resolved):
    assert dates(text, lang) == [(phrase, resolved)]
    assert dates(text, lang, published=None) == [(phrase, resolved)]


@pytest.mark.parametrize("text, lang, phrase", [
    ("The region will buy 20 ventilators this year.", "en", "this year"),
    ("20 ambulances will be delivered by September 1.", "en", "by September 1"),
    ("Last year 30 ambulances were purchased.", "en", "Last year"),
    ("В этом году закупят 20 аппаратов ИВЛ.", "ru", "В этом году"),
    ("В сентябре поступит 20 аппаратов ИВЛ.", "ru", "В сентябре"),
])
def test_relative_phrase_without_publication_date_resolves_to_none(text, lang, phrase):
    assert dates(text, lang, published=None) == [(phrase, None)]


def test_fact_takes_the_date_of_its_sentence():
    doc = extract("В 2023-2024 учебном году поступило 45 резидентов. В больнице работают 20 врачей.", "ru",
                  published=dt.date(2024, 1, 29))
    facts = {f.quantity: f for f in doc._.facts}
    assert (facts[45].date, facts[45].date_text) == ("2023", "В 2023-2024 учебном году")
    assert facts[45].date_rule
    assert (facts[20].date, facts[20].date_text) == (None, None)


def test_fact_keeps_the_phrase_but_no_date_when_publication_is_unknown():
    [fact] = extract("The region will buy 20 ventilators this year.", "en")._.facts
    assert (fact.date, fact.date_text) == (None, "this year")


def test_publication_year_boundary_resolves_relative_years():
    assert dates("Last year 30 ambulances were purchased.", "en", published=dt.date(2021, 1, 3)) == [("Last year", "2020")]
    assert dates("В прошлом месяце поступило 10 машин.", "ru", published=dt.date(2021, 1, 3)) == [("В прошлом месяце", "2020-12")]
