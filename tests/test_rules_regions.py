"""Region gazetteer: every spelling and case form maps to a contract region id."""

from __future__ import annotations

import datetime as dt

import pytest

from extract.pipeline import extract


def region_labels(text: str, lang: str, published: dt.date | None = None) -> list[tuple[str, str]]:
    doc = extract(text, lang, published=published)
    return [(span.text, span.label_) for span in doc.spans["regions"]]


@pytest.mark.parametrize("text, phrase", [
    ("Врачей не хватает в Жамбылской области.", "Жамбылской области"),
    ("Жамбылская область получила помощь.", "Жамбылская область"),
    ("Гуманитарный груз прибыл в Жамбылскую область.", "Жамбылскую область"),
    ("Аким поделился планами по Жамбылской области.", "Жамбылской области"),
    ("Больницу построят в Таразе.", "Таразе"),
])
def test_ru_zhambyl_in_every_case_form(text, phrase):
    assert region_labels(text, "ru") == [(phrase, "zhambyl")]


@pytest.mark.parametrize("text, phrase", [
    ("Медобъекты введут в Жетысу.", "Жетысу"),
    ("В области Жетысу открыли амбулаторию.", "области Жетысу"),
])
def test_ru_zhetysu_with_and_without_oblast(text, phrase):
    assert region_labels(text, "ru") == [(phrase, "zhetysu")]


def test_ru_region_abbreviations_vko_sko_zko():
    assert region_labels("Аппараты ИВЛ поступили в ВКО, СКО и ЗКО.", "ru") == [
        ("ВКО", "east_kazakhstan"), ("СКО", "north_kazakhstan"), ("ЗКО", "west_kazakhstan"),
    ]


@pytest.mark.parametrize("text, lang, phrase", [
    ("Nur-Sultan received 20 ventilators.", "en", "Nur-Sultan"),
    ("В Нур-Султане открыли больницу.", "ru", "Нур-Султане"),
    ("Astana will build 11 facilities.", "en", "Astana"),
    ("В Астане построят поликлинику.", "ru", "Астане"),
])
def test_nur_sultan_and_astana_map_to_astana(text, lang, phrase):
    assert region_labels(text, lang) == [(phrase, "astana")]


@pytest.mark.parametrize("text, lang, expected", [
    ("Almaty region received 20 ventilators.", "en", [("Almaty region", "almaty_region")]),
    ("Almaty city received 20 ventilators.", "en", [("Almaty city", "almaty_city")]),
    ("Hospitals in Almaty are full.", "en", [("Almaty", "almaty_city")]),
    ("Both Almaty city and Almaty region got ventilators.", "en",
     [("Almaty city", "almaty_city"), ("Almaty region", "almaty_region")]),
    ("В Алматинской области 5 больниц, в Алматы 10 больниц.", "ru",
     [("Алматинской области", "almaty_region"), ("Алматы", "almaty_city")]),
])
def test_almaty_region_is_not_almaty_city(text, lang, expected):
    assert region_labels(text, lang) == expected


@pytest.mark.parametrize("text, lang, phrase", [
    ("Uralsk received 160 oxygen concentrators.", "en", "Uralsk"),
    ("160 кислородных концентраторов привезли в Уральск.", "ru", "Уральск"),
    ("В Уральске не хватает врачей.", "ru", "Уральске"),
])
def test_uralsk_maps_to_west_kazakhstan(text, lang, phrase):
    assert region_labels(text, lang) == [(phrase, "west_kazakhstan")]


@pytest.mark.parametrize("text, lang, region", [
    ("Taraz opened a hospital.", "en", "zhambyl"),
    ("South Kazakhstan region has 5 hospitals.", "en", "turkestan"),
    ("Akmola oblast bought buses.", "en", "akmola"),
    ("Mangistau region hired doctors.", "en", "mangystau"),
    ("Kazakhstan will buy ventilators.", "en", "kz"),
    ("В Казахстане закупят аппараты.", "ru", "kz"),
    ("В Карагандинской области закрыли госпитали.", "ru", "karaganda"),
    ("В Шымкенте открыли центр.", "ru", "shymkent"),
])
def test_names_and_towns_map_to_contract_regions(text, lang, region):
    labels = region_labels(text, lang)
    assert [label for _, label in labels] == [region]


