"""Officials: a name next to a role or speech verb; Russian names in the nominative."""

from __future__ import annotations

import pytest

from extract.pipeline import extract
from extract.nlp.officials import normalise_ru_name


def officials(text: str, lang: str) -> list[tuple[str, str | None, str | None]]:
    doc = extract(text, lang)
    return [(span.label_, span._.role, span._.role_region) for span in doc.spans["official"]]


@pytest.mark.parametrize("words, nominative", [
    (["Армана", "Джансенгирова"], ["Арман", "Джансенгиров"]),
    (["Арман", "Джансенгиров"], ["Арман", "Джансенгиров"]),
    (["Гульнары", "Ахметовой"], ["Гульнара", "Ахметова"]),
    (["Габита", "Сыздыкбекова"], ["Габит", "Сыздыкбеков"]),
    (["А.", "Джансенгиров"], ["А.", "Джансенгиров"]),
])
def test_ru_names_are_put_in_the_nominative(words, nominative):
    assert normalise_ru_name(words) == nominative


def test_ru_genitive_name_after_role_is_normalised_to_nominative():
    text = "По словам руководителя управления здравоохранения Армана Джансенгирова, в области работают 1894 врача."
    assert officials(text, "ru") == [("Арман Джансенгиров", "руководителя управления здравоохранения", None)]
    [fact] = extract(text, "ru")._.facts
    assert (fact.official, fact.official_role) == ("Арман Джансенгиров", "руководителя управления здравоохранения")


def test_ru_feminine_genitive_name_is_normalised():
    text = "По словам заместителя акима области Гульнары Ахметовой, закуплено 20 аппаратов ИВЛ."
    assert [name for name, _, _ in officials(text, "ru")] == ["Гульнара Ахметова"]


def test_ru_role_with_region_gives_the_speaker_region():
    text = "Об этом сообщил аким Жамбылской области Бердибек Сапарбаев."
    assert officials(text, "ru") == [("Бердибек Сапарбаев", "аким Жамбылской области", "zhambyl")]


def test_en_governor_of_region_then_name():
    text = "Governor of Zhambyl region Berdibek Saparbayev said the region has only 148 ventilators."
    assert officials(text, "en") == [("Berdibek Saparbayev", "Governor of Zhambyl region", "zhambyl")]
    [fact] = extract(text, "en")._.facts
    assert (fact.official, fact.official_role, fact.region) == ("Berdibek Saparbayev", "Governor of Zhambyl region", "zhambyl")


def test_en_region_before_role():
    text = "Akmola region Governor Yermek Marzhikpayev said they need 71 ventilators."
    assert officials(text, "en") == [("Yermek Marzhikpayev", "Akmola region Governor", "akmola")]


def test_en_name_before_role():
    text = "Berdibek Saparbayev, governor of Zhambyl region, said the region has 148 ventilators."
    [(name, role, region)] = officials(text, "en")
    assert (name, region) == ("Berdibek Saparbayev", "zhambyl")
    assert role.lower().startswith("governor")


def test_en_speaker_after_the_quote():
    text = "“Last week, 25 portable ventilators were installed,” said Governor of North Kazakhstan region Kumar Aksakalov."
    [fact] = extract(text, "en")._.facts
    assert (fact.official, fact.region) == ("Kumar Aksakalov", "north_kazakhstan")


def test_speaker_of_the_previous_paragraph_carries_into_a_quote_and_gives_its_region():
    text = ("Governor of Zhambyl region Berdibek Saparbayev spoke at the briefing.\n"
            "“We have only 148 ventilators,” he said.")
    [fact] = extract(text, "en")._.facts
    assert fact.official == "Berdibek Saparbayev"
    assert fact.region == "zhambyl"
    assert fact.region_rule.startswith("region.speaker:")


def test_figure_without_any_person_has_no_official():
    [fact] = extract("The region has 40 ventilators.", "en")._.facts
    assert (fact.official, fact.official_role) == (None, None)


def test_ru_initial_and_surname_resolve_to_the_full_name_given_earlier():
    text = ("Об этом сообщил руководитель областного управления здравоохранения Арман Джансенгиров на брифинге.\n"
            "В медицинских организациях региона работают 1894 врача, — сообщил А. Джансенгиров.")
    [fact] = extract(text, "ru")._.facts
    assert fact.official == "Арман Джансенгиров"


def test_ru_surname_alone_resolves_to_the_full_name_given_earlier():
    text = ("Арман Джансенгиров рассказал о планах.\n"
            "В регионе работают 1894 врача, — сообщил Джансенгиров.")
    [fact] = extract(text, "ru")._.facts
    assert fact.official == "Арман Джансенгиров"


# -- speaker turns (extract/facts/speakers.py) -------------------------------

def facts_by_quantity(text: str, lang: str, title: str | None = None) -> dict:
    return {f.quantity: f for f in extract(text, lang, title=title)._.facts}


