"""Regions paired with figures in order ("624 and 437 respectively"), and a headline's abbreviated region
("E Kazakhstan") as the document's main region (docs/discourse.md, "Session 15")."""

from __future__ import annotations

import pytest

from extract.pipeline import extract


def regions(text: str, lang: str) -> list[tuple[str, str | None]]:
    return [(f.quantity_text, f.region) for f in extract(text, lang)._.facts]


@pytest.mark.parametrize("text, lang, expected", [
    ("Kostanay and Akmola regions face the most shortage of physicians, 624 and 437 correspondingly.", "en",
     [("624", "kostanay"), ("437", "akmola")]),
    ("Karaganda and Pavlodar regions received ventilators, 20 and 15 respectively.", "en",
     [("20", "karaganda"), ("15", "pavlodar")]),
    ("Больше всего врачей не хватает в Костанайской и Акмолинской областях – 624 и 437 соответственно.", "ru",
     [("624", "kostanay"), ("437", "akmola")]),
    ("Аппараты ИВЛ получили Карагандинская и Павлодарская области – 20 и 15 соответственно.", "ru",
     [("20", "karaganda"), ("15", "pavlodar")]),
    ("Аппараты ИВЛ получили Карагандинская, Павлодарская и Акмолинская области – 20, 15 и 10 соответственно.", "ru",
     [("20", "karaganda"), ("15", "pavlodar"), ("10", "akmola")]),
])
def test_figures_given_respectively_take_the_regions_in_order(text, lang, expected):
    assert regions(text, lang) == expected


def test_a_region_abbreviated_in_a_headline_is_the_documents_main_region():
    text = ("E Kazakhstan to build 36 medical facilities\n"
            "36 primary healthcare facilities will be built in East Kazakhstan in 2023-2024.\n"
            "Construction of 18 facilities started this year.")
    assert {region for _, region in regions(text, "en")} == {"east_kazakhstan"}