@pytest.mark.parametrize("town, lang, before_2022, after_2022", [
    ("Семее", "ru", "east_kazakhstan", "abai"),
    ("Талдыкоргане", "ru", "almaty_region", "zhetysu"),
    ("Taldykorgan", "en", "almaty_region", "zhetysu"),
])
def test_towns_map_to_their_region_as_of_publication(town, lang, before_2022, after_2022):
    # Abai and Zhetysu regions were created in June 2022.
    text = f"В {town} имеется 20 аппаратов ИВЛ." if lang == "ru" else f"{town} has 20 ventilators."
    old = extract(text, lang, published=dt.date(2020, 7, 1))
    new = extract(text, lang, published=dt.date(2023, 3, 1))
    assert [f.region for f in old._.facts] == [before_2022]
    assert [f.region for f in new._.facts] == [after_2022]


def test_fact_region_comes_from_its_sentence_first():
    doc = extract("В Алматинской области 5 больниц, в Алматы 10 больниц.", "ru")
    assert [(f.quantity, f.region) for f in doc._.facts] == [(5.0, "almaty_region"), (10.0, "almaty_city")]


def test_fact_region_carries_over_within_a_paragraph_then_falls_back_to_the_lead():
    text = ("В Костанайской области построят больницу. Там не хватает 30 врачей.\n"
            "В Павлодаре закупят 5 машин скорой помощи.\n"
            "Еще закупят 10 аппаратов ИВЛ.")
    facts = {f.quantity: f for f in extract(text, "ru")._.facts}
    assert facts[30].region == "kostanay"
    assert facts[5].region == "pavlodar"
    assert facts[10].region == "kostanay"  # no region in its paragraph: the lead paragraph's
    assert facts[10].region_rule.startswith("main:")


def test_fact_region_falls_back_to_the_title():
    doc = extract("Не хватает 50 врачей.", "ru", title="В Жамбылской области острая нехватка врачей")
    [fact] = doc._.facts
    assert fact.region == "zhambyl"
    assert fact.region_rule.startswith("main:")


def test_a_lead_naming_another_region_than_the_title_frames_the_body():
    text = ("В Карагандинской области строят больницы.\n\n"
            "Как сообщили в управлении здравоохранения, в этом году откроют 4 врачебные амбулатории.")
    [fact] = extract(text, "ru", title="В Таразе строят больницы")._.facts
    assert (fact.item, fact.region) == ("outpatient_clinic", "karaganda")
    [fact] = extract(text.replace("Карагандинской области", "регионе"), "ru", title="В Таразе строят больницы")._.facts
    assert fact.region == "zhambyl"  # no region in the lead: the title's still frames the body


def test_no_region_anywhere_gives_null_region():
    [fact] = extract("The Health Ministry will purchase 38 ventilators.", "en")._.facts
    assert fact.region is None


def test_a_figure_takes_the_region_named_before_it_in_a_list_of_regions():
    doc = extract("The demand is not met: in Akmola – 4 out of 30 anesthetists, in Mangystau – 1 out of 15 anesthetists.", "en")
    regions = {fact.quantity: fact.region for fact in doc._.facts}
    assert regions == {4: "akmola", 30: "akmola", 1: "mangystau", 15: "mangystau"}


def test_a_town_moved_by_the_2022_reform_keeps_its_old_region_in_older_articles():
    old = extract("В Семее открыли 2 поликлиники.", "ru", published=dt.date(2020, 5, 1))
    new = extract("В Семее открыли 2 поликлиники.", "ru", published=dt.date(2024, 5, 1))
    assert [f.region for f in old._.facts] == ["east_kazakhstan"]
    assert [f.region for f in new._.facts] == ["abai"]


def test_an_agency_dateline_is_the_main_region_only_when_nothing_else_names_one():
    lead = "NUR-SULTAN. KAZINFORM - Medical organizations{} will receive 400 ventilators."
    national = extract(lead.format(" in Kazakhstan"), "en", title="Ventilators to be bought")
    filed = extract(lead.format(""), "en", title="Ventilators to be bought")
    assert [f.region for f in national._.facts] == ["kz"]
    assert [f.region for f in filed._.facts] == ["astana"]


# -- region from the model of the document (extract/facts/discourse.py) -------

def regions_by_quantity(text: str, lang: str, title: str | None = None) -> dict:
    return {f.quantity: (f.region, f.region_rule) for f in extract(text, lang, title=title)._.facts}


def test_en_region_named_in_the_figures_own_list_member_wins():
    text = "The ministry delivered 126 ventilators to Nur-Sultan, 64 ventilators to Almaty and 156 ventilators to Shymkent."
    regions = {q: r for q, (r, _) in regions_by_quantity(text, "en").items()}
    assert regions == {126: "astana", 64: "almaty_city", 156: "shymkent"}


def test_ru_elliptical_list_member_after_a_conjunction():
    text = "В Павлодаре работают 120 врачей, а в Шымкенте – 64 врача."
    regions = regions_by_quantity(text, "ru")
    assert regions[64][0] == "shymkent"
    assert regions[64][1].startswith("region.list_member:")


