"""Construction probes: how a figure attaches to its item and status across sentence shapes, RU and EN.

Each sentence in tests/data/construction_probes.txt states resource figures in one construction (a partitive, a
recipient, a change, a compound modifier, a Russian verb form, a link, a gapped clause, a headline) with the facts
and statuses a careful analyst would record.  One test per class; the figures are in docs/constructions.md.
"""

from __future__ import annotations

import pytest
from probes import DATA, read_probes

from extract.pipeline import extract

CLASSES = read_probes(DATA / "construction_probes.txt", "docs/constructions.md")


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
