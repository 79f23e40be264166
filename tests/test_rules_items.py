"""Which item a number counts: forward, coordinated, backward, focus and anaphora; blockers."""

from __future__ import annotations

import pytest

from extract.pipeline import extract


def facts(text: str, lang: str) -> list[tuple[str, str, float]]:
    return [(f.quantity_text, f.item, f.quantity) for f in extract(text, lang)._.facts]


def test_such_devices_refer_to_the_item_in_focus():
    text = ("“The region has only 148 ventilators, which are not enough for the many infected people. "
            "We are currently negotiating with Russia and Uzbekistan. We plan to purchase 50 such devices very soon,” he commented.")
    doc = extract(text, "en")
    assert [(f.quantity, f.item) for f in doc._.facts] == [(148.0, "ventilator"), (50.0, "ventilator")]
    assert doc._.facts[1].rule.startswith("anaphor:")


def test_multiword_item_after_modifiers():
    assert facts("Almaty region intends to equip ambulances with 57 portable artificial ventilation devices.", "en") == [
        ("57", "ventilator", 57.0),
    ]


@pytest.mark.parametrize("separator", [". Ожидается", ", ожидается"])
def test_ru_units_after_ventilators_count_ventilators(separator):
    text = f"В области имеется 260 аппаратов ИВЛ{separator} поставка еще 34-х единиц."
    assert facts(text, "ru") == [("260", "ventilator", 260.0), ("34-х", "ventilator", 34.0)]


def test_people_on_ventilators_are_not_ventilators():
    assert [f for f in facts("В настоящее время 10 человек находятся на аппаратах ИВЛ.", "ru") if f[1] == "ventilator"] == []
    assert facts("На аппаратах ИВЛ находятся 10 пациентов.", "ru") == []


@pytest.mark.parametrize("text, lang", [
    ("The hospital treats 300 patients a day.", "en"),
    ("The region spent 5 million tenge on ventilators.", "en"),
    ("Equipment of medical organizations grew from 91% to 93%.", "en"),
    ("In total, ambulance crews cover up to 3,000 calls per day.", "en"),
    ("За сутки выявлено 150 случаев коронавируса.", "ru"),
    ("На закуп аппаратов ИВЛ выделено 300 млн тенге.", "ru"),
])
def test_patients_money_percentages_and_calls_are_not_facts(text, lang):
    assert facts(text, lang) == []


def test_blocker_between_number_and_item_stops_attachment():
    assert facts("There are 1,200 COVID-19 patients and 40 ventilators.", "en") == [("40", "ventilator", 40.0)]
    assert facts("В области 120 пульсоксиметров и 40 аппаратов ИВЛ.", "ru") == [("40", "ventilator", 40.0)]


def test_several_items_in_one_sentence_each_get_their_number():
    assert facts("В больнице работают 25 врачей, 40 медсестер и 3 анестезиолога.", "ru") == [
        ("25", "doctor", 25.0), ("40", "nurse", 40.0), ("3", "anesthesiologist", 3.0),
    ]


def test_coordinated_numbers_share_the_item_that_follows():
    assert facts("Количество коек будет увеличено до 2415 и 3400 коек.", "ru") == [
        ("2415", "hospital_bed", 2415.0), ("3400", "hospital_bed", 3400.0),
    ]


def test_number_after_the_number_of_items_counts_them():
    assert facts("They intend to increase the number of beds in hospitals to 5,000.", "en") == [
        ("5,000", "hospital_bed", 5000.0),
    ]


def test_of_which_counts_the_item_in_focus():
    assert facts("An additional delivery of 100 ambulances is expected, of which 70 were purchased through leasing.", "en") == [
        ("100", "ambulance", 100.0), ("70", "ambulance", 70.0),
    ]


def test_ru_eshche_n_counts_the_item_of_the_previous_sentence():
    assert facts("Всего в области 308 аппаратов ИВЛ. Еще 83 поступят в августе.", "ru") == [
        ("308", "ventilator", 308.0), ("83", "ventilator", 83.0),
    ]


