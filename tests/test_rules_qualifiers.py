"""Qualifiers: "more than", "about", "up to" before a figure (rules/<lang>/qualifiers.jsonl)."""

from __future__ import annotations

import pytest

from extract.facts.qualifiers import qualifier_of

CASES = [
    ("en", "Kazakhstan is to receive over 4 thousand lung ventilators.", "4 thousand", "more_than"),
    ("en", "The region has more than 100 ambulances.", "100", "more_than"),
    ("en", "There are about 500 doctors in the district.", "500", "about"),
    ("en", "Up to 20 mobile complexes will be bought.", "20", "up_to"),
    ("en", "No less than 30 beds are reserved.", "30", "at_least"),
    ("en", "Fewer than 10 feldsher posts remain.", "10", "less_than"),
    ("en", "The akim handed over 50 ventilators to hospitals.", "50", None),
    ("en", "The region has 148 ventilators.", "148", None),
    ("ru", "В области работают более 1,2 тысячи врачей.", "1,2 тысячи", "more_than"),
    ("ru", "Закуплено около 50 аппаратов ИВЛ.", "50", "about"),
    ("ru", "Планируется закупить до 30 машин скорой помощи.", "30", "up_to"),
    ("ru", "Требуется не менее 40 медсестёр.", "40", "at_least"),
    ("ru", "Осталось не более 5 коек.", "5", "up_to"),
    ("ru", "Фонд могут увеличить до 2415 коек.", "2415", None),
    ("ru", "Число коек выросло с 300 до 500.", "500", None),
    ("ru", "В области 148 аппаратов ИВЛ.", "148", None),
]


@pytest.mark.parametrize("lang, text, number, expected", CASES, ids=[c[1][:40] for c in CASES])
def test_words_before_a_figure_qualify_it(lang, text, number, expected):
    qualifier, rule = qualifier_of(text, text.index(number), lang)
    assert qualifier == expected
    assert (rule is None) == (expected is None)


def test_ingested_facts_carry_their_qualifier(query):
    [fact] = query("SELECT qualifier FROM facts WHERE quantity_text = '4 thousand' AND item = 'ventilator'")
    assert fact["qualifier"] == "more_than"
    [fact] = query("SELECT qualifier FROM facts WHERE quantity = 148 AND item = 'ventilator'")
    assert fact["qualifier"] is None
