"""Numbers in digits and words, with multipliers: value and exact written span."""

from __future__ import annotations

import pytest

from extract.pipeline import extract
from extract.nlp.numbers import parse_digits


def quantities(text: str, lang: str) -> list[tuple[str, float]]:
    doc = extract(text, lang)
    return [(span.text, span._.value) for span in doc.spans["quantity"]]


@pytest.mark.parametrize("written, lang, value", [
    ("1,500", "en", 1500.0),
    ("4,183", "en", 4183.0),
    ("2.5", "en", 2.5),
    ("1 958", "ru", 1958.0),
    ("10\u00a0540", "ru", 10540.0),  # no-break space as thousands separator
    ("1\u202f000", "en", 1000.0),  # narrow no-break space
    ("1,2", "ru", 1.2),  # Russian decimal comma
    ("1,5", "ru", 1.5),
    ("1.500", "ru", 1500.0),
    ("12.345.678", "en", 12345678.0),
    ("34-х", "ru", 34.0),
])
def test_parse_digits_reads_separators_of_each_language(written, lang, value):
    assert parse_digits(written, lang) == value


def test_parse_digits_of_nothing_is_none():
    assert parse_digits("-х", "ru") is None


@pytest.mark.parametrize("text, lang, expected", [
    ("The region has 1,500 beds.", "en", [("1,500", 1500.0)]),
    ("В области 1 958 врачей.", "ru", [("1 958", 1958.0)]),
    ("В области 10\u00a0540 врачей и 11 996 медсестер.", "ru", [("10\u00a0540", 10540.0), ("11 996", 11996.0)]),
    ("Выделено 1,2 млн масок.", "ru", [("1,2 млн", 1_200_000.0)]),
    ("Закуплено 4 тысячи тест-систем.", "ru", [("4 тысячи", 4000.0)]),
    ("Закуплено 1,5 тыс. масок.", "ru", [("1,5 тыс.", 1500.0)]),
    ("Kazakhstan to buy over 4 thousand ventilators.", "en", [("4 thousand", 4000.0)]),
    ("The fund gave 5.4 million masks.", "en", [("5.4 million", 5_400_000.0)]),
    ("Ожидается поставка еще 34-х единиц.", "ru", [("34-х", 34.0)]),
])
def test_digits_with_separators_and_multipliers(text, lang, expected):
    assert quantities(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("The region has only ten CT scanners.", "en", [("ten", 10.0)]),
    ("Ten ventilators arrived.", "en", [("Ten", 10.0)]),
    ("There are twenty six ambulances.", "en", [("twenty six", 26.0)]),
    ("There are twenty-six ambulances.", "en", [("twenty-six", 26.0)]),
    ("They bought two thousand masks.", "en", [("two thousand", 2000.0)]),
    ("В больницу поступили тринадцать аппаратов ИВЛ.", "ru", [("тринадцать", 13.0)]),
    ("Не хватает пятидесяти врачей.", "ru", [("пятидесяти", 50.0)]),
    ("Оборудование передали одиннадцати больницам.", "ru", [("одиннадцати", 11.0)]),
    ("Развернуто сто двадцать коек.", "ru", [("сто двадцать", 120.0)]),
    ("Не хватает двадцати пяти врачей.", "ru", [("двадцати пяти", 25.0)]),
    ("Закупили двух тысяч масок.", "ru", [("двух тысяч", 2000.0)]),
])
def test_number_words_in_every_case_form(text, lang, expected):
    assert quantities(text, lang) == expected


def test_ru_number_words_in_genitive():
    doc = extract("В регионе не хватает пятидесяти врачей.", "ru")
    [fact] = doc._.facts
    assert (fact.quantity_text, fact.quantity, fact.item) == ("пятидесяти", 50.0, "doctor")


def test_en_number_words_joined_by_and():
    assert quantities("The hospital has one hundred and twenty beds.", "en") == [("one hundred and twenty", 120.0)]


@pytest.mark.parametrize("text, lang", [
    ("COVID-19 cases grew.", "en"),
    ("The H1N1 virus and the 2nd wave.", "en"),
    ("Штамм COVID-19 опасен.", "ru"),
])
def test_digits_glued_to_letters_are_not_quantities(text, lang):
    assert quantities(text, lang) == []


def test_years_in_time_phrases_are_not_quantities():
    assert quantities("В 2020 году прибыло 15 врачей.", "ru") == [("15", 15.0)]
    assert quantities("By 2025 the city will have 11 new clinics.", "en") == [("11", 11.0)]


def test_quantity_spans_cover_the_number_exactly_as_written():
    text = "Закуплено 1,2 млн масок, 34-х аппаратов ИВЛ и 10\u00a0540 тест-систем."
    doc = extract(text, "ru")
    for span in doc.spans["quantity"]:
        assert text[span.start_char:span.end_char] == span.text
    assert [span.text for span in doc.spans["quantity"]] == ["1,2 млн", "34-х", "10\u00a0540"]


@pytest.mark.parametrize("text, expected", [
    ("Коечный фонд составляет 2 тыс. 150 коек.", [("2 тыс. 150", 2150.0)]),
    ("Выделено 1 млн 200 тыс. масок.", [("1 млн 200 тыс.", 1_200_000.0)]),
    ("Развернуто 3 тысячи 400 коек и 5 тыс. мест.", [("3 тысячи 400", 3400.0), ("5 тыс.", 5000.0)]),
    ("В 2021 году выделено 2 тыс., в 2022 году – 150 коек.", [("2 тыс.", 2000.0), ("150", 150.0)]),
])
def test_a_smaller_part_after_a_multiplier_adds_to_it(text, expected):
    assert quantities(text, "ru") == expected


@pytest.mark.parametrize("text, expected", [
    ("Dozens of ambulances were bought.", []),
    ("Hundreds of doctors work there.", []),
    ("A dozen ambulances were bought.", [("dozen", 12.0)]),
    ("Three dozen ambulances were bought.", [("Three dozen", 36.0)]),
])
def test_a_plural_multiplier_alone_is_no_exact_number(text, expected):
    assert quantities(text, "en") == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("Поступят три-четыре аппарата ИВЛ.", "ru", [("три-четыре", 3.0)]),
    ("В районе не хватает пяти-шести врачей.", "ru", [("пяти-шести", 5.0)]),
    ("The district needs five-six doctors.", "en", [("five-six", 5.0)]),
    ("The hospital received forty-one ventilators.", "en", [("forty-one", 41.0)]),
])
def test_a_hyphen_between_number_words_is_a_range_read_as_its_lower_bound(text, lang, expected):
    """"три-четыре" is three to four, not seven; "forty-one" is one number."""
    assert quantities(text, lang) == expected
