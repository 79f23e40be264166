"""Status cues: available / needed / planned / acquired / other, in both languages."""

from __future__ import annotations

import pytest

from extract.pipeline import extract


def statuses(text: str, lang: str) -> list[tuple[str, str]]:
    return [(f.quantity_text, f.status) for f in extract(text, lang)._.facts]


@pytest.mark.parametrize("text, lang", [
    ("The region has 40 ventilators.", "en"),
    ("There are 12 ambulances in the district.", "en"),
    ("Currently 6 hospitals operate in the city.", "en"),
    ("В больнице работают 25 врачей.", "ru"),
    ("В области имеется 40 аппаратов ИВЛ.", "ru"),
    ("В наличии 40 аппаратов ИВЛ.", "ru"),
])
def test_available_cues(text, lang):
    assert [s for _, s in statuses(text, lang)] == ["available"]


@pytest.mark.parametrize("text, lang", [
    ("The region needs 30 doctors.", "en"),
    ("There is a shortage of 200 nurses.", "en"),
    ("40 more ventilators are required.", "en"),
    ("12 ventilators are not enough.", "en"),
    ("Необходимо 30 врачей.", "ru"),
    ("Потребуется еще 30 врачей.", "ru"),
    ("Дефицит составляет 120 врачей.", "ru"),
    ("В области не хватает 120 врачей.", "ru"),
])
def test_needed_cues(text, lang):
    assert [s for _, s in statuses(text, lang)] == ["needed"]


@pytest.mark.parametrize("text, lang", [
    ("The region plans to purchase 20 ambulances.", "en"),
    ("The city will open 3 polyclinics.", "en"),
    ("5 hospitals are to be built.", "en"),
    ("The delivery of 18 ambulances is expected this year.", "en"),
    ("The region intends to hire 50 doctors.", "en"),
    ("Запланировано строительство 5 больниц.", "ru"),
    ("Будет закуплено 20 машин скорой помощи.", "ru"),
    ("В этом году введут 59 медицинских объектов.", "ru"),
    ("Закупят 20 аппаратов ИВЛ.", "ru"),
    ("Ожидается поставка 34 аппаратов ИВЛ.", "ru"),
])
def test_planned_cues(text, lang):
    assert [s for _, s in statuses(text, lang)] == ["planned"]


@pytest.mark.parametrize("text, lang", [
    ("The akimat purchased 25 ventilators.", "en"),
    ("25 ventilators were delivered to the hospital.", "en"),
    ("Last week, 25 portable ventilators were installed.", "en"),
    ("10 ambulances arrived in the region.", "en"),
    ("Turkey donated 20 ventilators.", "en"),
    ("Закуплено 20 аппаратов ИВЛ.", "ru"),
    ("В область поступило 20 аппаратов ИВЛ.", "ru"),
    ("В область прибыло 18 специалистов.", "ru"),
    ("В Уральск привезли 160 кислородных концентраторов.", "ru"),
])
def test_acquired_cues(text, lang):
    assert [s for _, s in statuses(text, lang)] == ["acquired"]


def test_ru_verb_tense_decides_between_acquired_and_planned():
    assert statuses("Закуплено 20 аппаратов ИВЛ.", "ru") == [("20", "acquired")]
    assert statuses("Закупят 20 аппаратов ИВЛ.", "ru") == [("20", "planned")]


@pytest.mark.parametrize("text, lang", [
    ("Повысили квалификацию 614 медицинских работников.", "ru"),
    ("27 медиков прошли стажировку в клиниках Турции.", "ru"),
    ("50 doctors underwent training.", "en"),
])
def test_other_cues(text, lang):
    assert [s for _, s in statuses(text, lang)] == ["other"]


def test_from_x_to_y_start_value_is_other():
    assert statuses("The number of beds increased from 300 to 500 beds.", "en")[0] == ("300", "other")


def test_no_cue_defaults_to_available():
    doc = extract("В области 1 958 врачей.", "ru")
    [fact] = doc._.facts
    assert (fact.status, fact.status_rule) == ("available", "status.default")


def test_nearest_cue_in_the_clause_wins():
    text = "“The region has only 148 ventilators, which are not enough. We plan to purchase 50 such devices very soon,” he said."
    assert statuses(text, "en") == [("148", "available"), ("50", "planned")]


def test_each_figure_takes_the_cue_of_its_own_sentence():
    text = ("Last week, 25 portable ventilators were installed into ambulances. "
            "The delivery of 18 ambulances with resuscitation equipment is expected this year.")
    assert statuses(text, "en") == [("25", "acquired"), ("18", "planned")]


def test_ru_plural_arrived_is_acquired():
    assert statuses("В регион прибыли 18 специалистов.", "ru") == [("18", "acquired")]
