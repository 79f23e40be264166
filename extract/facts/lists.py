"""Lists: the lines a header ending in ":" introduces.

    В этом году для больниц области закуплено:
    - 5 аппаратов ИВЛ;
    - 3 рентгеновских аппарата.

Every line is a sentence of its own (a newline ends a sentence), so an item line has no verb: it
continues the header's clause, which gives it its status (and, when the item names none, its region).
Item lines are marked ("-", "•", "1)", "2.") or, unmarked, end in ";" or "," like the members of a
sentence would.  The list ends at the first line that is neither.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..nlp.doc_text import doc_text

ITEM_MARK = re.compile(r"[ \t]*(?:[-–—•·*▪●◦]|\d{1,2}[).])[ \t]")
ITEM_END = (";", ",")


def list_header(sent: Span) -> Span | None:
    """The header sentence of the list the sentence ``sent`` is an item of, or None."""
    doc = sent.doc
    headers = doc.user_data.get("list_headers")
    if headers is None:
        headers = doc.user_data["list_headers"] = _headers(doc)
    return headers.get(sent.start)


def _headers(doc: Doc) -> dict[int, Span]:
    text, found = doc_text(doc), {}
    header: Span | None = None
    open_item = False  # the previous item line ended in ";" or ",": the list goes on
    for sent in doc.sents:
        line_start = text.rfind("\n", 0, sent.start_char) + 1
        if not text[line_start : sent.start_char].strip():  # the sentence opens a line
            line_end = text.find("\n", sent.start_char)
            line = text[line_start : len(text) if line_end < 0 else line_end].rstrip()
            if header is not None and (ITEM_MARK.match(text, line_start) or open_item or line.endswith(ITEM_END)):
                found[sent.start] = header
                open_item = line.endswith(ITEM_END)
                continue
            header, open_item = None, False
        elif header is not None and found.get(_line_first_sentence(doc, line_start)) is header:
            found[sent.start] = header  # a second sentence on an item's line
            continue
        if text[sent.start_char : sent.end_char].rstrip().endswith(":"):  # sent.text, without rebuilding it
            header = sent
    return found


def _line_first_sentence(doc: Doc, line_start: int) -> int:
    token = doc.char_span(line_start, line_start + 1, alignment_mode="expand")
    return token.sent.start if token is not None else -1

