"""Status words by lexical class against the verbs outlets use (the audit in docs/lexicon.md)."""

from __future__ import annotations

import pytest

from extract.pipeline import extract


def statuses(text: str, lang: str) -> list[str]:
    return [f.status for f in extract(text, lang)._.facts]


@pytest.mark.parametrize("text", [
    "В больнице смонтировано 2 компьютерных томографа.",
    "В районе заработали 3 новых ФАПа.",
    "В больнице появились 2 новых томографа.",
    "Нам прислали 10 аппаратов ИВЛ.",
    "В регион отгружено 10 аппаратов ИВЛ.",
    "Больнице предоставлено 10 аппаратов ИВЛ.",
    "Больница обзавелась 10 аппаратами ИВЛ.",
])
def test_ru_acquire_verbs_in_the_past_are_acquired(text):
    assert statuses(text, "ru") == ["acquired"]


@pytest.mark.parametrize("text", [
    "В области возводятся 3 больницы.",
    "В больнице монтируют 2 компьютерных томографа.",
])
def test_ru_acquire_verbs_in_the_imperfective_present_are_planned(text):
    assert statuses(text, "ru") == ["planned"]


@pytest.mark.parametrize("text", [
    "Область нуждается в 120 врачах.",
    "Некомплект врачей составляет 120 человек.",
    "Замены требуют еще 92 машины скорой помощи.",
])
def test_ru_need_words(text):
    assert statuses(text, "ru") == ["needed"]


@pytest.mark.parametrize("text", [
    "The region secured 40 ventilators.",
    "3 hospitals were inaugurated this year.",
    "3 hospitals were erected this year.",
    "3 hospitals were put into service this year.",
    "2 CT scanners were mounted.",
    "20 ambulances were dispatched to the region.",
])
def test_en_acquire_verbs_in_the_past_are_acquired(text):
    assert statuses(text, "en") == ["acquired"]


@pytest.mark.parametrize("text", [
    "40 ventilators are on the way.",
    "40 more ventilators are in the pipeline.",
    "The region anticipates 40 more ventilators.",
])
def test_en_plan_words(text):
    assert statuses(text, "en") == ["planned"]


@pytest.mark.parametrize("text", [
    "The region is seeking 120 doctors.",
    "The shortfall is 120 doctors.",
    "The region is understaffed by 120 doctors.",
])
def test_en_need_words(text):
    assert statuses(text, "en") == ["needed"]


@pytest.mark.parametrize("text", [
    "40 ventilators are in use.",
    "40 ventilators are on hand.",
    "The region boasts 40 ventilators.",
])
def test_en_exist_words(text):
    assert statuses(text, "en") == ["available"]


@pytest.mark.parametrize("text, status", [
    ("The region rolled out 456 beds.", "acquired"),
    ("The region put into operation 3 hospitals.", "acquired"),
    ("The region set up 3 laboratories.", "acquired"),
    ("3 laboratories were set up.", "acquired"),
    ("The region has put into service 3 hospitals.", "acquired"),
    ("The akim handed over 20 ambulances.", "acquired"),
    ("The region will set up 3 laboratories.", "planned"),
    ("3 hospitals will be put into operation.", "planned"),
    ("The region plans to set up 3 laboratories.", "planned"),
    ("The region is rolling out 456 beds.", "planned"),
])
def test_en_verb_phrases_take_the_time_of_their_verb(text, status):
    """"rolled out", "put into operation": the phrase's verb and its auxiliaries give the time, not a copula."""
    assert statuses(text, "en") == [status]


@pytest.mark.parametrize("text, lang", [
    ("30 doctors were infected.", "en"),
    ("30 doctors fell ill.", "en"),
    ("Заразились 30 врачей.", "ru"),
    ("Уволились 30 врачей.", "ru"),
    ("Заполнено 200 коек.", "ru"),
    ("В 3 больницах проведен капремонт.", "ru"),
])
def test_infection_departure_occupancy_and_repair_are_other(text, lang):
    assert statuses(text, lang) == ["other"]


def test_vacant_beds_are_available_not_needed():
    """"vacant" is a need word for posts; "vacant beds" are free beds."""
    assert statuses("There are 200 vacant beds in the region.", "en") == ["available"]


@pytest.mark.parametrize("text, lang, status", [
    ("The region requested 50 ventilators.", "en", "needed"),
    ("The region sent a request for 50 ventilators.", "en", "needed"),
    ("Область запросила 50 аппаратов ИВЛ.", "ru", "needed"),
    ("Направлен запрос на 50 аппаратов ИВЛ.", "ru", "needed"),
    ("The region ordered 50 ventilators.", "en", "planned"),
    ("50 ventilators have been ordered.", "en", "planned"),
    ("Область заказала 50 аппаратов ИВЛ.", "ru", "planned"),
    ("Сделан заказ на 50 аппаратов ИВЛ.", "ru", "planned"),
])
def test_a_request_is_declared_demand_and_an_order_is_not_yet_received(text, lang, status):
    assert statuses(text, lang) == [status]
