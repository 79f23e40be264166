"""The function words that shape a counted noun phrase, read from ``rules/<lang>/phrase_structure.json``.

Prepositions, count nouns ("the number of"), links ("составляет", "stands at"),
measure words ("units of", "единиц"), rate words and the like are data, so an
analyst can extend them without touching the attachment rules in ``items.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cached_property, lru_cache

from ..rulebook import load_json


@dataclass(frozen=True)
class PhraseStructure:
    """The function words of ``rules/<lang>/phrase_structure.json``: what shapes a counted noun phrase."""

    range_from: frozenset[str]
    range_to: frozenset[str]
    coordinators: frozenset[str]
    count_nouns: tuple[str, ...]
    possessives: frozenset[str]
    links_before_figure: frozenset[str]
    ellipsis_before: frozenset[str]
    ellipsis_after: frozenset[str]
    collective: frozenset[str]
    number_signs: frozenset[str]
    rate_before: frozenset[str]
    rate_after: tuple[str, ...]
    words_after_bare_figure: frozenset[str]
    pos_after_bare_figure: frozenset[str]
    frame_nouns: frozenset[str]
    prepositions: frozenset[str]
    part_of_whole: tuple[str, ...]
    measure_words: frozenset[str]
    measure_words_with_for: frozenset[str]
    people_words: frozenset[str]
    pronouns_before_figure: frozenset[str]
    of_them_after_figure: tuple[str, ...]
    places_not_beds: frozenset[str]
    seat_words: frozenset[str]
    refinements: tuple[tuple[str, str, tuple[str, ...]], ...]
    averages: tuple[str, ...]
    rate_denominators: frozenset[str]
    # non_counts.py: figures beside an item that do not count it
    head_nouns_passed: frozenset[str] = frozenset()
    invariant_plurals: frozenset[str] = frozenset()
    label_nouns: frozenset[str] = frozenset()
    rate_prepositions: frozenset[str] = frozenset()
    each_words: frozenset[str] = frozenset()
    unit_price_before: tuple[str, ...] = ()
    ratio_verbs: frozenset[str] = frozenset()
    distributive_before: frozenset[str] = frozenset()
    negations_before: frozenset[str] = frozenset()
    currency_before: frozenset[str] = frozenset()
    partitive_after: frozenset[str] = frozenset()
    value_nouns: frozenset[str] = frozenset()
    age_before: frozenset[str] = frozenset()
    proportion_joiners: frozenset[str] = frozenset()
    # figure_shapes.py and items.py: comparisons, changes, totals, recipients
    change_by: frozenset[str] = frozenset()
    totals: frozenset[str] = frozenset()
    comparison_before: tuple[str, ...] = ()
    difference: frozenset[str] = frozenset()
    recipient_before: frozenset[str] = frozenset()
    range_before_to: frozenset[str] = frozenset()
    new_words: frozenset[str] = frozenset()
    part_words: frozenset[str] = frozenset()
    relative_openers: frozenset[str] = frozenset()
    link_adverbs: frozenset[str] = frozenset()
    partitive_between: tuple[str, ...] = ()

    @cached_property
    def and_or(self) -> frozenset[str]:
        """Coordinators that join two members ("и", "and", ","), not a range ("до", "to") or a dash."""
        return self.coordinators - self.range_to - {"-", "–"}


@lru_cache(maxsize=None)
def phrase_structure(lang: str) -> PhraseStructure:
    """Each field from the key of the same name: word sets as frozensets, ordered phrases as tuples (a missing
    key is empty), ``refinements`` as (from, to, cues)."""
    data = load_json(f"{lang}/phrase_structure.json")
    values = {}
    for field in fields(PhraseStructure):
        entries = data.get(field.name, ())
        if field.name == "refinements":
            values[field.name] = tuple((r["from"], r["to"], tuple(r["cues"])) for r in entries)
        elif field.type.startswith("frozenset"):
            values[field.name] = frozenset(entries)
        else:
            values[field.name] = tuple(entries)
    return PhraseStructure(**values)
