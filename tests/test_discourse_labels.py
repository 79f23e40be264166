"""Who speaks: news outlets are sources, not people; a transcript label "Name Surname, role:" gives its person
the words that follow; "He said" is the person named before it (docs/discourse.md, "Session 15")."""

from __future__ import annotations

import pytest

from extract.pipeline import extract


def speakers(text: str, lang: str) -> list[tuple[str, str, str | None]]:
    return [(f.quantity_text, f.item, f.official) for f in extract(text, lang)._.facts]


@pytest.mark.parametrize("text, lang", [
    ("В Атырау доставили 20 тысяч медицинских масок, передает Azattyq Rýhy.", "ru"),
    ("В Мангистау прибыли 25 аппаратов ИВЛ, передает Kazakhstan Today.", "ru"),
    ("В область поступили 25 аппаратов ИВЛ, сообщает Tengrinews KZ.", "ru"),
    ("The region received 25 ventilators, Kazakhstan Today reports.", "en"),
    ("The region received 25 ventilators, Azattyq Ruhy reports.", "en"),
])
def test_a_news_outlet_after_a_reporting_verb_is_no_official(text, lang):
    assert [official for _, _, official in speakers(text, lang)] == [None]


@pytest.mark.parametrize("text, lang, official", [
    ("В области построят новые больницы.\n\nАрман Исакаев, руководитель отдела управления здравоохранения "
     "Павлодарской области:\n\n– В области запланировано строительство 30 медицинских объектов. Сейчас 25 объектов "
     "уже введены.", "ru", "Арман Исакаев"),
    ("Дефицит медучреждений велик. Дархан САТЫБАЛДЫ, АКИМ ТУРКЕСТАНСКОЙ ОБЛАСТИ: В этом году в эксплуатацию сдадут "
     "30 медицинских объектов. В селах построят 25 новых объектов.", "ru", "Дархан Сатыбалды"),
    ("Гуманитарная помощь прибыла.\n\nДамир Хабибулин, руководитель управления департамента по СКО:\n\n— Медикам "
     "передали 30 костюмов и 25 тысяч масок.", "ru", "Дамир Хабибулин"),
    ("New hospitals are being built.\n\nArman Issakayev, head of the regional health department:\n\n– This year 30 "
     "medical facilities are planned. 25 facilities have already been commissioned.", "en", "Arman Issakayev"),
    ("Darkhan SATYBALDY, Governor of Turkestan region: This year 30 medical facilities will be commissioned, "
     "and 25 facilities will be built next year.", "en", "Darkhan Satybaldy"),
])
def test_a_transcript_label_gives_its_person_the_words_after_it(text, lang, official):
    assert {who for _, _, who in speakers(text, lang)} == {official}
    assert len(speakers(text, lang)) >= 2


@pytest.mark.parametrize("text, lang", [
    ("Главное за неделю, по данным ведомства: в области закуплено 30 аппаратов ИВЛ.", "ru"),
    ("Новые объекты, построенные в этом году: 30 медицинских пунктов.", "ru"),
    ("Key figures, as of today: 30 ventilators were delivered to the region.", "en"),
])
def test_a_heading_with_a_colon_names_no_speaker(text, lang):
    assert [official for _, _, official in speakers(text, lang)] == [None]


@pytest.mark.parametrize("text, lang, official", [
    ("Заседание начал депутат Нурлан Кылышбаев. Он утверждает, что больницы не приняли 669 аппаратов ИВЛ.\n\n"
     "Глава Мангистауской области Серикбай Трумов заявил, что в области 260 аппаратов.", "ru", "Нурлан Кылышбаев"),
    ("The session was opened by MP Nurlan Kylyshbayev. He said hospitals did not accept 669 ventilators.\n\n"
     "Governor of Mangistau region Serikbai Trumov said the region has 260 ventilators.", "en", "Nurlan Kylyshbayev"),
])
def test_a_pronoun_speaker_is_the_person_named_before_not_a_later_one(text, lang, official):
    assert speakers(text, lang)[0][2] == official
