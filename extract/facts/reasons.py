"""Why a number did not become a fact, in a word a reviewer can check ("money: тенге").

The report shows these numbers faintly beside the facts, so that a miss is
easy to spot.  The reason is read off the words around the number the same
way the item attacher sees them (a blocker such as "тенге" or "patients", a
"%", a "№", a rate); it explains, it does not decide.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span

from ..rulebook import RuleEntry, load_patterns
from .items import FORWARD_WORDS
from .phrase_structure import phrase_structure

# Blocker rule ids (after "<lang>.item.blocker.") grouped by what they measure.
BLOCKER_GROUPS = {
    "money": {
        "tenge", "kzt", "tg", "tys_tenge", "dollar", "dollar_ssha", "usd", "us", "euro", "eur", "evro", "ruble",
        "rouble", "rub", "rubl", "yuan", "som", "sum", "billion", "bln", "bn", "mlrd", "milliard", "trillion", "trln",
    },
    "percentage": {"percent", "per_cent", "protsent", "percentage_point", "protsentnyy_punkt"},
    "time": {
        "year", "month", "week", "day", "hour", "minute", "decade", "century", "god", "mesyats", "nedelya", "den",
        "sutki", "chas", "minuta", "vek", "desyatiletie", "chas_forms",
    },
    "measure": {
        "ton", "tonne", "kilogram", "kg", "gram", "liter", "litre", "cubic_meter", "cubic_metre", "square_meter",
        "square_metre", "sq_m", "sq_m_2", "km", "kilometer", "kilometre", "meter", "metre", "hectare", "tonna",
        "kilogramm", "gramm", "litr", "kubometr", "kubicheskiy_metr", "kvadratnyy_metr", "kv_m", "kv_m_2", "kv",
        "kilometr", "metr", "gektar", "kw", "kilowatt", "watt", "tesla", "mm", "millimeter", "millimetre", "cm",
        "centimeter", "inch", "slice", "kvt", "kilovatt", "vatt", "millimetr", "sm", "santimetr", "dyuym", "srez",
    },
}
SIGNS = {"%": "percentage", "$": "money", "US$": "money", "₸": "money", "€": "money"}
PERCENT_WORDS = ("percent", "per cent", "процент")


@lru_cache(maxsize=None)
def _item_entries(lang: str) -> dict[str, RuleEntry]:
    return {entry.id: entry for entry in load_patterns(lang, "items")}


def _blocker_reason(span: Span) -> str:
    kind = span.id_.rsplit(".blocker.", 1)[-1]
    group = SIGNS.get(span.text) or next((g for g, ids in BLOCKER_GROUPS.items() if kind in ids), "not_resource")
    return f"{group}: {span.text}"


def items_by_start(doc) -> dict[int, Span]:
    return {span.start: span for span in doc.spans.get("items", [])}


def why_not_a_fact(quantity: Span, item_at: dict[int, Span] | None = None) -> str:
    """A short reason code for a quantity without a fact: money, percentage, time, measure,
    not_resource, number_sign, rate, zero or no_item, with the deciding word after a colon.

    ``item_at`` (item spans by start token) may be given by a caller asking for many quantities
    of one document, so the item spans are read once."""
    doc, sent = quantity.doc, quantity.sent
    if quantity._.value is None or quantity._.value <= 0:
        return "zero"
    if doc.lang_ not in ("en", "ru"):
        return "no_item"
    words_of = phrase_structure(doc.lang_)
    before = doc[quantity.start - 1] if quantity.start > sent.start else None
    if before is not None and before.text in words_of.number_signs:
        return f"number_sign: {before.text}"
    if before is not None and before.lower_ in words_of.rate_before and quantity._.value == 1:
        return f"rate: {before.text} {quantity.text}"
    entries = _item_entries(doc.lang_)
    if item_at is None:
        item_at = items_by_start(doc)
    words = 0
    for token in doc[quantity.end : sent.end]:
        if token.text in SIGNS:
            return f"{SIGNS[token.text]}: {token.text}"
        if token.lower_.startswith(PERCENT_WORDS):
            return f"percentage: {token.text}"
        span = item_at.get(token.i)
        if span is not None:
            entry = entries.get(span.id_)
            if entry is not None and not entry.get("item") and not entry.get("refers_to"):
                return _blocker_reason(span)
            after = doc[span.end : span.end + 2].text.lower()
            if any(after.startswith(rate) for rate in words_of.rate_after):
                return f"rate: {span.text} {after}"
            break
        if token.is_punct and token.text not in {"-", "(", ")"}:
            break
        if token.is_alpha:
            words += 1
            if words > FORWARD_WORDS:
                break
    return "no_item"
