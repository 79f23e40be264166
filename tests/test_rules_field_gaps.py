"""Lexicon and number gaps found by an error analysis of unseen articles (docs/lexicon.md, "Session 15").

Every sentence is constructed; each test covers one class of gap in several grammatical shapes.
"""

from __future__ import annotations

import pytest

from extract.pipeline import extract


def facts(text: str, lang: str) -> list[tuple[str, float, str]]:
    return [(f.item, f.quantity, f.status) for f in extract(text, lang)._.facts]


def counted(text: str, lang: str) -> list[tuple[str, float]]:
    return [(item, quantity) for item, quantity, _ in facts(text, lang)]


# -- items ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, expected", [
    ("ru", "Для медиков закуплено 720 единиц спецодежды.", ("protective_suit", 720)),
    ("ru", "В больницы области поступило 500 комплектов спецодежды.", ("protective_suit", 500)),
    ("ru", "Медикам передадут 300 комплектов медицинской спецодежды.", ("protective_suit", 300)),
    ("ru", "В область поступило 15000 защитных халатов.", ("protective_suit", 15000)),
    ("ru", "Больнице передали 2000 защитных медицинских халатов.", ("protective_suit", 2000)),
    ("ru", "Волонтёры привезли 21 изолирующий халат.", ("protective_suit", 21)),
    ("en", "The region received 15,000 protective gowns.", ("protective_suit", 15000)),
    ("en", "Volunteers delivered 600 isolation gowns to the hospital.", ("protective_suit", 600)),
])
def test_protective_clothing_and_gowns_are_protective_suits(lang, text, expected):
    assert counted(text, lang) == [expected]


@pytest.mark.parametrize("lang, text", [
    ("ru", "Ученики сшили 50 медицинских халатов для школы."),
    ("ru", "В больнице 40 хирургических халатов."),
    ("en", "The school bought 40 graduation gowns."),
])
def test_plain_gowns_stay_outside_the_item_list(lang, text):
    assert counted(text, lang) == []


@pytest.mark.parametrize("text, status", [
    ("В Алматы строят карантинный центр на 280 мест.", "planned"),
    ("Карантинный центр на 200 мест откроют в марте.", "planned"),
    ("В городе открыли карантинный центр на 150 мест.", "acquired"),
    ("Будет построен инфекционный центр на 120 мест.", "planned"),
])
def test_ru_places_of_a_quarantine_centre_are_beds(text, status):
    assert [(item, status_) for item, _, status_ in facts(text, "ru")] == [("hospital_bed", status)]


@pytest.mark.parametrize("lang, text, expected", [
    ("ru", "Больница будет рассчитана на 180 коек для стационара и 20 коек для отделения реанимации и интенсивной "
           "терапии.", [("hospital_bed", 180), ("icu_bed", 20)]),
    ("ru", "В центре предусмотрено 28 мест для отделения интенсивной терапии.", [("icu_bed", 28)]),
    ("ru", "Будет открыто 30 коек для реанимации.", [("icu_bed", 30)]),
    ("ru", "Открыто 10 коек отделения интенсивной терапии.", [("icu_bed", 10)]),
    ("en", "Over 4,900 beds and 620 intensive care units were opened.", [("hospital_bed", 4900), ("icu_bed", 620)]),
    ("en", "The hospital will have 40 intensive care units.", [("icu_bed", 40)]),
    ("en", "The region has 12 ICU units for COVID-19 patients.", [("icu_bed", 12)]),
    # A unit with its own bed count is the ward, not a bed.
    ("en", "The hospital opened one intensive care unit for 12 beds.", [("hospital_bed", 12)]),
])
def test_icu_beds_named_through_the_unit(lang, text, expected):
    assert counted(text, lang) == expected


@pytest.mark.parametrize("text, expected", [
    ("In Astana 278 medical positions are vacant.", ("medical_worker", 278, "needed")),
    ("Across the country, 2,406 jobs in healthcare remain unfilled.", ("medical_worker", 2406, "needed")),
    ("The shortage of medical human resources is 2,406.", ("medical_worker", 2406, "needed")),
    ("The region's hospitals will be joined by 1,200 students of the medical university.", ("specialist", 1200, None)),
    ("This year 400 medical college students volunteered in hospitals.", ("specialist", 400, None)),
    ("300 medical students will help in hospitals.", ("specialist", 300, None)),
])
def test_en_health_workforce_named_by_posts_jobs_and_students(text, expected):
    item, quantity, status = expected
    assert [(i, q, s if status else None) for i, q, s in facts(text, "en")] == [(item, quantity, status)]


@pytest.mark.parametrize("text", [
    "The new plant will create 500 jobs.",
    "The school has 800 students.",
])
def test_en_jobs_and_students_outside_health_are_no_facts(text):
    assert counted(text, "en") == []


