"""Construction probes: how a figure attaches to its item and status across sentence shapes, RU and EN.

Each sentence in tests/data/construction_probes.txt states resource figures in one construction (a partitive, a
recipient, a change, a compound modifier, a Russian verb form, a link, a gapped clause, a headline) with the facts
and statuses a careful analyst would record.  One test per class; the figures are in docs/constructions.md.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from extract.pipeline import extract

PROBES = Path(__file__).parent / "data" / "construction_probes.txt"


def read_probes(path: Path) -> dict[str, list]:
    """{class: [pytest.param(lang, expected, sentence)]}; expected maps (quantity, item) to a status or None."""
    classes: dict[str, list] = defaultdict(list)
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("["):
            current = line.strip("[] ")
            continue
        known_miss = line.startswith("?")
        lang, expected, sentence = (part.strip() for part in line.lstrip("?").split("|", 2))
        facts = {} if expected == "-" else {
            (float(quantity), item): (None if status == "*" else status)
            for quantity, item, status in (part.split() for part in expected.split(";"))}
        marks = [pytest.mark.xfail(reason="known miss, see docs/constructions.md", strict=False)] if known_miss else []
        classes[current].append(pytest.param(lang, facts, sentence, marks=marks, id=f"{lang}: {sentence[:60]}"))
    return classes


CLASSES = read_probes(PROBES)


def check(lang: str, expected: dict, sentence: str) -> None:
    got = {(fact.quantity, fact.item): fact.status for fact in extract(sentence, lang)._.facts}
    assert set(got) == set(expected), sentence
    assert {key: got[key] for key, status in expected.items() if status} == {
        key: status for key, status in expected.items() if status}, sentence


def test_every_class_has_probes_in_both_languages():
    for name, probes in CLASSES.items():
        assert {probe.values[0] for probe in probes} == {"en", "ru"} or name in {"verb_forms", "headline"}, name


@pytest.mark.parametrize("lang, expected, sentence", CLASSES["partitive"])
def test_partitive_whole_and_part(lang, expected, sentence):
    check(lang, expected, sentence)


@pytest.mark.parametrize("lang, expected, sentence", CLASSES["recipients"])
def test_recipients_of_a_delivery(lang, expected, sentence):
    check(lang, expected, sentence)


@pytest.mark.parametrize("lang, expected, sentence", CLASSES["change"])
def test_change_level_and_comparison_base(lang, expected, sentence):
    check(lang, expected, sentence)


@pytest.mark.parametrize("lang, expected, sentence", CLASSES["compound"])
def test_compound_modifiers_between_figure_and_noun(lang, expected, sentence):
    check(lang, expected, sentence)


@pytest.mark.parametrize("lang, expected, sentence", CLASSES["verb_forms"])
def test_verb_forms_that_decide_the_status(lang, expected, sentence):
    check(lang, expected, sentence)


@pytest.mark.parametrize("lang, expected, sentence", CLASSES["links"])
def test_links_copulas_and_totals(lang, expected, sentence):
    check(lang, expected, sentence)


@pytest.mark.parametrize("lang, expected, sentence", CLASSES["gapping"])
def test_coordination_gapping_and_ellipsis(lang, expected, sentence):
    check(lang, expected, sentence)


@pytest.mark.parametrize("lang, expected, sentence", CLASSES["headline"])
def test_headlines_and_present_tense(lang, expected, sentence):
    check(lang, expected, sentence)
