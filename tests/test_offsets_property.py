"""Property: whatever the text, every fact points at exactly the characters it was read from."""

from __future__ import annotations

import datetime as dt
import json
import math
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO
from extract.pipeline import extract
from extract.acquire.text import normalise

CATALOG = json.loads((REPO / "rules" / "catalog.json").read_text(encoding="utf-8"))
ITEMS = {item for items in CATALOG["items"].values() for item in items}
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

NUMBERS = ["148", "1,500", "1 958", "10\u00a0540", "4 тысячи", "4 thousand", "1,2 млн", "5.4 million", "ten",
           "twenty six", "пятидесяти", "тринадцать", "34-х", "2023-2024", "93%", "COVID-19", "0", "007",
           "1.000.000", "99999999999999999999", "1,2,3", "-5", "1/2", "3.", ",5"]
ITEMS_WORDS = ["ventilators", "beds", "ambulances", "doctors", "such devices", "units", "аппаратов ИВЛ",
               "ИВЛ", "коек", "врачей", "ФАПов", "единиц", "медсестер", "тест-систем", "patients", "тенге"]
WORDS = ["в", "области", "Жамбылской", "Жетысу", "СКО", "region", "Almaty", "the", "has", "закуплено",
         "will", "need", "еще", "of which", "by September 1", "в этом году", "this year", "сообщил",
         "Governor of Zhambyl region Berdibek Saparbayev", "руководителя управления здравоохранения Армана Джансенгирова",
         "А. Джансенгиров", "т.е.", "e.g.", "г.", "тыс.", "млн", "Nur-Sultan", "қазақ"]
PUNCT = [".", ",", ";", ":", "—", "–", "-", "«", "»", "“", "”", '"', "(", ")", "!", "?", "…", "%", "№"]
SEPARATORS = [" ", "", "\u00a0", "\n", "\n\n", "  ", "\t", "\u202f"]

fragment = st.one_of(
    st.sampled_from(NUMBERS),
    st.integers(min_value=0, max_value=10**7).map(str),
    st.integers(min_value=1000, max_value=10**6).map(lambda n: f"{n:,}".replace(",", "\u00a0")),
    st.sampled_from(ITEMS_WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(PUNCT),
    st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВabcxyzXYZ0123456789 ,.-", min_size=1, max_size=8),
)
number = st.one_of(st.sampled_from(NUMBERS), st.integers(min_value=0, max_value=10**5).map(str))
# A number right before an item word makes a fact likely, so the property is exercised, not vacuous.
counted = st.tuples(number, st.sampled_from([" ", "\u00a0", " "]), st.sampled_from(ITEMS_WORDS)).map("".join)
chunk = st.one_of(counted, counted, fragment)
texts = st.lists(st.tuples(chunk, st.sampled_from(SEPARATORS)), min_size=1, max_size=30).map(
    lambda parts: "".join(f + s for f, s in parts)
)
published = st.one_of(st.none(), st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31)))


def check_facts(text: str, lang: str, when: dt.date | None) -> None:
    doc = extract(text, lang, published=when)
    sentences = list(doc.sents)
    for fact in doc._.facts or []:
        assert 0 <= fact.start_char < fact.end_char <= len(text)
        assert text[fact.start_char:fact.end_char] == fact.quantity_text
        assert math.isfinite(fact.quantity) and fact.quantity > 0
        assert fact.item in ITEMS
        assert fact.status in CATALOG["statuses"]
        assert fact.region is None or fact.region in CATALOG["regions"]
        assert fact.date is None or ISO_DATE.fullmatch(fact.date)
        sentence = sentences[fact.sentence_index]
        assert sentence.start_char <= fact.start_char and fact.end_char <= sentence.end_char
    for span in doc.spans.get("quantity", []):
        assert text[span.start_char:span.end_char] == span.text
        assert span._.value is not None and math.isfinite(span._.value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, lang=st.sampled_from(["en", "ru"]), when=published)
def test_fact_offsets_always_match_quantity_text(text, lang, when):
    check_facts(text, lang, when)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, lang=st.sampled_from(["en", "ru"]), when=published)
def test_fact_offsets_match_in_normalised_text_as_stored(text, lang, when):
    check_facts(normalise(text), lang, when)
