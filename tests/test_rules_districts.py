"""Districts and towns map to their region as of publication; names shared by several regions, and people named like
places, never create a region of their own (rules/*/regions.jsonl, "Districts and towns" blocks)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import REPO

from extract.nlp.finite import phrases
from extract.pipeline import extract
from extract.rulebook import load_patterns


def regions_named(text: str, lang: str, published: dt.date | None = None) -> list[tuple[str, str]]:
    """(text, region) of every region span; "-" marks a name that is known to be ambiguous (region null)."""
    doc = extract(text, lang, published=published)
    return [(span.text, span.label_) for span in doc.spans["regions"]]


def only_region(text: str, lang: str, published: dt.date | None = None) -> str:
    [(_, region)] = regions_named(text, lang, published)
    return region


@pytest.mark.parametrize("place, region", [
    ("Сайрамском районе", "turkestan"), ("Сарыагашская районная больница", "turkestan"), ("Толебийского района", "turkestan"),
    ("Байзакском районе", "zhambyl"), ("Шуского района", "zhambyl"), ("Таласская центральная районная больница", "zhambyl"),
    ("Шетском районе", "karaganda"), ("Бухар-Жырауского района", "karaganda"), ("Осакаровская ЦРБ", "karaganda"),
    ("Аулиекольском районе", "kostanay"), ("Денисовского района", "kostanay"), ("районе Беимбета Майлина", "kostanay"),
    ("Целиноградском районе", "akmola"), ("Бурабайского района", "akmola"), ("районе Биржан сал", "akmola"),
    ("Мугалжарском районе", "aktobe"), ("Хромтауская районная больница", "aktobe"),
    ("Карасайском районе", "almaty_region"), ("Уйгурского района", "almaty_region"), ("Енбекшиказахской ЦРБ", "almaty_region"),
    ("Жылыойском районе", "atyrau"), ("Курмангазинской районной больнице", "atyrau"),
    ("Глубоковском районе", "east_kazakhstan"), ("Катон-Карагайского района", "east_kazakhstan"), ("районе Алтай", "east_kazakhstan"),
    ("Шиелийском районе", "kyzylorda"), ("Аральского района", "kyzylorda"),
    ("Бейнеуском районе", "mangystau"), ("Мунайлинского района", "mangystau"),
    ("Кызылжарском районе", "north_kazakhstan"), ("районе имени Габита Мусрепова", "north_kazakhstan"),
    ("Тайыншинской районной больнице", "north_kazakhstan"),
    ("Баянаульском районе", "pavlodar"), ("Успенского района", "pavlodar"),
    ("Бурлинском районе", "west_kazakhstan"), ("Теректинской ЦРБ", "west_kazakhstan"),
    ("Ауэзовском районе", "almaty_city"), ("Каратауском районе", "shymkent"), ("районе имени Казыбек би", "karaganda"),
])
def test_ru_district_in_its_case_forms_maps_to_its_region(place, region):
    assert only_region(f"В отчете упомянуто: {place}.", "ru") == region


@pytest.mark.parametrize("text, region", [
    ("В селе Шиели открыли амбулаторию.", "kyzylorda"),
    ("В Макинске не хватает врачей.", "akmola"),
    ("Больницу в Сарани отремонтируют.", "karaganda"),
    ("В Кордае построят поликлинику.", "zhambyl"),
    ("Жители Булаево ждут врача.", "north_kazakhstan"),
])
def test_ru_district_centre_towns_map_to_their_region(text, region):
    assert only_region(text, "ru") == region


@pytest.mark.parametrize("text, region", [
    ("Sairam district received 5 ambulances.", "turkestan"),
    ("Sayram district received 5 ambulances.", "turkestan"),
    ("Karasay district opened a clinic.", "almaty_region"),
    ("Sairamsky district received 5 ambulances.", "turkestan"),
    ("The Kyzylzhar District hospital was repaired.", "north_kazakhstan"),
    ("Birzhan Sal district needs doctors.", "akmola"),
    ("Tole Bi district needs doctors.", "turkestan"),
    ("A clinic opened in Shieli.", "kyzylorda"),
    ("Doctors moved to Zhanaozen.", "mangystau"),
])
def test_en_districts_and_towns_in_their_usual_spellings(text, region):
    assert only_region(text, "en") == region


@pytest.mark.parametrize("text, lang, before_2022, after_2022", [
    ("В Коксуском районе 3 врача.", "ru", "almaty_region", "zhetysu"),
    ("В Урджарском районе 3 врача.", "ru", "east_kazakhstan", "abai"),
    ("В Жанааркинском районе 3 врача.", "ru", "karaganda", "ulytau"),
    ("Urzhar district has 3 doctors.", "en", "east_kazakhstan", "abai"),
])
def test_districts_moved_by_the_2022_reform_keep_their_old_region_in_older_articles(text, lang, before_2022, after_2022):
    assert only_region(text, lang, published=dt.date(2021, 3, 1)) == before_2022
    assert only_region(text, lang, published=dt.date(2023, 3, 1)) == after_2022


@pytest.mark.parametrize("text, lang", [
    ("В Жамбылском районе открыли амбулаторию.", "ru"),  # Almaty region, North Kazakhstan and Zhambyl region each have one
    ("Жамбылская районная больница получила аппарат.", "ru"),
    ("В Абайском районе открыли амбулаторию.", "ru"),  # Abai region, Karaganda region, Shymkent city
    ("В Есильском районе открыли амбулаторию.", "ru"),  # Akmola, North Kazakhstan, Astana city
    ("В Актогайском районе открыли амбулаторию.", "ru"),  # Karaganda, Pavlodar
    ("В Нуринском районе открыли амбулаторию.", "ru"),  # Karaganda region; Astana's district "Нура"
    ("Zhambyl district opened a clinic.", "en"),
    ("Abai district opened a clinic.", "en"),
])
def test_a_district_name_shared_by_several_regions_gives_no_region(text, lang):
    assert [region for _, region in regions_named(text, lang)] == ["-"]


@pytest.mark.parametrize("text, lang, expected", [
    ("Жамбылский район Алматинской области", "ru", "almaty_region"),
    ("в Жамбылском районе СКО", "ru", "north_kazakhstan"),
    ("Zhambyl district of North Kazakhstan region", "en", "north_kazakhstan"),
])
def test_the_region_named_next_to_a_shared_district_name_decides(text, lang, expected):
    assert [region for _, region in regions_named(text, lang) if region != "-"] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Аксуская районная больница получила аппарат.", [("Аксуская районная", "zhetysu")]),
    ("В городе Аксу открыли поликлинику.", [("городе Аксу", "pavlodar")]),
    ("Аксу получил аппарат.", []),  # the Pavlodar town, the Zhetysu district, rivers and villages: no region
    ("В Балхашском районе открыли поликлинику.", [("Балхашском районе", "almaty_region")]),
    ("В Балхаше открыли поликлинику.", [("Балхаше", "karaganda")]),
])
def test_ru_aksu_and_balkhash_town_and_district_are_different_regions(text, expected):
    assert regions_named(text, "ru") == expected


@pytest.mark.parametrize("text, lang", [
    ("Поликлиника на улице Абая приняла 30 пациентов.", "ru"),
    ("Клиника на проспекте Назарбаева закупила 3 аппарата.", "ru"),
    ("Больница имени Жамбыла получила 5 аппаратов.", "ru"),
    ("Поликлиника на улице Конаева получила 5 аппаратов.", "ru"),
    ("Памятник Динмухамеду Конаеву.", "ru"),
    ("Поликлиника на улице Толе би получила 5 аппаратов.", "ru"),
    ("Памятник Байзак батыру открыли в парке.", "ru"),
    ("Клиника в микрорайоне Жетысу получила 5 аппаратов.", "ru"),
    ("A school named after Abai received 5 computers.", "en"),
    ("The poet Zhambyl Zhabayev was born in 1846.", "en"),
    ("A clinic on Konaev street received 5 ventilators.", "en"),
])
def test_streets_and_people_named_like_places_create_no_region(text, lang):
    assert [region for _, region in regions_named(text, lang) if region != "-"] == []


def test_a_fact_takes_its_region_from_a_district_alone():
    [fact] = extract("В Сайрамском районе работают 12 врачебных амбулаторий.", "ru")._.facts
    assert (fact.quantity, fact.item, fact.region) == (12, "outpatient_clinic", "turkestan")
    assert fact.region_rule.endswith("ru.region.turkestan.sairam_district")


def test_a_fact_in_a_shared_district_takes_the_region_of_the_article():
    doc = extract("В Жамбылском районе не хватает 12 врачей.", "ru", title="В Алматинской области не хватает врачей")
    [fact] = doc._.facts
    assert fact.region == "almaty_region"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_district_and_town_pattern_compiles_to_phrases(lang):
    # Token patterns run a regex on every token; phrases are hash look-ups. The gazetteer's cost must not grow with it.
    lines = (REPO / "rules" / lang / "regions.jsonl").read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("// Districts and towns"))
    block = {json.loads(line)["id"] for line in lines[first:] if line.strip() and not line.startswith("//")}
    districts = [e for e in load_patterns(lang, "regions") if e.id in block]
    assert len(districts) > 250
    assert [e.id for e in districts if not isinstance(e.pattern, str) and phrases(e.pattern) is None] == []


def test_an_undated_article_naming_the_new_region_keeps_a_moved_district_there():
    # The other way round is in test_rules_regions.py: an undated article framed in Almaty region predates the reform.
    doc = extract("В области Жетысу открыли амбулаторию. В Коксуском районе 3 врача.", "ru")
    assert [span.label_ for span in doc.spans["regions"]] == ["zhetysu", "zhetysu"]
