"""The item lexicon against the ways outlets name each resource (the audit in docs/lexicon.md).

Invented sentences, one per kind of naming: every contract item in both languages, Russian case forms after
numerals, abbreviations, modifiers inside a name, hyphenated compounds, measure words and "N человек X".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.pipeline import extract

CATALOG = json.loads((Path(__file__).parents[1] / "rules" / "catalog.json").read_text(encoding="utf-8"))


def items(text: str, lang: str) -> list[tuple[float, str]]:
    return [(f.quantity, f.item) for f in extract(text, lang)._.facts]


# One everyday naming per contract item, in a case form other than the nominative where Russian has one.
RU_NAMINGS = {
    "ventilator": "Закуплено 15 аппаратов искусственной вентиляции легких.",
    "ct_scanner": "Закуплено 2 компьютерных томографа.",
    "mri_scanner": "Закуплено 3 магнитно-резонансных томографа.",
    "xray_machine": "Закуплено 12 цифровых флюорографов.",
    "ultrasound_machine": "Закуплено 11 аппаратов ультразвуковой диагностики.",
    "oxygen_concentrator": "Закуплено 50 концентраторов кислорода.",
    "infusion_pump": "Закуплено 12 шприцевых дозаторов.",
    "mammograph": "Закуплено 3 маммографические установки.",
    "medical_equipment": "Поставлено 120 единиц медицинской техники.",
    "ambulance": "Передано 5 карет скорой помощи.",
    "mobile_medical_complex": "Закуплено 3 передвижных медицинских комплекса.",
    "medical_train": "По стране курсируют 2 медицинских поезда.",
    "hospital_bed": "Развернуто 200 койко-мест.",
    "icu_bed": "Развернуто 30 коек реанимации.",
    "hospital": "Построено 2 многопрофильных больницы.",
    "outpatient_clinic": "Построено 5 врачебных амбулаторий.",
    "feldsher_post": "Построено 5 фельдшерско-акушерских пунктов.",
    "medical_post": "Открыто 4 медицинских пункта.",
    "primary_care_facility": "Построено 20 организаций первичной медико-санитарной помощи.",
    "perinatal_center": "Построено 2 перинатальных центра.",
    "rehabilitation_center": "Открыто 2 центра реабилитации.",
    "laboratory": "Открыто 12 ПЦР-лабораторий.",
    "medical_facility": "Построено 30 объектов здравоохранения.",
    "doctor": "Прибыли 12 врачей общей практики.",
    "nurse": "Прибыли 40 медицинских сестёр.",
    "anesthesiologist": "Прибыли 2 анестезиолога-реаниматолога.",
    "neonatologist": "Прибыли 6 врачей-неонатологов.",
    "resident": "Прибыли 25 врачей-резидентов.",
    "specialist": "Прибыли 25 молодых специалистов.",
    "medical_worker": "Прибыли 500 медицинских работников.",
    "test_system": "Закуплено 10 тысяч тест-систем.",
    "mask": "Закуплено 100 тысяч медицинских масок.",
    "gloves": "Закуплено 100 тысяч пар перчаток.",
    "protective_suit": "Закуплено 5 тысяч противочумных костюмов.",
    "medicine": "Закуплено 300 тысяч упаковок лекарственных средств.",
}
EN_NAMINGS = {
    "ventilator": "The region purchased 25 artificial lung ventilation devices.",
    "ct_scanner": "The region purchased 3 computed tomography scanners.",
    "mri_scanner": "The region purchased 2 magnetic resonance imaging scanners.",
    "xray_machine": "The region purchased 5 fluorographs.",
    "ultrasound_machine": "The region purchased 8 ultrasound scanners.",
    "oxygen_concentrator": "The region purchased 40 oxygen concentrators.",
    "infusion_pump": "The region purchased 40 syringe pumps.",
    "mammograph": "The region purchased 4 mammography units.",
    "medical_equipment": "The region purchased 250 pieces of medical equipment.",
    "ambulance": "The region received 20 ambulance vehicles.",
    "mobile_medical_complex": "The region received 3 mobile medical complexes.",
    "medical_train": "There are 2 medical trains.",
    "hospital_bed": "The region opened a 120-bed hospital.",
    "icu_bed": "The region deployed 30 intensive care beds.",
    "hospital": "The region built 3 district hospitals.",
    "outpatient_clinic": "The region built 5 polyclinics.",
    "feldsher_post": "The region built 5 feldsher-midwife stations.",
    "medical_post": "The region built 5 first-aid posts.",
    "primary_care_facility": "The region built 20 primary health care centres.",
    "perinatal_center": "The region built 2 perinatal centres.",
    "rehabilitation_center": "The region built 2 rehabilitation centers.",
    "laboratory": "The region opened 12 PCR laboratories.",
    "medical_facility": "The region has 120 healthcare facilities.",
    "doctor": "The region hired 30 general practitioners.",
    "nurse": "The region hired 40 mid-level medical workers.",
    "anesthesiologist": "The region hired 15 anesthesiologists-resuscitators.",
    "neonatologist": "The region hired 6 neonatologists.",
    "resident": "The region hired 25 medical residents.",
    "specialist": "The region hired 25 interns.",
    "medical_worker": "The region hired 500 healthcare workers.",
    "test_system": "The region purchased 10,000 PCR test kits.",
    "mask": "The region purchased 100,000 face masks.",
    "gloves": "The region purchased 100,000 pairs of medical gloves.",
    "protective_suit": "The region purchased 5,000 PPE kits.",
    "medicine": "The region purchased 300,000 packs of medicines.",
}


def test_every_contract_item_has_a_naming_in_both_languages():
    contract = {item for category in CATALOG["items"].values() for item in category}
    assert set(RU_NAMINGS) == contract and set(EN_NAMINGS) == contract


@pytest.mark.parametrize("lang, item, text", [
    *(("ru", item, text) for item, text in RU_NAMINGS.items()),
    *(("en", item, text) for item, text in EN_NAMINGS.items()),
])
def test_each_contract_item_is_recognised(lang, item, text):
    assert [found for _, found in items(text, lang)] == [item]


@pytest.mark.parametrize("text, quantity", [
    ("Установлен 1 компьютерный томограф.", 1),       # nominative singular after 1
    ("Установлено 4 компьютерных томографа.", 4),     # genitive singular after 2-4
    ("Установлено 7 компьютерных томографов.", 7),    # genitive plural after 5+
    ("Установлен 21 компьютерный томограф.", 21),     # nominative again after 21
    ("Установлено более 30 компьютерных томографов.", 30),
    ("Больница оснащена 3 компьютерными томографами.", 3),  # instrumental after a verb of equipping
])
def test_ru_case_forms_after_numerals(text, quantity):
    assert items(text, "ru") == [(quantity, "ct_scanner")]


@pytest.mark.parametrize("text, item", [
    ("Построено 5 ВА и 3 ЦСЗ.", "outpatient_clinic"),
    ("Построено 5 ФП.", "feldsher_post"),
    ("Закуплено 10 ПМК.", "mobile_medical_complex"),
    ("Построено 5 ФАПов.", "feldsher_post"),
    ("Развернуто 30 коек ПИТ.", "icu_bed"),
])
def test_ru_abbreviations_of_kinds(text, item):
    assert {found for _, found in items(text, "ru")} == {item}


@pytest.mark.parametrize("text, item", [
    ("Больница получила 3 транспортных аппарата ИВЛ.", "ventilator"),
    ("Закуплено 3 портативных аппарата УЗИ.", "ultrasound_machine"),
    ("Передано 7 машин неотложной помощи.", "ambulance"),
    ("Передано 8 автомобилей неотложной медицинской помощи.", "ambulance"),
    ("Поступило 30 машин «скорой помощи».", "ambulance"),
    ("В области работают 3 томографа МРТ.", "mri_scanner"),
    ("Развернуто 30 коек в ОРИТ.", "icu_bed"),
    ("Построено 3 фельдшерских акушерских пункта.", "feldsher_post"),
])
def test_ru_modifier_inside_a_name_keeps_the_name(text, item):
    """"портативный аппарат" alone is an anaphor; with УЗИ after it the device is named."""
    assert [found for _, found in items(text, "ru")] == [item]


@pytest.mark.parametrize("text, item", [
    ("Прибыли 500 человек медперсонала.", "medical_worker"),
    ("Не хватает 120 человек среднего медицинского персонала.", "nurse"),
    ("Работают 30 специалистов со средним медицинским образованием.", "nurse"),
    ("Работают 30 сотрудников больницы.", "medical_worker"),
])
def test_ru_people_of_a_staff_kind_count_that_staff(text, item):
    assert [found for _, found in items(text, "ru")] == [item]


def test_ru_places_in_an_inpatient_facility_are_beds():
    assert items("Развернуто 300 мест в провизорных стационарах.", "ru") == [(300, "hospital_bed")]


def test_ru_vacancies_of_a_staff_kind_count_that_staff():
    doc = extract("В области 120 вакансий врачей.", "ru")
    assert [(f.quantity, f.item, f.status) for f in doc._.facts] == [(120, "doctor", "needed")]


@pytest.mark.parametrize("text, item", [
    ("The region built 3 city hospitals.", "hospital"),
    ("The region built 5 city polyclinics.", "outpatient_clinic"),
    ("The region hired 30 district therapists.", "doctor"),
    ("The region deployed 200 day hospital beds.", "hospital_bed"),
])
def test_en_place_word_before_a_kind_is_part_of_its_name(text, item):
    """"city", "district", "day" alone block a figure (cities, districts, days are counted too)."""
    assert [found for _, found in items(text, "en")] == [item]


@pytest.mark.parametrize("text, item", [
    ("The region has 120 health-care facilities.", "medical_facility"),
    ("The region hired 500 health-care workers.", "medical_worker"),
    ("The region deployed 30 intensive-care beds.", "icu_bed"),
    ("The region built 5 doctor's outpatient clinics.", "outpatient_clinic"),
])
def test_en_hyphenated_and_possessive_compounds(text, item):
    assert [found for _, found in items(text, "en")] == [item]


@pytest.mark.parametrize("text, item", [
    ("The region purchased 25 breathing apparatus.", "ventilator"),
    ("The region purchased 8 sonography machines.", "ultrasound_machine"),
    ("The region purchased 40 syringe drivers.", "infusion_pump"),
    ("The region received 20 emergency medical service vehicles.", "ambulance"),
    ("The region received 3 mobile health clinics.", "mobile_medical_complex"),
    ("The region received 3 medical complexes on wheels.", "mobile_medical_complex"),
    ("The region opened 12 testing labs.", "laboratory"),
    ("The region purchased 100,000 respirator masks.", "mask"),
    ("The region has 120 ICU places.", "icu_bed"),
    ("The region has 120 first aid vehicles.", "ambulance"),
])
def test_en_synonyms_of_outlets(text, item):
    assert [found for _, found in items(text, "en")] == [item]


@pytest.mark.parametrize("text, item", [
    ("The region has 2 MRTs.", "mri_scanner"),  # a transliteration of МРТ
    ("The hospitals received over 1,000 oxygen concentrates.", "oxygen_concentrator"),  # a common slip
])
def test_en_transliterations_and_slips(text, item):
    assert [found for _, found in items(text, "en")] == [item]


@pytest.mark.parametrize("text, item, lang", [
    ("The region purchased 5,000 items of PPE.", "protective_suit", "en"),
    ("The region purchased 5,000 sets of personal protective equipment.", "protective_suit", "en"),
    ("The region purchased 300,000 packs of antibiotics.", "medicine", "en"),
    ("Закуплено 300 тысяч упаковок жаропонижающих средств.", "medicine", "ru"),
])
def test_measure_words_count_what_they_measure(text, item, lang):
    assert [found for _, found in items(text, lang)] == [item]


@pytest.mark.parametrize("text, item", [
    ("Развернуто 300 койкомест.", "hospital_bed"),
    ("Закуплено 5 рентгеноаппаратов.", "xray_machine"),
    ("Закуплено 5 ИВЛов.", "ventilator"),
    ("Закуплено 5 аппаратов вентиляции.", "ventilator"),
    ("Закуплено 5 «скорых».", "ambulance"),
    ("Закуплено 5 санавтомашин.", "ambulance"),
])
def test_ru_informal_and_fused_spellings(text, item):
    assert [found for _, found in items(text, "ru")] == [item]


@pytest.mark.parametrize("text, item", [
    ("The region deployed 5,000 inpatient places.", "hospital_bed"),
    ("The region deployed 500 intensive care unit places.", "icu_bed"),
    ("The region hired 5 specialist physicians.", "doctor"),
])
def test_en_places_are_beds_and_specialist_physicians_are_doctors(text, item):
    assert [found for _, found in items(text, "en")] == [item]


@pytest.mark.parametrize("text, lang", [
    ("Закуплено 58 аппаратов ИВЛ и 250 дыхательных аппаратов «Боброва».", "ru"),
    ("Закуплено 58 аппаратов ИВЛ и 40 аппаратов высокопоточной оксигенации.", "ru"),
    ("The hospitals received 58 ventilators and 1,000 flowmeters.", "en"),
    ("The region bought 58 ventilators and 30 high-flow oxygen therapy devices.", "en"),
    ("Поступило 58 аппаратов ИВЛ. Также поступило 5 аппаратов искусственной почки и 3 стоматологические установки.", "ru"),
    ("The hospital received 58 ventilators. It also received 5 dental units and 2 laparoscopic racks.", "en"),
])
def test_devices_outside_the_list_are_not_the_device_in_focus(text, lang):
    """A Bobrov apparatus, a high-flow oxygenator or a flowmeter is none of ours, not "аппарат" = the ventilator."""
    assert items(text, lang) == [(58, "ventilator")]
