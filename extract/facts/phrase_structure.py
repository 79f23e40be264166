"""The function words that shape a counted noun phrase, read from ``rules/<lang>/phrase_structure.json``.

Prepositions, count nouns ("the number of"), links ("составляет", "stands at"),
measure words ("units of", "единиц"), rate words and the like are data, so an
analyst can extend them without touching the attachment rules in ``items.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
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
    data = load_json(f"{lang}/phrase_structure.json")
    words = lambda key: frozenset(data.get(key, ()))  # noqa: E731
    return PhraseStructure(
        range_from=words("range_from"), range_to=words("range_to"), coordinators=words("coordinators"),
        count_nouns=tuple(data.get("count_nouns", ())), possessives=words("possessives"),
        links_before_figure=words("links_before_figure"), ellipsis_before=words("ellipsis_before"),
        ellipsis_after=words("ellipsis_after"), collective=words("collective"), number_signs=words("number_signs"),
        rate_before=words("rate_before"), rate_after=tuple(data.get("rate_after", ())),
        words_after_bare_figure=words("words_after_bare_figure"), pos_after_bare_figure=words("pos_after_bare_figure"),
        frame_nouns=words("frame_nouns"), prepositions=words("prepositions"),
        part_of_whole=tuple(data.get("part_of_whole", ())), measure_words=words("measure_words"), measure_words_with_for=words("measure_words_with_for"),
        people_words=words("people_words"), pronouns_before_figure=words("pronouns_before_figure"),
        of_them_after_figure=tuple(data.get("of_them_after_figure", ())), places_not_beds=words("places_not_beds"),
        seat_words=words("seat_words"),
        refinements=tuple((r["from"], r["to"], tuple(r["cues"])) for r in data.get("refinements", ())),
        averages=tuple(data.get("averages", ())), rate_denominators=words("rate_denominators"),
        head_nouns_passed=words("head_nouns_passed"), invariant_plurals=words("invariant_plurals"),
        label_nouns=words("label_nouns"), rate_prepositions=words("rate_prepositions"), each_words=words("each_words"),
        unit_price_before=tuple(data.get("unit_price_before", ())), ratio_verbs=words("ratio_verbs"),
        distributive_before=words("distributive_before"), negations_before=words("negations_before"),
        currency_before=words("currency_before"), partitive_after=words("partitive_after"),
        value_nouns=words("value_nouns"), age_before=words("age_before"), proportion_joiners=words("proportion_joiners"),
        change_by=words("change_by"), totals=words("totals"), comparison_before=tuple(data.get("comparison_before", ())),
        difference=words("difference"), recipient_before=words("recipient_before"),
        range_before_to=words("range_before_to"), new_words=words("new_words"), part_words=words("part_words"),
        relative_openers=words("relative_openers"), link_adverbs=words("link_adverbs"),
        partitive_between=tuple(data.get("partitive_between", ())),
    )

