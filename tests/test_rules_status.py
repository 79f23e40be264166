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


# -- status from the clause: lexical class of the governing word + tense, aspect, voice, modality --------------
def test_en_passive_past_participle_is_acquired():
    assert statuses("Last month 12 ambulances were handed to the district hospital.", "en") == [("12", "acquired")]


def test_en_progressive_passive_is_planned():
    assert statuses("At the moment 30 ventilators are being purchased for the clinics.", "en") == [("30", "planned")]


def test_en_perfect_passive_is_acquired():
    assert statuses("So far 14 polyclinics have been built in the villages.", "en") == [("14", "acquired")]


def test_en_future_auxiliary_makes_an_acquisition_planned():
    assert statuses("By March the clinic will be delivered 9 ambulances.", "en") == [("9", "planned")]


def test_en_be_to_infinitive_is_planned():
    assert statuses("Another 25 ambulances are to arrive in the spring.", "en") == [("25", "planned")]


def test_en_lemma_of_the_verb_decides_need():
    assert statuses("The district lacks 45 nurses.", "en") == [("45", "needed")]


def test_en_past_perfect_possession_is_history():
    assert statuses("Before the outbreak the city had had 60 ventilators.", "en") == [("60", "other")]


def test_en_list_takes_the_verb_that_follows_it():
    text = "Additional 40 ventilators, 12 ambulances, 300 beds are being procured."
    assert statuses(text, "en") == [("40", "planned"), ("12", "planned"), ("300", "planned")]


def test_en_active_subject_of_a_transitive_verb_exists():
    assert statuses("Some 35 mobile clinics delivered care to remote villages.", "en") == [("35", "available")]


def test_en_participle_clause_takes_the_time_of_its_verb():
    text = "Nine modular hospitals are set to open in May, housing 2,000 beds."
    assert statuses(text, "en")[-1] == ("2,000", "planned")


def test_en_embedded_clause_keeps_its_verb():
    text = "There are 8 CT scanners in the hospitals, with 3 more to be purchased next year."
    assert statuses(text, "en") == [("8", "available"), ("3", "planned")]


def test_en_future_expansion_by_n_is_planned_past_increase_by_n_is_other():
    assert statuses("The fleet will be expanded by 20 ambulances.", "en") == [("20", "planned")]
    assert statuses("The number of beds increased by 200 beds.", "en") == [("200", "other")]


def test_en_increase_to_n_gives_the_level_reached():
    assert statuses("The number of beds has been increased from 100 to 250 beds.", "en") == [("100", "other"), ("250", "available")]


def test_en_out_of_declared_demand():
    text = "Of the declared demand, only 3 out of 12 surgeons were hired."
    assert statuses(text, "en") == [("3", "acquired"), ("12", "needed")]


def test_ru_short_passive_participle_is_acquired():
    assert statuses("В районы направлено 15 машин скорой помощи.", "ru") == [("15", "acquired")]


def test_ru_present_imperfective_reflexive_is_planned():
    assert statuses("Сейчас закупается еще 40 аппаратов ИВЛ.", "ru") == [("40", "planned")]


def test_ru_infinitive_after_need_frame_is_needed_even_with_future_copula():
    assert statuses("Для этого необходимо будет закупить 70 аппаратов ИВЛ.", "ru") == [("70", "needed")]


def test_ru_infinitive_after_plan_frame_is_planned():
    assert statuses("В следующем году планируется открыть 4 поликлиники.", "ru") == [("4", "planned")]


def test_ru_copula_takes_the_class_of_its_subject():
    assert statuses("Потребность в кадрах составляет 90 врачей.", "ru") == [("90", "needed")]
    assert statuses("Коечный фонд составит 800 коек.", "ru") == [("800", "planned")]


def test_ru_attributive_need_adjective_does_not_govern():
    text = "Больницы обеспечены необходимым оборудованием: 50 аппаратов ИВЛ и 12 рентгеновских аппаратов."
    assert statuses(text, "ru") == [("50", "available"), ("12", "available")]


def test_ru_process_noun_takes_the_status_of_its_verb():
    assert statuses("В прошлом году завершено строительство больницы на 150 коек.", "ru") == [("150", "acquired")]
    assert statuses("Сейчас завершается строительство больницы на 150 коек.", "ru") == [("150", "planned")]


def test_ru_recipient_facilities_exist():
    assert statuses("12 сельских больниц получили новые аппараты.", "ru") == [("12", "available")]


def test_ru_list_member_takes_the_verb_of_the_clause_it_continues():
    text = "Закуплено 20 аппаратов ИВЛ, 30 концентраторов и 5 машин скорой помощи."
    assert [s for _, s in statuses(text, "ru")] == ["acquired", "acquired", "acquired"]


def test_every_clause_status_names_its_rule():
    [fact] = extract("The district lacks 45 nurses.", "en")._.facts
    assert fact.status_rule == "status.clause:en.verbclass.need.lack+habitual"


