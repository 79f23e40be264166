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

from .status_words import StatusLexicon, StatusWord

HARD_BREAKS = {";", "(", ")"}
SOFT_BREAKS = {",": "comma", ":": "colon"}
AFTER_FIGURE_WEIGHT = 0.5  # a verb before the figure wins a tie: "has 40 ventilators, needed ..."
ATTRIBUTIVE_REACH = 3  # "20 закупленных аппаратов": a participle governs the figure of its own noun phrase only
EMBEDDED_OPENING = 3  # "основную часть которых составляют ...": the relative word may come a little later


@dataclass(frozen=True)
class Chunk:
    start: int
    end: int
    boundary_before: str  # start | hard | comma | colon
    embedded: bool  # opens with which / with / где / который ...


def chunks(sent: Span, lex: StatusLexicon) -> list[Chunk]:
    doc = sent.doc
    found, start, boundary = [], sent.start, "start"
    for token in sent:
        kind = "hard" if token.text in HARD_BREAKS else SOFT_BREAKS.get(token.text)
        if kind is None:
            continue
        if token.i > start:
            found.append(_chunk(doc, start, token.i, boundary, lex))
        start, boundary = token.i + 1, kind
    if start < sent.end:
        found.append(_chunk(doc, start, sent.end, boundary, lex))
    return found


def _chunk(doc, start: int, end: int, boundary: str, lex: StatusLexicon) -> Chunk:
    opening = doc[start : min(end, start + EMBEDDED_OPENING)]
    return Chunk(start, end, boundary, any(lex.role(token) == "clause_start" for token in opening))


def governing_word(quantity: Span, words: list[StatusWord], lex: StatusLexicon) -> StatusWord | None:
    """The status word whose clause the figure belongs to, or None."""
    parts = chunks(quantity.sent, lex)
    own = next((k for k, part in enumerate(parts) if part.start <= quantity.start < part.end), None)
    if own is None:
        return None
    words = [w for w in words if not w.attributive or _distance(quantity, w) <= ATTRIBUTIVE_REACH]
    inside = _words_in(parts[own], words)
    if inside:
        return nearest(quantity, inside)
    return _verb_after_list(quantity, parts, own, words, lex) or _clause_before_list(parts, own, words)


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
