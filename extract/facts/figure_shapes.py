"""Shapes around a figure that say what it is before its clause's verb does.

A level compared with an earlier one ("108 compared to 18", "rose to 120 from
95", "на 25 больше"), a facility that receives ("80 ventilators to 5
hospitals", "передано 5 больницам"), the whole a part is taken from ("Из 120
ФАПов 30 требуют ремонта"), a pronoun standing for what exists ("а в стране их
всего 1 967") and a headline's present tense ("Region gets 20 ambulances").
The words are data: ``comparison_before``, ``difference`` and ``recipient_before``
in ``rules/<lang>/phrase_structure.json``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..nlp.lemmas import ru_parse
from ..rulebook import item_categories
from .phrase_structure import PhraseStructure, phrase_structure
from .status_words import StatusWord

HEADLINE_ENDS = set(".!?…:;\"»”)")
HEADLINE_TOKENS = 20
PARTITIVE = {"en": ("of", "of the", "out of", "out of the"), "ru": ("из",)}
RECIPIENT_CATEGORIES = {"facility"}  # "80 ventilators to 5 hospitals": the hospitals exist


def comparison_before(doc: Doc, quantity: Span, words: PhraseStructure) -> bool:
    """Is the figure the base a level is compared with ("compared to 18", "up from 250", "rose to 120 from 95")?"""
    sent = quantity.sent
    lead = doc[max(sent.start, quantity.start - 3) : quantity.start].text.lower()
    if any(lead == marker or lead.endswith(" " + marker) for marker in words.comparison_before):
        return True
    # "rose to 120 from 95", "выросло до 120 с 95": a start after the level reached, with no end after it
    before = quantity.start - 1
    if before <= sent.start or doc[before].lower_ not in words.range_from:
        return False
    if any(t.lower_ in words.range_to for t in doc[quantity.end : min(sent.end, quantity.end + 3)]):
        return False
    level = before - 1
    return level > sent.start and doc[level].like_num and doc[level - 1].lower_ in words.range_to


def is_difference(doc: Doc, quantity: Span, words: PhraseStructure) -> bool:
    """ "на 25 больше, чем год назад", "25 more ambulances than last year": the figure is a difference."""
    sent = quantity.sent
    after = [t.lower_ for t in doc[quantity.end : min(sent.end, quantity.end + 4)]]
    if doc.lang_ == "ru":
        before = doc[quantity.start - 1].lower_ if quantity.start > sent.start else ""
        earlier = doc[quantity.start - 2].lower_ if quantity.start - 1 > sent.start else ""
        # "на 25 больше", "стало больше на 120"
        return before in words.change_by and (any(word in words.difference for word in after[:2]) or earlier in words.difference)
    for k, word in enumerate(after):
        if word in words.difference:
            return "than" in after[k + 1 : k + 3]
    return False


def comparison_status(quantity: Span) -> tuple[str, str] | None:
    """The base of a comparison and a difference are history, not what exists now (status other)."""
    doc = quantity.doc
    words = phrase_structure(doc.lang_)
    if comparison_before(doc, quantity, words):
        return "other", "status.comparison_base"
    if is_difference(doc, quantity, words):
        return "other", "status.difference"
    return None


def recipient_status(quantity: Span, item: str | None, word: StatusWord | None) -> tuple[str, str] | None:
    """ "delivered 80 ventilators to 5 hospitals", "для 12 поликлиник закуплено", "передано 5 больницам", "аппараты
    получат 14 больниц": facilities named as recipients exist (available), whatever the time of the delivery."""
    if item_categories().get(item) not in RECIPIENT_CATEGORIES:
        return None
    doc, sent = quantity.doc, quantity.sent
    words = phrase_structure(doc.lang_)
    acquiring = word is not None and word.word_class == "acquire"
    if _new_after(doc, quantity, words):
        return None  # "for 5 new hospitals": recipients still to be built
    before = doc[quantity.start - 1] if quantity.start > sent.start else None
    if before is not None and before.lower_ in words.recipient_before:
        earlier = doc[before.i - 1] if before.i > sent.start else None
        if earlier is not None and (earlier.like_num or earlier.lower_ in words.range_before_to):
            return None  # "from 3 to 5 hospitals", "up to 5 hospitals": a range, not a recipient
        if before.lower_ in words.range_to and not acquiring:
            return None  # "increased to 5 hospitals": the level reached
        return "available", f"status.recipient:{before.lower_}"
    if not acquiring:
        return None
    if doc.lang_ == "ru":
        noun = _counted_noun(doc, quantity)
        if noun is not None and noun.is_alpha and ru_parse(noun.lower_).tag.case == "datv":
            return "available", "status.recipient:datv"
    if word.recipient and (word.start >= quantity.end if doc.lang_ == "en" else agrees_with_figure(quantity, word)):
        return "available", "status.recipient:subject"  # "14 hospitals will receive", "получат 14 больниц"
    return None


def agrees_with_figure(quantity: Span, word: StatusWord) -> bool:
    """A Russian figure above one takes a plural or neuter verb ("пять больниц получили/получило"); a masculine or
    feminine singular verb has another subject ("пять получил Аксуский район")."""
    if quantity._.value is None or quantity._.value == 1:
        return True
    tag = ru_parse(quantity.doc[word.start].lower_).tag
    return not ("sing" in tag and ("masc" in tag or "femn" in tag))


def _counted_noun(doc: Doc, quantity: Span):
    """The last word of the item phrase right after the figure ("5 районным больницам" → больницам)."""
    for span in doc.spans.get("items", []):
        if quantity.end <= span.start <= quantity.end + 2:
            return doc[span.end - 1]
    return None


def _new_after(doc: Doc, quantity: Span, words: PhraseStructure) -> bool:
    return any(t.lower_ in words.new_words for t in doc[quantity.end : min(quantity.sent.end, quantity.end + 2)])


def partitive_part(quantity: Span, lang: str) -> int | None:
    """ "Из 120 ФАПов 30 …", "Of the 45 ambulances in the region, 12 …": where the part taken from this whole starts."""
    doc, sent = quantity.doc, quantity.sent
    for marker in PARTITIVE[lang]:
        width = marker.count(" ") + 1
        start = quantity.start - width
        if start < sent.start or doc[start : quantity.start].text.lower() != marker:
            continue
        if start > sent.start and (doc[start - 1].lower_ in phrase_structure(lang).part_words or doc[start - 1].like_num):
            return quantity.end  # "Половина из 300 коек занята", "25 of the 40 posts": the part stands before
        if start == sent.start or doc[start - 1].text in {",", ":", ";", "—", "–"}:
            later = [s.start for s in doc.spans.get("quantity", []) if quantity.end < s.start < min(sent.end, quantity.end + 10)]
            return later[0] if later else None
    return None


def existential_pronoun(quantity: Span) -> bool:
    """ "а в стране их всего 1 967": a pronoun stands for the item, the clause only says how many there are."""
    doc, sent = quantity.doc, quantity.sent
    words = phrase_structure(doc.lang_)
    lead = doc[max(sent.start, quantity.start - 3) : quantity.start]
    return any(t.lower_ in words.pronouns_before_figure for t in lead)


def is_headline(sent: Span) -> bool:
    """A line without closing punctuation ("Region gets 20 ambulances"): headlines report the past in the present."""
    text = sent.text.rstrip()
    return bool(text) and text[-1] not in HEADLINE_ENDS and len(sent) <= HEADLINE_TOKENS