@pytest.mark.parametrize("text, lang, item", [
    ("В Уральск привезли 160 кислородных концентраторов.", "ru", "oxygen_concentrator"),
    ("В области 39 ФАПов.", "ru", "feldsher_post"),
    ("Открыли 5 врачебных амбулаторий.", "ru", "outpatient_clinic"),
    ("Развернуто 640 инфекционных коек.", "ru", "hospital_bed"),
    ("Aktobe will roll out 300 intensive care beds.", "en", "icu_bed"),
    ("The region has 13 stationary and portable X-ray machines.", "en", "xray_machine"),
    ("Eight medical buses arrived in Akmola region.", "en", "mobile_medical_complex"),
    ("Закуплено 4 тысячи тест-систем.", "ru", "test_system"),
    ("Выделено 1,2 млн масок.", "ru", "mask"),
    ("Трое врачей прибыли в область.", "ru", "doctor"),
])
def test_item_lexicon_in_both_languages(text, lang, item):
    assert [f[1] for f in facts(text, lang)] == [item]


def test_ru_deficit_stated_with_the_staff_noun_counts_that_staff():
    assert facts("Дефицит составляет 120 врачей.", "ru") == [("120", "doctor", 120.0)]


def test_ru_n_people_after_a_staff_item_count_that_staff():
    assert facts("Дефицит врачей составляет 120 человек.", "ru") == [("120", "doctor", 120.0)]


def test_coordinated_numbers_share_the_item_named_before_them():
    assert facts("Число инфекционных коек увеличат до 2415 и 3400.", "ru") == [
        ("2415", "hospital_bed", 2415.0), ("3400", "hospital_bed", 3400.0),
    ]


def test_ru_from_to_range_after_the_number_of_beds_counts_beds():
    assert ("500", "hospital_bed", 500.0) in facts("Количество коек увеличилось с 300 до 500.", "ru")


# -- noun-phrase structure: list members, count nouns ---------------------------------------------

def test_en_bare_figures_in_a_list_share_the_item_of_its_counted_figure():
    text = "The ministry sent 40 ventilators to Taraz, 12 in Kostanay and 7 to Aktau."
    assert facts(text, "en") == [("40", "ventilator", 40.0), ("12", "ventilator", 12.0), ("7", "ventilator", 7.0)]


def test_ru_district_dash_number_rows_share_the_item():
    text = "В Уланском районе открыли 6 фельдшерско-акушерских пунктов, в Курчумском – три, в Зайсанском районе – один."
    assert [f[1:] for f in facts(text, "ru")] == [("feldsher_post", 6.0), ("feldsher_post", 3.0), ("feldsher_post", 1.0)]


def test_a_new_noun_starts_a_new_list():
    text = "The number of ventilators grew from 100 to 150, while that of oxygen stations doubled 8."
    assert [f[2] for f in facts(text, "en")] == [100.0, 150.0]


def test_money_after_a_counted_figure_is_not_a_list_member():
    assert [f[2] for f in facts("Закуплено 12 аппаратов ИВЛ, на это выделено 3 млрд. 494,0 млн. тенге.", "ru")] == [12.0]
    assert [f[2] for f in facts("The region bought 12 ventilators, worth KZT 5.7 billion.", "en")] == [12.0]


def test_sentence_initial_figure_with_a_resource_verb_takes_the_counted_item():
    text = "Hospitals received 200 ventilators last week. 150 will be delivered in June."
    assert [f[1:] for f in facts(text, "en")] == [("ventilator", 200.0), ("ventilator", 150.0)]


def test_count_noun_governs_the_item_across_modifiers():
    assert facts("The number of oxygen concentrators in the city's clinics stands at 310.", "en") == [
        ("310", "oxygen_concentrator", 310.0)]
    assert facts("Общее число коек по стране составит 41 250.", "ru") == [("41 250", "hospital_bed", 41250.0)]


