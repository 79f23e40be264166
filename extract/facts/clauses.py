"""The clause that governs a figure, without a parser.

A sentence is cut into chunks at clause breaks (; ( ) and commas, colons).  A
figure is governed by the nearest status word of its own chunk.  A chunk
without one is a list member or an apposition: it takes the verb of the list
it belongs to — the verb after the list ("100 complexes, 53 X-ray machines,
64 stations are being purchased") or the clause before it ("закуплено 20
аппаратов, 30 концентраторов"; "обеспечены оборудованием: 686
концентраторов").  Embedded clauses ("which ...", "with 2 more to be
procured", "где ...") keep their verbs to themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from ..nlp.lemmas import ru_parse
from .phrase_structure import phrase_structure
from .status_lexicon import StatusLexicon
from .status_words import StatusWord

HARD_BREAKS = {";"}
SOFT_BREAKS = {",": "comma", ":": "colon", "(": "comma", ")": "comma"}
OPEN_BRACKET, CLOSE_BRACKET = "(", ")"
AFTER_FIGURE_WEIGHT = 0.5  # a verb before the figure wins a tie: "has 40 ventilators, needed ..."
ATTRIBUTIVE_BEFORE = 1  # "закупленные 20 аппаратов", not "в строящихся объектах и 32 064 койки"
ATTRIBUTIVE_AFTER = 2.5  # "20 закупленных аппаратов", "16 304 инфекционные действующие койки"
EMBEDDED_OPENING = 3  # "основную часть которых составляют ...": the relative word may come a little later
ADDITION = {"еще", "ещё", "another", "more", "further", "additional"}  # "…, еще 2 поступят": more of them, not the list


@dataclass(frozen=True)
class Chunk:
    start: int
    end: int
    boundary_before: str  # start | hard | comma | colon
    embedded: bool  # opens with which / with / где / который ...


def chunks(sent: Span, lex: StatusLexicon) -> list[Chunk]:
    """Chunks of a sentence; a bracket's content is embedded ("six clinics (2 state-owned), and ... will be
    commissioned": the list goes on around it), and so is a chunk opened by which / with / где / который."""
    cache = sent.doc.user_data.setdefault("status_chunks", {})
    if sent.start not in cache:
        cache[sent.start] = _cut(sent, lex)
    return cache[sent.start]


def _cut(sent: Span, lex: StatusLexicon) -> list[Chunk]:
    doc = sent.doc
    found, start, boundary, bracket = [], sent.start, "start", False
    figures = doc.user_data.get("figure_starts")
    if figures is None:
        figures = doc.user_data["figure_starts"] = {span.start for span in doc.spans.get("quantity", [])}
    joins = phrase_structure(doc.lang_).and_or - {","}
    for token in sent:
        kind = "hard" if token.text in HARD_BREAKS else SOFT_BREAKS.get(token.text)
        if kind is None and token.lower_ in joins and _joins_two_clauses(token, start, figures, lex):
            kind = "comma"  # "five arrived today and 3 more are expected": each figure keeps its own verb
        if kind is None:
            continue
        if token.i > start:
            found.append(_chunk(doc, start, token.i, boundary, lex, bracket))
        bracket = token.text == OPEN_BRACKET or (bracket and token.text != CLOSE_BRACKET)
        start, boundary = token.i + 1, kind
    if start < sent.end:
        found.append(_chunk(doc, start, sent.end, boundary, lex, bracket))
    return found


def _joins_two_clauses(token, start: int, figures: set[int], lex: StatusLexicon) -> bool:
    """ "and"/"и" before a figure that opens a clause of its own, after a clause that has its verb."""
    doc = token.doc
    nxt = token.i + 1 + (token.i + 1 < len(doc) and doc[token.i + 1].lower_ in {"more", "ещё", "еще", "another"})
    if nxt not in figures or nxt >= token.sent.end:
        return False
    left = doc[start : token.i]
    if not any(t.i in figures for t in left):
        return False
    return any(_is_predicate(t, lex) for t in left)


def _is_predicate(token, lex: StatusLexicon) -> bool:
    """A status verb in a finite or short form ("arrived", "поступили", "закуплено"), not an attribute
    ("строящихся объектах", "existing hospitals") or a process noun."""
    if not token.is_alpha or (entry := lex.entry_of(token)) is None or entry[1]:
        return False
    if lex.lang == "ru":
        return ru_parse(token.lower_).tag.POS in {"VERB", "PRTS", "PRED"}
    return not token.lower_.endswith("ing")