def test_ru_about_this_hands_the_paragraph_before_to_the_speaker():
    text = ("В районе закупили 12 машин скорой помощи. Об этом сообщил аким Костанайской области Иван Петров.")
    fact = facts_by_quantity(text, "ru")[12]
    assert fact.official == "Иван Петров"
    assert fact.official_rule.startswith("official.about_this:")


def test_en_quote_over_two_paragraphs_belongs_to_the_speaker_named_after_it():
    text = ("“The clinics employ 420 nurses.\n"
            "Another 35 doctors are needed,” said Health Minister Arman Seitov.")
    facts = facts_by_quantity(text, "en")
    assert facts[420].official == "Arman Seitov"
    assert facts[420].official_rule.startswith("official.quote_attribution:")
    assert facts[35].official == "Arman Seitov"


def test_a_person_who_only_visits_does_not_take_the_floor():
    text = ("Minister of Healthcare Arman Seitov visited a district hospital with 60 beds in Akmola region.")
    [fact] = extract(text, "en")._.facts
    assert fact.official is None


def test_ru_press_service_speaks_for_no_person_and_ends_the_previous_turn():
    text = ("Аким области Иван Петров рассказал о ремонте больниц.\n"
            "Как сообщает пресс-служба акимата, в регионе работают 900 врачей.")
    [fact] = extract(text, "ru")._.facts
    assert fact.official is None


def test_narrator_cue_inside_a_paragraph_ends_the_speakers_turn():
    text = ("- У нас 300 коек, - сказал аким Атырауской области Иван Петров. "
            "Напомним, ранее в регион прибыли 20 врачей.")
    facts = facts_by_quantity(text, "ru")
    assert facts[300].official == "Иван Петров"
    assert facts[20].official is None


def test_en_speaker_named_after_the_pronoun_that_opens_the_article():
    text = ("He said the city will open 6 outpatient clinics.\n"
            "In his post, Mayor Daniyar Omarov said the work continues.")
    [fact] = extract(text, "en")._.facts
    assert fact.official == "Daniyar Omarov"
    assert fact.official_rule.startswith("official.named_later:")


def test_a_figure_before_any_speaker_has_no_official():
    text = ("The maslikhat decided to buy 15 ventilators. "
            "“This is urgent,” said Governor of Pavlodar region Arman Seitov.")
    assert facts_by_quantity(text, "en")[15].official is None


def test_ru_name_after_a_nominative_role_stays_as_written():
    text = "Об этом сообщила аким области Гульшара Абдыкаликова: в регионе 40 аппаратов ИВЛ."
    [fact] = extract(text, "ru")._.facts
    assert fact.official == "Гульшара Абдыкаликова"


def test_ru_lead_without_a_speaker_takes_the_speaker_of_the_next_paragraph():
    text = ("В области не хватает 50 медицинских объектов, передает корреспондент агентства.\n"
            "— Мы решим проблему за три года, — сказал аким области Иван Петров.")
    [fact] = extract(text, "ru")._.facts
    assert fact.official == "Иван Петров"


def test_a_bare_role_refers_to_the_person_last_named_with_it():
    text = ("Prime Minister Arman Seitov chaired the session. Akim of Shymkent Ivan Petrov reported on the city.\n"
            "The Prime Minister noted that 650 outpatient clinics will be built.")
    [fact] = extract(text, "en")._.facts
    assert fact.official == "Arman Seitov"


def test_the_nearest_candidate_is_the_speaker_not_an_organisation_in_the_reported_clause():
    text = ("Mayor Daniyar Omarov spoke to journalists.\n"
            "He stressed the akimat will open 4 outpatient clinics.")
    [fact] = extract(text, "en")._.facts
    assert fact.official == "Daniyar Omarov"


def test_en_lead_in_the_journalists_voice_does_not_take_the_next_speaker():
    text = ("Last year, the region opened 15 outpatient clinics.\n"
            "According to Governor Daniyar Omarov, the work continues.")
    [fact] = extract(text, "en")._.facts
    assert fact.official is None


def test_en_quote_closed_before_the_speakers_role_and_name():
    text = ("\"We have opened two outpatient clinics in Karaganda.\n"
            "More will follow,\" Governor of Karaganda region Arman Seitov told a briefing in Astana.")
    [fact] = extract(text, "en")._.facts
    assert (fact.official, fact.region) == ("Arman Seitov", "karaganda")


def test_a_paragraph_on_another_region_ends_a_regional_speakers_report():
    text = ("Akmola region Governor Arman Seitov said they need 71 ventilators.\n"
            "Shortage of ventilators is also observed in North Kazakhstan region. The region will buy 20 ventilators.")
    facts = facts_by_quantity(text, "en")
    assert facts[71].official == "Arman Seitov"
    assert (facts[20].official, facts[20].region) == (None, "north_kazakhstan")


def test_a_national_speakers_report_continues_over_regions():
    text = ("Health Minister Arman Seitov said that 3,000 doctors are needed.\n"
            "In Kostanay region 326 doctors are needed.")
    facts = facts_by_quantity(text, "en")
    assert (facts[326].official, facts[326].region) == ("Arman Seitov", "kostanay")
