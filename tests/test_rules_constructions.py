"""How a figure attaches to its item and status when the sentence is shaped differently: compound modifiers,
comparisons, changes, totals, recipients, partitives, word order (constructed news-style sentences)."""

from __future__ import annotations

import pytest

from extract.pipeline import extract


def facts(text: str, lang: str) -> list[tuple[float, str, str]]:
    return [(f.quantity, f.item, f.status) for f in extract(text, lang)._.facts]


@pytest.mark.parametrize("text, lang, expected", [
    ("The hospital received 3 64-slice CT scanners.", "en", [(3, "ct_scanner", "acquired")]),
    ("Two 16-slice CT scanners were installed in Taraz.", "en", [(2, "ct_scanner", "acquired")]),
    ("The city will build two 200-bed hospitals.", "en", [(2, "hospital", "planned"), (200, "hospital_bed", "planned")]),
    ("The clinic opened 10 40-bed wards.", "en", [(40, "hospital_bed", "acquired")]),
    ("В больницу поступили два 128-срезовых томографа.", "ru", [(2, "ct_scanner", "acquired")]),
])
def test_a_number_glued_to_a_word_describes_the_noun_and_the_figure_before_it_counts(text, lang, expected):
    assert facts(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("The number of ambulances rose to 120 from 95.", "en", [(120, "ambulance", "available"), (95, "ambulance", "other")]),
    ("The region now has 300 beds, up from 250 last year.", "en",
     [(300, "hospital_bed", "available"), (250, "hospital_bed", "other")]),
    ("Oxygen concentrators now amount to 108 compared to 18 before the pandemic.", "en",
     [(108, "oxygen_concentrator", "available"), (18, "oxygen_concentrator", "other")]),
    ("Сейчас в области 60 машин скорой помощи против 45 в прошлом году.", "ru",
     [(60, "ambulance", "available"), (45, "ambulance", "other")]),
])
def test_the_base_of_a_comparison_counts_the_levels_item_as_history(text, lang, expected):
    assert facts(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("The fleet of ambulances grew by 25 to 145.", "en", [(25, "ambulance", "other"), (145, "ambulance", "available")]),
    ("Ten more ambulances arrived, bringing the total to 45.", "en",
     [(10, "ambulance", "acquired"), (45, "ambulance", "available")]),
    ("В области 60 машин скорой помощи, это на 25 больше, чем год назад.", "ru",
     [(60, "ambulance", "available"), (25, "ambulance", "other")]),
])
def test_a_change_and_the_total_it_brings(text, lang, expected):
    assert facts(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("Коечная мощность больницы – 300.", "ru", [(300, "hospital_bed", "available")]),
    ("The bed capacity of the hospital is 250.", "en", [(250, "hospital_bed", "available")]),
])
def test_capacity_of_a_facility_counts_beds_not_the_facility(text, lang, expected):
    assert facts(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("80 аппаратов ИВЛ передано 5 больницам области.", "ru", [(80, "ventilator", "acquired"), (5, "hospital", "available")]),
    ("The ministry delivered 80 ventilators to 5 hospitals.", "en",
     [(80, "ventilator", "acquired"), (5, "hospital", "available")]),
    ("Kazakhstan bought 80 ventilators for 12 hospitals.", "en",
     [(80, "ventilator", "acquired"), (12, "hospital", "available")]),
    ("Для 12 поликлиник закуплено 40 аппаратов УЗИ.", "ru",
     [(12, "outpatient_clinic", "available"), (40, "ultrasound_machine", "acquired")]),
])
def test_facilities_named_as_recipients_exist(text, lang, expected):
    assert facts(text, lang) == expected


def test_recipients_still_to_be_built_and_levels_are_not_recipients():
    assert facts("The number of hospitals increased to 5.", "en") == [(5, "hospital", "available")]
    assert facts("The region will buy 20 ventilators for 5 new hospitals.", "en")[1][2] != "available"


@pytest.mark.parametrize("text, lang, expected", [
    ("Из 120 ФАПов области 30 требуют капитального ремонта.", "ru",
     [(120, "feldsher_post", "available"), (30, "feldsher_post", "other")]),
    ("Of the 45 ambulances in the region, 12 are worn out.", "en", [(45, "ambulance", "available"), (12, "ambulance", "available")]),
    ("Из 15 новых машин скорой помощи пять получил Аксуский район.", "ru",
     [(15, "ambulance", "available"), (5, "ambulance", "acquired")]),
    ("Из 50 закупленных аппаратов ИВЛ 20 уже поступили в больницы.", "ru",
     [(50, "ventilator", "acquired"), (20, "ventilator", "acquired")]),
])
def test_a_part_taken_from_a_whole(text, lang, expected):
    assert facts(text, lang) == expected


