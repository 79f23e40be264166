"""The time and voice of a Russian status word, from pymorphy3's tags and the copulas and frames around it:
"будет закуплено" is the future, "планируется закупить" a plan, "закупленных" a state."""

from __future__ import annotations

from spacy.tokens import Doc

from ..nlp.lemmas import ru_parse
from .status_lexicon import (
    FRAME_CLASSES,
    VERBAL_POS,
    StatusLexicon,
    copula_time,
    ru_verb_parse,
)

RU_IMPERFECTIVE_REFLEXIVE = ("ается", "яется", "уется", "ются", "аются", "яются", "уются", "ивается", "ывается")


def ru_tag(token, row: dict):
    """The tag of the reading that matched the lexicon: the verbal one when the likeliest is not ("открыто")."""
    first = ru_parse(token.lower_)
    if first.normal_form.replace("ё", "е") == row.get("lemma") or first.tag.POS in VERBAL_POS:
        return first.tag
    verbal = ru_verb_parse(token.lower_)
    return verbal.tag if verbal is not None else first.tag


def ru_time(doc: Doc, i: int, lex: StatusLexicon, is_noun: bool, tag) -> tuple[str, str]:
    token = doc[i]
    pos = tag.POS
    if is_noun or pos not in ("VERB", "INFN", "PRTS", "PRTF", "GRND"):
        return copula_time(doc, i, lex), "active"
    voice = "passive" if ("pssv" in tag or token.lemma_.endswith(("ся", "сь"))) else "active"
    if pos == "INFN":
        return _ru_frame_before(doc, i, lex) or "infinitive", voice
    if pos == "VERB":
        if tag.tense == "past":
            return "past", voice
        if tag.tense == "futr" and not token.lower_.endswith(RU_IMPERFECTIVE_REFLEXIVE):
            return "future", voice
        return "present", voice
    if pos == "PRTS":
        return _ru_copula_around(doc, i, lex) or "state", voice
    if pos == "GRND":
        return ("past" if "perf" in tag else "present"), voice
    return ("present" if tag.tense == "pres" else "state"), voice  # PRTF: "строящихся" vs "закупленных"


def ru_auxiliary_be(doc: Doc, i: int, end: int, lex: StatusLexicon) -> bool:
    j = i + 1
    while j < end and lex.role(doc[j]) == "skip":
        j += 1
    if j >= end or not doc[j].is_alpha:
        return False
    verbal = ru_verb_parse(doc[j].lower_)
    return verbal is not None and verbal.tag.POS in ("PRTS", "INFN")


def _ru_copula_around(doc: Doc, i: int, lex: StatusLexicon) -> str | None:
    """"будет закуплено", "закуплено будет" → future; "было закуплено" → past."""
    for j in (i - 2, i - 1, i + 1):
        if 0 <= j < len(doc):
            role = lex.role(doc[j])
            if role == "future":
                return "future"
            if role == "past_copula":
                return "past"
    return None


def _ru_frame_before(doc: Doc, i: int, lex: StatusLexicon) -> str | None:
    """The word that governs an infinitive: "планируется закупить", "необходимо открыть", "будут работать"."""
    time = None
    j = i - 1
    while j >= 0 and i - j <= 4:
        token = doc[j]
        role = lex.role(token)
        if role == "past_frame":
            return "past"  # "пришлось развернуть 16 госпиталей", "удалось закупить": the infinitive happened
        found = lex.entry_of(token)
        if found is not None and found[0]["class"] in FRAME_CLASSES:
            return FRAME_CLASSES[found[0]["class"]]  # "необходимо будет закупить" is needed, not just future
        if role == "future":
            time = "future"
        elif role not in ("skip", "negation") and not token.is_punct:
            break
        j -= 1
    return time