def test_a_minister_speaks_for_the_whole_country_unless_a_region_is_named():
    text = ("Health Minister Arman Seitov said that 3,000 doctors are needed. "
            "He said 40 doctors are needed in Kostanay region.")
    regions = regions_by_quantity(text, "en")
    assert regions[3000][0] == "kz"
    assert regions[3000][1].startswith("region.speaker:")
    assert regions[40][0] == "kostanay"


def test_ru_akim_of_the_region_speaks_for_the_region_of_the_article():
    text = "— В регионе не хватает 70 врачей, — сказал аким области Иван Петров."
    regions = regions_by_quantity(text, "ru", title="В Жамбылской области не хватает врачей")
    assert regions[70][0] == "zhambyl"


def test_the_region_anaphor_refers_to_the_region_in_focus():
    text = "The governor visited Atyrau region.\nThe region lacks 278 doctors."
    regions = regions_by_quantity(text, "en")
    assert regions[278][0] == "atyrau"


def test_one_figure_over_several_regions_has_no_single_region():
    text = "Notably, 24 mobile medical complexes were given to hospitals of four northern regions."
    assert regions_by_quantity(text, "en")[24] == (None, "region.several")


def test_several_regions_inside_a_national_report_are_the_whole_country():
    text = ("Minister of Healthcare Arman Seitov said that two clinics are being built "
            "in the cities of Astana and Almaty.")
    assert regions_by_quantity(text, "en")[2][0] == "kz"


def test_the_place_of_a_briefing_is_not_the_subject():
    text = "Минздрав закупил 807 машин скорой помощи, сообщил министр Иван Петров на брифинге в Нур-Султане."
    assert regions_by_quantity(text, "ru")[807][0] == "kz"


def test_the_region_of_a_role_is_not_the_subject_of_the_paragraph():
    text = ("Об этом сообщил аким города Иван Петров на заседании под председательством Премьер-Министра РК. "
            "В городе развернуто 3 050 коек.")
    regions = regions_by_quantity(text, "ru", title="В Шымкенте стабилизируется ситуация")
    assert regions[3050][0] == "shymkent"


def test_regional_departments_of_a_national_story_give_no_single_region():
    text = "NUR-SULTAN. KAZINFORM - The regional health departments received 1,958 ventilators."
    [fact] = extract(text, "en", title="Kazakhstan to buy ventilators")._.facts
    assert fact.region == "kz"


def test_initial_of_a_cardinal_point_in_a_headline_region():
    assert region_labels("Hospitals of N Kazakhstan region", "en") == [("N Kazakhstan region", "north_kazakhstan")]


def test_ru_figures_of_the_regional_departments_together_are_national():
    text = ("В Министерстве здравоохранения заявили о нехватке кадров.\n"
            "По данным областных управлений здравоохранения, требуется 300 анестезиологов.")
    [fact] = extract(text, "ru")._.facts
    assert (fact.region, fact.official) == ("kz", None)


def test_en_one_regional_department_speaks_for_the_region_of_the_article():
    text = "According to the regional health department, 45 doctors are needed."
    [fact] = extract(text, "en", title="Doctors wanted in Pavlodar region")._.facts
    assert fact.region == "pavlodar"


def test_a_member_opened_by_a_conjunction_keeps_its_own_region():
    text = ("In Turkestan and Aktobe, despite the demand, no neonatologists were hired, "
            "and in Kostanay only 2 neonatologists out of 9.")
    regions = {q: r for q, (r, _) in regions_by_quantity(text, "en").items()}
    assert regions[2] == "kostanay"


def test_ru_a_member_opened_by_a_conjunction_keeps_its_own_region():
    text = "В Туркестанской и Актюбинской областях врачей не хватает, а в Костанайской области нужно 40 врачей."
    regions = {q: r for q, (r, _) in regions_by_quantity(text, "ru").items()}
    assert regions[40] == "kostanay"


def test_an_undated_article_that_names_the_old_region_keeps_its_moved_districts_there():
    """Koksu district moved from Almaty region to Zhetysu in 2022; an undated text framed in Almaty region
    predates the reform, a dated one follows its date."""
    text = "В Алматинской области строят амбулатории. В Коксуском районе открыли родильный дом на 100 коек."
    regions = lambda published: [f.region for f in extract(text, "ru", published=published)._.facts]  # noqa: E731
    assert regions(None) == ["almaty_region"]
    assert regions(dt.date(2020, 3, 1)) == ["almaty_region"]
    assert regions(dt.date(2023, 3, 1)) == ["zhetysu"]
    assert region_labels("В Коксуском районе открыли родильный дом.", "ru") == [("Коксуском районе", "zhetysu")]