@pytest.mark.parametrize("text", [
    "В районную больницу пришли 12 врачей.",
    "Пришли 12 врачей из Алматы.",
])
def test_ru_past_plural_is_not_read_as_an_imperative(text):
    assert facts(text, "ru") == [(12, "doctor", "acquired")]


def test_a_gapped_clause_with_a_pronoun_says_what_exists():
    assert facts("Закуплено 807 машин скорой помощи, а в стране их всего 1 967.", "ru") == [
        (807, "ambulance", "acquired"), (1967, "ambulance", "available")]
    assert facts("В Астану направлено 10 аппаратов ИВЛ, а в Шымкент – 64.", "ru") == [
        (10, "ventilator", "acquired"), (64, "ventilator", "acquired")]


@pytest.mark.parametrize("text, expected", [
    ("Region gets 20 ambulances", [(20, "ambulance", "acquired")]),
    ("Kazakhstan buys 500 ventilators", [(500, "ventilator", "acquired")]),
    ("Pavlodar region opens 5 new outpatient clinics", [(5, "outpatient_clinic", "acquired")]),
    ("The region receives 20 ambulances every year.", [(20, "ambulance", "available")]),
])
def test_en_headlines_report_the_past_in_the_present(text, expected):
    assert facts(text, "en") == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("В области начали работу 3 ФАПа.", "ru", [(3, "feldsher_post", "acquired")]),
    ("Приехали работать в село 15 молодых специалистов.", "ru", [(15, "specialist", "acquired")]),
    ("Вступили в строй 3 поликлиники.", "ru", [(3, "outpatient_clinic", "acquired")]),
    ("15 young doctors arrived to work in rural clinics.", "en", [(15, "doctor", "acquired")]),
])
def test_a_verb_of_beginning_or_motion_decides_over_the_work_it_starts(text, lang, expected):
    assert facts(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("Число коек сократилось с 500 до 420.", "ru", [(500, "hospital_bed", "other"), (420, "hospital_bed", "available")]),
    ("Сократили 200 коек.", "ru", [(200, "hospital_bed", "other")]),
])
def test_a_decrease_reaches_a_level_or_closes_what_it_counts(text, lang, expected):
    assert facts(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("Новые аппараты получат 14 районных больниц.", "ru", [(14, "hospital", "available")]),
    ("14 hospitals will receive new ventilators.", "en", [(14, "hospital", "available")]),
    ("Область получит 5 новых больниц.", "ru", [(5, "hospital", "planned")]),
])
def test_facilities_that_receive_are_recipients_whatever_the_time(text, lang, expected):
    assert facts(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("Половина из 300 коек уже занята.", "ru", [(300, "hospital_bed", "available")]),
    ("Half of the 300 beds are occupied.", "en", [(300, "hospital_bed", "available")]),
])
def test_a_fraction_of_a_whole_leaves_the_whole_existing(text, lang, expected):
    assert facts(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("Коек, развернутых в области, – 500.", "ru", [(500, "hospital_bed", "available")]),
    ("Beds, which were deployed in May, number 500.", "en", [(500, "hospital_bed", "available")]),
])
def test_a_descriptive_phrase_between_commas_does_not_hide_the_subject_of_a_link(text, lang, expected):
    assert facts(text, lang) == expected


def test_en_gapped_list_members_before_and():
    assert facts("Almaty received 20 ventilators, Astana 15 and Shymkent 10.", "en") == [
        (20, "ventilator", "acquired"), (15, "ventilator", "acquired"), (10, "ventilator", "acquired")]


def test_a_place_between_does_not_end_the_focus_a_pronoun_refers_to():
    assert facts("Власти отметили нехватку аппаратов ИВЛ, в области их всего 48.", "ru") == [(48, "ventilator", "available")]


def test_a_whole_with_its_noun_left_out_takes_the_item_in_focus():
    found = facts("The region operates 40 rehabilitation centres. Of 40, 12 opened this year.", "en")
    assert (12, "rehabilitation_center", "acquired") in found
    assert {item for _, item, _ in found} == {"rehabilitation_center"}