def test_en_bracket_does_not_end_the_list():
    text = "Seven clinics, including four polyclinics (2 private), and three laboratories will be opened next year."
    assert [s for _, s in statuses(text, "en")] == ["planned"] * len(statuses(text, "en"))


def test_en_figure_in_brackets_takes_the_clause_it_explains():
    text = "The shortage of nurses amounted to 900 nurses (of which 600 nurses in villages)."
    assert statuses(text, "en") == [("900", "needed"), ("600", "needed")]


def test_en_reported_past_perfect_passive_is_a_past_state():
    assert statuses("The governor said that 800 doctors had been engaged in the campaign.", "en")[-1][1] == "available"


def test_en_was_the_first_to_open_is_past():
    assert statuses("The city was the first to open a 90-bed hospital.", "en") == [("90", "acquired")]


def test_ru_participial_phrase_keeps_its_verb_to_itself():
    text = "Более 40 молодых врачей, обучающихся в резидентуре, будут приняты на работу в районы."
    assert statuses(text, "ru") == [("40", "planned")]


def test_ru_participle_of_another_noun_does_not_govern_the_figure():
    text = "Это 300 действующих коек, 50 новых в строящихся корпусах и 700 коек в других больницах."
    assert statuses(text, "ru")[-1] == ("700", "available")


def test_en_passive_of_employ_is_hiring_active_is_staff():
    assert statuses("Last year 400 nurses were employed in rural clinics.", "en") == [("400", "acquired")]
    assert statuses("The hospital employs 400 nurses.", "en") == [("400", "available")]


def test_en_simple_present_describes_what_exists():
    assert statuses("More than 900 clinics provide primary care in the villages.", "en") == [("900", "available")]


def test_en_received_activity_is_other():
    assert statuses("Some 250 nurses have received training in intensive care.", "en") == [("250", "other")]
    assert statuses("Около 300 медсестер прошли обучение.", "ru") == [("300", "other")]


def test_en_frame_defers_to_the_verb_it_governs():
    assert statuses("Around 80 interns are expected to graduate in June.", "en") == [("80", "other")]


def test_en_place_of_an_acquisition_is_not_acquired():
    assert statuses("New X-ray machines were installed in 6 hospitals.", "en")[-1] == ("6", "other")


def test_en_adjectival_participle_after_an_article_does_not_predicate():
    assert statuses("The remaining 12 polyclinics will be opened next year.", "en") == [("12", "planned")]


def test_en_word_inside_an_item_name_is_no_predicate():
    assert statuses("Two medical trains work in the steppe regions.", "en") == [("Two", "available")]


def test_ru_auxiliary_be_leaves_the_decision_to_the_participle():
    assert statuses("За два года было открыто 9 новых поликлиник.", "ru") == [("9", "acquired")]


def test_ru_money_for_construction_leaves_the_construction_planned():
    text = "Из бюджета выделены средства на строительство 3 врачебных амбулаторий."
    assert statuses(text, "ru") == [("3", "planned")]


def test_en_movement_of_staff_is_other():
    assert statuses("Outflow of staff amounted to 310 doctors.", "en") == [("310", "other")]


@pytest.mark.parametrize("text, lang", [
    ("Five ventilators arrived today and 3 more are expected.", "en"),
    ("Пять аппаратов ИВЛ поступили вчера и ещё 3 ожидаются в марте.", "ru"),
])
def test_and_before_a_figure_with_its_own_verb_starts_its_own_clause(text, lang):
    assert [status for _, status in statuses(text, lang)] == ["acquired", "planned"]


@pytest.mark.parametrize("text, lang", [
    ("Закуплено 20 аппаратов ИВЛ и 30 концентраторов.", "ru"),
    ("The region purchased 20 ventilators and 30 oxygen concentrators.", "en"),
])
def test_and_inside_a_list_under_one_verb_keeps_the_verb(text, lang):
    assert statuses(text, lang) == [("20", "acquired"), ("30", "acquired")]


@pytest.mark.parametrize("text, lang, item", [
    ("Открыто 120 вакансий врачей.", "ru", "doctor"),
    ("There are 120 vacancies for doctors.", "en", "doctor"),
    ("The region has 120 doctor vacancies.", "en", "doctor"),
])
def test_a_figure_that_counts_vacancies_is_a_need_whatever_the_verb(text, lang, item):
    [fact] = extract(text, lang)._.facts
    assert (fact.quantity, fact.item, fact.status) == (120, item, "needed")


@pytest.mark.parametrize("text, expected", [
    ("The region has 40 ambulances, with 12 new cars reaching the villages.", [("40", "available"), ("12", "available")]),
    ("Medicine is developed with 149 ambulances reaching each corner.", [("149", "available")]),
])
def test_a_bare_ing_copula_takes_the_time_of_the_verb_before_it(text, expected):
    """"reaching" as a copula has no time of its own; before, its status lookup raised and lost the document."""
    assert statuses(text, "en") == expected