def test_their_number_refers_to_the_item_in_focus():
    text = "В районах не хватает кислородных концентраторов. Сейчас их количество составляет 95."
    assert facts(text, "ru") == [("95", "oxygen_concentrator", 95.0)]


def test_of_them_refers_to_the_whole_not_to_its_named_part():
    text = ("В этом году строится 14 объектов здравоохранения, включая 6 врачебных амбулаторий. "
            "Из них 11 объектов сдадут к осени.")
    assert [f[1:] for f in facts(text, "ru")] == [
        ("medical_facility", 14.0), ("outpatient_clinic", 6.0), ("medical_facility", 11.0)]


def test_objects_summing_several_kinds_are_generic_facilities():
    text = "Построят 3 врачебные амбулатории и 2 фельдшерско-акушерских пункта. Все 5 объектов откроют в декабре."
    assert [f[1:] for f in facts(text, "ru")][-1] == ("medical_facility", 5.0)


def test_n_more_continues_the_figure_counted_in_its_sentence():
    text = "The city has four MRI scanners in its hospitals, with 3 more machines to arrive in May."
    assert [f[1:] for f in facts(text, "en")] == [("mri_scanner", 4.0), ("mri_scanner", 3.0)]


def test_measure_words_pass_through_to_the_noun_they_govern():
    assert facts("The clinic signed a contract for 12 units of portable ventilators.", "en") == [("12", "ventilator", 12.0)]
    assert facts("The region bought 30 units of snow-clearing machinery.", "en") == []


def test_people_count_the_staff_the_figure_is_linked_to():
    assert facts("Дефицит медицинских сестер составляет 310 человек.", "ru") == [("310", "nurse", 310.0)]
    assert facts("В больнице лечатся 310 человек.", "ru") == []


def test_seats_of_an_inpatient_facility_are_beds_of_a_polyclinic_visits():
    assert facts("Новый стационар рассчитан на 120 мест.", "ru") == [("120", "hospital_bed", 120.0)]
    assert facts("В селе построят поликлинику на 250 мест.", "ru") == []


def test_a_noun_after_a_dash_names_the_item_more_precisely():
    text = "The country now has 25 in-patient facilities - rehabilitation centres for adults."
    assert facts(text, "en") == [("25", "rehabilitation_center", 25.0)]


def test_a_figure_in_brackets_counts_the_noun_before_them():
    assert [f[1:] for f in facts("The city has 14 polyclinics (5 private).", "en")] == [
        ("outpatient_clinic", 14.0), ("outpatient_clinic", 5.0)]


def test_a_bed_figure_from_context_is_refined_by_what_its_clause_says_it_is_for():
    text = "В городе откроют стационар на 150 коек, 15 из них – для реанимации."
    assert [f[1:] for f in facts(text, "ru")] == [("hospital_bed", 150.0), ("icu_bed", 15.0)]


def test_ru_an_adjective_without_its_noun_counts_the_item_in_focus():
    text = "В области развернуто 900 коек. Из них 300 инфекционных."
    assert [f[1:] for f in facts(text, "ru")] == [("hospital_bed", 900.0), ("hospital_bed", 300.0)]


def test_places_in_a_story_about_a_hospital_are_its_beds():
    text = ("В Таразе начали строить модульный госпиталь.\n\nРешение приняли на заседании штаба.\n\n"
            "Здание рассчитано на 200 мест.")
    assert facts(text, "ru") == [("200", "hospital_bed", 200.0)]
    assert facts("Новая школа рассчитана на 300 мест.", "ru") == []


def test_a_count_noun_reaches_across_a_long_subject():
    text = ("The number of medical workers on call in the regions to fight the seasonal flu outbreak "
            "in the coming winter months stands at 12 thousand.")
    assert facts(text, "en") == [("12 thousand", "medical_worker", 12000.0)]