def _chunk(doc, start: int, end: int, boundary: str, lex: StatusLexicon, in_bracket: bool) -> Chunk:
    opening = doc[start : min(end, start + EMBEDDED_OPENING)]
    relative = any(lex.role(token) == "clause_start" for token in opening)
    return Chunk(start, end, boundary, in_bracket or relative or _opens_participial_phrase(doc[start], lex))


def _opens_participial_phrase(token, lex: StatusLexicon) -> bool:
    """", обучающихся в интернатуре,": a Russian participial phrase describes its noun, like a relative clause."""
    return lex.lang == "ru" and token.is_alpha and ru_parse(token.lower_).tag.POS == "PRTF"


def governing_word(quantity: Span, words: list[StatusWord], lex: StatusLexicon) -> StatusWord | None:
    """The status word whose clause the figure belongs to, or None."""
    parts = chunks(quantity.sent, lex)
    own = next((k for k, part in enumerate(parts) if part.start <= quantity.start < part.end), None)
    if own is None:
        return None
    inside = [w for w in _words_in(parts[own], words) if not w.attributive or _governs_as_attribute(quantity, w)]
    if inside:
        return nearest(quantity, inside)
    return _verb_after_list(quantity, parts, own, words, lex) or _clause_before_list(parts, own, words)


def _governs_as_attribute(quantity: Span, word: StatusWord) -> bool:
    """A participle or adjective describes the noun phrase it stands in: the figure's own, next to it."""
    reach = ATTRIBUTIVE_BEFORE if word.end <= quantity.start else ATTRIBUTIVE_AFTER
    return _distance(quantity, word) <= reach


def embedded_words(sent: Span, words: list[StatusWord], lex: StatusLexicon) -> set[int]:
    """Starts of the status words that sit in an embedded clause ("..., основную часть которых составляют ...")."""
    inside = set()
    for part in chunks(sent, lex):
        if part.embedded:
            inside.update(w.start for w in _words_in(part, words))
    return inside


def nearest(quantity: Span, words: list[StatusWord]) -> StatusWord:
    return min(words, key=lambda word: (_distance(quantity, word), word.start))


def _distance(quantity: Span, word: StatusWord) -> float:
    if word.end <= quantity.start:
        return quantity.start - word.end
    if word.start >= quantity.end:
        return word.start - quantity.end + AFTER_FIGURE_WEIGHT
    return 0.0


def _words_in(part: Chunk, words: list[StatusWord]) -> list[StatusWord]:
    return [word for word in words if part.start <= word.start < part.end]


def _verb_after_list(
    quantity: Span, parts: list[Chunk], own: int, words: list[StatusWord], lex: StatusLexicon
) -> StatusWord | None:
    """"100 complexes, 53 X-ray machines, 64 oxygen stations are being purchased", "4,183 more, to be
    procured", "27 больниц, часть которых ..., получили": the verb after the list or the relative clause."""
    doc = quantity.doc
    for part in parts[own + 1 :]:
        if part.boundary_before != "comma":
            return None
        if part.embedded:
            continue
        inside = _words_in(part, words)
        if inside:
            verb = inside[0]
            before = doc[part.start : verb.start]
            if any(token.lower_ in ADDITION for token in before):
                return None  # "В регионе 5 томографов, еще 2 поступят": the added figures have a verb of their own
            list_member = any(token.like_num for token in before)
            opens_with_verb = all(lex.role(token) is not None for token in before)
            return verb if list_member or opens_with_verb else None
    return None


def _clause_before_list(parts: list[Chunk], own: int, words: list[StatusWord]) -> StatusWord | None:
    """"Закуплено 20 аппаратов, 30 концентраторов": a list member takes the verb of the clause it continues."""
    for k in range(own - 1, -1, -1):
        if parts[k + 1].boundary_before not in ("comma", "colon"):
            return None
        if parts[k].embedded:
            continue
        inside = _words_in(parts[k], words)
        if inside:
            return inside[-1]
    return None


def followed_by_addition(quantity: Span, lex: StatusLexicon) -> bool:
    """Is the figure's clause verbless and followed by one that adds more ("В регионе 5 томографов, еще 2 поступят")?"""
    parts = chunks(quantity.sent, lex)
    own = next((k for k, part in enumerate(parts) if part.start <= quantity.start < part.end), None)
    if own is None or own + 1 >= len(parts) or parts[own + 1].boundary_before != "comma":
        return False
    nxt = parts[own + 1]
    opening = quantity.doc[nxt.start : min(nxt.end, nxt.start + 2)]
    return any(token.lower_ in ADDITION for token in opening)