@pytest.mark.parametrize("lang, text, expected", [
    ("ru", "Новая поликлиника открылась в селе. В учреждении работают 324 сотрудника, включая 98 врачей.",
     [("medical_worker", 324), ("doctor", 98)]),
    ("ru", "В больнице работают 500 сотрудников.", [("medical_worker", 500)]),
    ("ru", "Штат поликлиники — 41 сотрудник.", [("medical_worker", 41)]),
    ("en", "A new polyclinic opened in the village. 324 employees work there, including 98 doctors.",
     [("medical_worker", 324), ("doctor", 98)]),
    ("ru", "Завод открылся в селе. На заводе работают 200 сотрудников.", []),
    ("en", "The plant opened in the village. 200 employees work there.", []),
])
def test_employees_of_a_medical_facility_in_focus_are_medical_workers(lang, text, expected):
    assert counted(text, lang) == expected


# -- status words --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, status", [
    ("ru", "Ещё пять медучреждений реализовали вне нацпроекта.", "acquired"),
    ("ru", "В области реализуется строительство 3 больниц.", "planned"),
    ("ru", "Объект мощностью 630 коек станет первой клиникой международного уровня.", "planned"),
    ("ru", "Число коек в области стало 300.", "available"),
    ("en", "1,490 young doctors were assigned to work in cities.", "acquired"),
    ("en", "Kazakhstan's manufacturers have produced 12 mobile medical units.", "acquired"),
])
def test_acquire_and_copula_words_missing_before(lang, text, status):
    assert [s for _, _, s in facts(text, lang)] == [status]


@pytest.mark.parametrize("text, status", [
    ("В системе здравоохранения было занято 281 400 медицинских работников.", "available"),
    ("В отрасли заняты 5000 медработников.", "available"),
    ("В области занято 1200 коек.", "other"),
    ("Сейчас заняты 300 инфекционных коек.", "other"),
])
def test_ru_occupied_beds_are_other_but_employed_staff_exist(text, status):
    assert [s for _, _, s in facts(text, "ru")] == [status]


@pytest.mark.parametrize("lang, text, status", [
    ("ru", "Нам удалось закупить 20 аппаратов ИВЛ.", "acquired"),
    ("ru", "Пришлось срочно закупить 30 аппаратов ИВЛ.", "acquired"),
    ("ru", "Весной пришлось развернуть 16 госпиталей.", "available"),  # развернуть is exist: deployed = available
    ("ru", "Планируется закупить 40 аппаратов ИВЛ.", "planned"),
    ("en", "The region had to buy 30 ventilators urgently.", "acquired"),
    ("en", "The region has to buy 40 ventilators.", "needed"),
])
def test_a_past_obligation_reads_as_the_past_of_its_verb(lang, text, status):
    assert [s for _, _, s in facts(text, lang)] == [status]


@pytest.mark.parametrize("text, status", [
    ("In 2025, 529 doctors in high-demand specialties received relocation payments.", "other"),
    ("300 doctors of in-demand specialties received payments.", "other"),
    ("20 well-equipped ambulances were delivered to the region.", "acquired"),
    ("2 hospitals were re-opened in May.", "acquired"),
    ("There is high demand for 200 doctors in the region.", "needed"),
])
def test_en_word_after_a_hyphen_in_a_compound_modifier_is_no_predicate(text, status):
    assert [s for _, _, s in facts(text, "en")] == [status]


# -- numbers -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, expected", [
    ("ru", "Ещё порядка тысячи кислородных концентраторов закупят в течение месяца.", ("oxygen_concentrator", 1000)),
    ("ru", "В регион приехали более тысячи врачей.", ("doctor", 1000)),
    ("ru", "Область закупит тысячу аппаратов ИВЛ.", ("ventilator", 1000)),
    ("ru", "Тысяча медработников вышла на работу.", ("medical_worker", 1000)),
    ("ru", "Поступило свыше миллиона масок.", ("mask", 1000000)),
    ("ru", "Будет развернута тысяча двести коек.", ("hospital_bed", 1200)),
    ("en", "About a thousand ventilators will be purchased.", ("ventilator", 1000)),
    ("en", "A million masks were delivered.", ("mask", 1000000)),
])
def test_a_singular_multiplier_alone_is_one_of_it(lang, text, expected):
    assert counted(text, lang) == [expected]


@pytest.mark.parametrize("lang, text", [
    ("ru", "Тысячи врачей вышли на работу."),
    ("ru", "Несколько тысяч врачей вышли на работу."),
    ("en", "Thousands of doctors went to work."),
])
def test_a_plural_multiplier_alone_is_no_exact_number(lang, text):
    assert counted(text, lang) == []


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The number of beds will double from 28 to 42 thousand by July.",
     [("hospital_bed", 28000, "other"), ("hospital_bed", 42000, "planned")]),
    ("ru", "Число коек увеличится с 28 до 42 тысяч.", [("hospital_bed", 28000, "other"), ("hospital_bed", 42000, "planned")]),
    ("en", "The number of beds grew from 500 to 2 thousand.", [("hospital_bed", 500, "other"), ("hospital_bed", 2000, "available")]),
    ("ru", "Планируется развернуть 200-300 коек.", [("hospital_bed", 200, "planned")]),
    ("ru", "В области будет 20-30 тысяч коек.", [("hospital_bed", 20000, "planned")]),
    ("en", "They deployed 200-300 beds last week.", [("hospital_bed", 200, "available")]),
])
def test_ranges_read_their_lower_end_and_share_the_multiplier(lang, text, expected):
    assert facts(text, lang) == expected