def test_ru_abbreviated_measure_words_pass_through():
    assert facts("Привезли 10 ед. санитарного автотранспорта.", "ru") == [("10", "ambulance", 10.0)]
    assert facts("В области 50 аппаратов ИВЛ. Закуплено ещё 10 ед.", "ru")[-1] == ("10", "ventilator", 10.0)


def test_averages_are_rates_not_counts():
    assert facts("Районные больницы получили в среднем по четыре кислородных концентратора.", "ru") == []
    assert facts("Clinics received on average 3 oxygen concentrators.", "en") == []


def test_as_many_as_links_a_figure_to_the_counted_subject():
    text = "The number of reserve beds is to reach as many as 12 thousand as part of the conversion of hospitals."
    assert facts(text, "en") == [("12 thousand", "hospital_bed", 12000.0)]


def test_a_count_per_round_number_of_population_is_a_rate():
    assert facts("Обеспеченность составляет 23 врача на 10 тысяч населения.", "ru") == []
    assert facts("The region has 31 doctors per 10,000 population.", "en") == []
    assert facts("Регион обслуживают 3548 врачей на 1,22 млн населения.", "ru") == [("3548", "doctor", 3548.0)]


def test_en_number_as_a_verb_links_the_figure_to_its_subject_across_a_place():
    assert facts("Ambulances in the region number 120.", "en") == [("120", "ambulance", 120.0)]


def test_ru_acronym_at_the_end_of_a_sentence_keeps_its_item():
    # spaCy's exceptions take "МРТ." for an abbreviated month; in news it is an MRI scanner.
    assert facts("В больницу поступило 2 аппарата МРТ.", "ru") == [("2", "mri_scanner", 2.0)]


@pytest.mark.parametrize("text, lang, expected", [
    ("Развернуто 600 инфекционных и 340 карантинных коек.", "ru",
     [("600", "hospital_bed"), ("340", "hospital_bed")]),
    ("Развернуто 600 инфекционных и 40 реанимационных коек.", "ru", [("600", "hospital_bed"), ("40", "icu_bed")]),
    ("Развернуто 20 реанимационных и 100 обычных коек.", "ru", [("20", "icu_bed"), ("100", "hospital_bed")]),
    ("There are 600 infectious and 340 quarantine beds.", "en", [("600", "hospital_bed"), ("340", "hospital_bed")]),
    ("The region received 5 digital and 3 mobile X-ray machines.", "en",
     [("5", "xray_machine"), ("3", "xray_machine")]),
])
def test_a_figure_whose_noun_is_left_out_counts_the_head_of_the_next_figure(text, lang, expected):
    """Each figure keeps its own modifiers: only the head noun is shared."""
    assert [(q, item) for q, item, _ in facts(text, lang)] == expected


@pytest.mark.parametrize("text, lang", [
    ("Five arrived today and 3 ventilators are expected.", "en"),
    ("Пять поступили вчера и 3 аппарата ИВЛ ожидаются.", "ru"),
])
def test_a_clause_with_its_own_verb_is_not_a_left_out_noun(text, lang):
    assert [(q, item) for q, item, _ in facts(text, lang)] == [("3", "ventilator")]


def test_one_figure_over_coordinated_kinds_counts_the_broad_item():
    assert facts("100 multifunctional and intensive care beds were deployed.", "en") == [("100", "hospital_bed", 100)]


@pytest.mark.parametrize("text", [
    "The region has built 40 medical facilities, including 23 this year.",
    "The city received 40 ambulances in 2020 and 23 last year.",
])
def test_a_figure_followed_by_a_time_phrase_counts_the_item_of_its_list(text):
    """The year after the figure says when, it is not the counted noun (as "5 years" would be)."""
    assert [q for q, _, _ in facts(text, "en")] == ["40", "23"]
    assert len({item for _, item, _ in facts(text, "en")}) == 1


