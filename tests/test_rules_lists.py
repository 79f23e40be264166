"""Lists: item lines continue the clause of the header line that introduces them; list numbers count nothing."""

from __future__ import annotations

import pytest

from extract.acquire.fetch import fetch
from extract.acquire.sources import Source
from extract.acquire.text import to_document
from extract.pipeline import extract

PAGE = """<html><head><title>Закуп оборудования</title></head><body><article><h1>Закуп оборудования</h1>
<p>В этом году для больниц Шымкента закуплено медицинское оборудование. Об этом сообщили в управлении.</p>
<p>В частности, закуплено:</p>
<ul><li>5 аппаратов ИВЛ;</li><li>3 рентгеновских аппарата;</li><li>12 машин скорой помощи.</li></ul>
<p>Кроме того, в следующем году планируется приобрести:</p>
<ol><li>компьютерные томографы – 2 единицы;</li><li>маммографы – 4 единицы.</li></ol>
<p>Всего в городе работают 40 поликлиник.</p>
</article></body></html>"""


def rows(text: str, lang: str) -> list[tuple[str, str, str]]:
    return [(f.quantity_text, f.item, f.status) for f in extract(text, lang)._.facts]


def test_html_list_items_take_the_status_of_their_header(tmp_path):
    page = tmp_path / "list.html"
    page.write_text(PAGE, encoding="utf-8")
    text = to_document(fetch(Source(str(page), "html"))).text
    assert "\n- 5 аппаратов ИВЛ;" in text  # trafilatura writes <li> as "- " lines
    assert rows(text, "ru") == [
        ("5", "ventilator", "acquired"), ("3", "xray_machine", "acquired"), ("12", "ambulance", "acquired"),
        ("2", "ct_scanner", "planned"), ("4", "mammograph", "planned"),
        ("40", "outpatient_clinic", "available"),  # after the list: its own clause again
    ]


@pytest.mark.parametrize("text, lang, expected", [
    ("Не хватает:\nврачей – 120;\nмедсестёр – 300.", "ru", [("120", "doctor", "needed"), ("300", "nurse", "needed")]),
    ("This year the following equipment was purchased for Taraz hospitals:\n• 5 ventilators;\n• 3 X-ray machines.",
     "en", [("5", "ventilator", "acquired"), ("3", "xray_machine", "acquired")]),
    ("The city plans to buy:\n1. 20 ventilators\n2. 2 CT scanners", "en",
     [("20", "ventilator", "planned"), ("2", "ct_scanner", "planned")]),
])
def test_unmarked_and_numbered_item_lines_continue_the_header(text, lang, expected):
    assert rows(text, lang) == expected


def test_an_item_line_with_its_own_verb_keeps_it():
    text = "В области:\n- закуплено 5 аппаратов ИВЛ;\n- требуется ещё 3 аппарата ИВЛ."
    assert rows(text, "ru") == [("5", "ventilator", "acquired"), ("3", "ventilator", "needed")]


def test_an_item_line_takes_the_region_of_its_header():
    text = "В Атырау работают 12 поликлиник.\n\nВ Актау закуплено:\n- 5 аппаратов ИВЛ;\n- 3 маммографа."
    assert [f.region for f in extract(text, "ru")._.facts] == ["atyrau", "mangystau", "mangystau"]


@pytest.mark.parametrize("text", [
    "Планируется приобрести:\n1) аппараты ИВЛ – 20 единиц;\n2) компьютерные томографы – 2 единицы.",
    "Планируется приобрести: 1) аппараты ИВЛ – 20 единиц; 2) компьютерные томографы – 2 единицы.",
])
def test_the_numbers_of_list_items_count_nothing(text):
    doc = extract(text, "ru")
    quantities = [(q.text, q._.value) for q in doc.spans["quantity"]]
    assert quantities == [("20", 20.0), ("2", 2.0)]
    assert text.count("2") == 3  # "2)", "20", "2 единицы": the list number is not among them


def test_a_number_in_brackets_is_still_a_number():
    assert [q for q, _, _ in rows("Закуплено аппаратов ИВЛ (5) и маммографов – 3.", "ru")][:1] == ["5"]
