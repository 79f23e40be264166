"""Figures that take their item from the text around them, probed with constructed sentences.

Each sentence in tests/data/focus_probes.txt has a generic word ("объектов", "staff", "специалистов"), a dash
list or a "respectively" whose item must come from the right place: the whole rather than a part named after "в
том числе", the member's own noun rather than a sibling's, nothing when the word names another kind.  One test
per class; the probes' file format is described in tests/probes.py.
"""

from __future__ import annotations

import pytest
from probes import DATA, read_probes

from extract.pipeline import extract

CLASSES = read_probes(DATA / "focus_probes.txt", "docs/discourse.md", keys_only=True)


def counted(text: str, lang: str) -> set[tuple[float, str]]:
    """The facts of a probe; "\\n" in a probe line is a line break (paragraphs)."""
    return {(fact.quantity, fact.item) for fact in extract(text.replace("\\n", "\n"), lang)._.facts}


def test_every_class_has_probes_in_both_languages():
    for name, probes in CLASSES.items():
        assert {probe.values[0] for probe in probes} == {"en", "ru"}, name


@pytest.mark.parametrize("lang, facts, text", CLASSES["part_not_focus"])
def test_a_part_named_after_including_does_not_become_the_focus(lang, facts, text):
    assert counted(text, lang) == facts


@pytest.mark.parametrize("lang, facts, text", CLASSES["siblings_not_focus"])
def test_a_generic_member_of_an_enumeration_does_not_take_an_earlier_siblings_item(lang, facts, text):
    assert counted(text, lang) == facts


@pytest.mark.parametrize("lang, facts, text", CLASSES["mixed_whole"])
def test_a_generic_whole_of_which_only_one_is_medical_is_no_fact(lang, facts, text):
    assert counted(text, lang) == facts


@pytest.mark.parametrize("lang, facts, text", CLASSES["dash_lists"])
def test_each_member_of_a_dash_list_counts_the_noun_across_its_own_dash(lang, facts, text):
    assert counted(text, lang) == facts


@pytest.mark.parametrize("lang, facts, text", CLASSES["respectively"])
def test_figures_given_respectively_count_the_item_named_before_them(lang, facts, text):
    assert counted(text, lang) == facts


@pytest.mark.parametrize("lang, facts, text", CLASSES["level_phrase"])
def test_a_figure_at_the_end_of_a_level_phrase_counts_its_subject(lang, facts, text):
    assert counted(text, lang) == facts


@pytest.mark.parametrize("lang, facts, text", CLASSES["topic_over_mention"])
def test_a_mention_of_a_generic_item_does_not_replace_the_kind_counted_before(lang, facts, text):
    assert counted(text, lang) == facts