@pytest.mark.parametrize("text, lang, expected", [
    ("38 medical facilities including 22 first-aid and 16 medical and obstetric stations are under construction.", "en",
     [("38", "medical_facility"), ("22", "medical_post"), ("16", "feldsher_post")]),
    ("Развернуто 20 реанимационных и 100 обычных коек.", "ru", [("20", "icu_bed"), ("100", "hospital_bed")]),
])
def test_a_left_out_noun_is_read_with_the_first_figures_own_modifiers(text, lang, expected):
    """The shared head noun rebuilt with the first figure's modifiers names its item ("first-aid stations")."""
    assert [(q, item) for q, item, _ in facts(text, lang)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Построят 150-коечную больницу.", [("150", "hospital_bed", 150)]),
    ("В районе откроют 200-коечный стационар.", [("200", "hospital_bed", 200)]),
    ("Принят 5-летний план развития.", []),
])
def test_ru_n_bed_compound_counts_beds_like_english_n_bed(text, expected):
    assert facts(text, "ru") == expected


def test_ru_case_endings_stay_on_their_number():
    doc = extract("Закуплено 34-х аппаратов ИВЛ для 5-й больницы.", "ru")
    assert [q.text for q in doc.spans["quantity"]] == ["34-х"]


@pytest.mark.parametrize("text, lang, expected", [
    ("The number of beds increased by 200.", "en", [("200", "hospital_bed", "other")]),
    ("Количество коек увеличилось на 200.", "ru", [("200", "hospital_bed", "other")]),
    ("Ventilators were donated by 3 companies.", "en", []),
    ("Аппараты ИВЛ переданы на 3 предприятия.", "ru", []),
])
def test_the_number_of_items_changed_by_n_counts_the_items_as_a_change(text, lang, expected):
    assert [(f.quantity_text, f.item, f.status) for f in extract(text, lang)._.facts] == expected


@pytest.mark.parametrize("text, expected", [
    ("Аппаратов ИВЛ закуплено 30.", [("30", "ventilator", "acquired")]),
    ("Машин скорой помощи в этом году поступило 15.", [("15", "ambulance", "acquired")]),
    ("Врачей в Жамбылской области не хватает 300.", [("300", "doctor", "needed")]),
    ("Для больниц закуплено 30.", []),  # a recipient after a preposition is not the counted noun
    ("В больницы области поступило 30.", []),
])
def test_ru_counted_noun_fronted_before_its_verb_and_figure(text, expected):
    assert [(f.quantity_text, f.item, f.status) for f in extract(text, "ru")._.facts] == expected


@pytest.mark.parametrize("text, lang, item", [
    ("Коек в больнице – 300.", "ru", "hospital_bed"),
    ("Врачей в больницах области – 300.", "ru", "doctor"),
    ("Врачей больницы – 300.", "ru", "doctor"),
    ("Beds in hospitals number 300.", "en", "hospital_bed"),
    ("Doctors at the hospital: 300.", "en", "doctor"),
])
def test_the_subject_of_a_link_is_not_a_place_or_genitive_after_it(text, lang, item):
    assert facts(text, lang) == [("300", item, 300)]


@pytest.mark.parametrize("text, lang, expected", [
    ("В области открыли новое медицинское учреждение. Сегодня центр рассчитан на 156 коек: 120 кардиологических, "
     "25 кардиохирургических и 11 коек реабилитации.", "ru",
     [("156", "hospital_bed"), ("120", "hospital_bed"), ("25", "hospital_bed"), ("11", "hospital_bed")]),
    ("A new medical institution opened in May. The centre has 156 beds: 120 cardiology beds and 36 others.", "en",
     [("156", "hospital_bed"), ("120", "hospital_bed")]),
])
def test_a_figure_after_a_colon_breaks_down_the_counted_figure_before_it(text, lang, expected):
    """The first member of "на 156 коек: 120 кардиологических" shares the beds, not the clause's subject ("центр",
    which an earlier "медицинское учреждение" would otherwise make a facility)."""
    got = [(f.quantity_text, f.item) for f in extract(text, lang)._.facts]
    assert all(pair in got for pair in expected), got
