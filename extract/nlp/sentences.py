"""Sentence and paragraph boundaries that respect initials and abbreviations.

spaCy's sentencizer splits "сообщил А. Джансенгиров" and "4 тыс. аппаратов";
news text needs an abbreviation list (``rules/<lang>/abbreviations.txt``).
Paragraphs (blocks separated by a line break) matter downstream: a region or
speaker carries over within a paragraph.
"""

from __future__ import annotations

from bisect import bisect_right

import numpy
from spacy.attrs import IS_SPACE, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..rulebook import load_wordlist
from .doc_text import doc_text, token_texts

SENTENCE_END = {".", "!", "?", "…", "...", "?!", "!?"}
CLOSERS = {"»", "”", '"', "’", "'", ")", "]"}
OPENERS = {"«", "“", '"', "„", "(", "—", "–", "-", "‘"}

if not Doc.has_extension("paragraphs"):
    Doc.set_extension("paragraphs", default=None)
if not Doc.has_extension("paragraph_starts"):
    Doc.set_extension("paragraph_starts", default=None)
if not Span.has_extension("paragraph"):
    Span.set_extension("paragraph", getter=lambda span: paragraph_of(span.doc, span.start_char))


def paragraph_of(doc: Doc, char: int) -> int:
    """Index of the paragraph containing character offset ``char``."""
    return max(0, bisect_right(doc._.paragraph_starts or [0], char) - 1)


class SentenceOf:
    """``Span.sent`` from the sentence starts written once, as a ``user_span_hooks["sent"]``: spaCy's own walks
    the tokens back and forth and checks ``has_annotation`` on every call, and the fact rules ask a figure for
    its sentence dozens of times.  Same sentence: the one containing the span's first token.  Holds no
    reference to the doc (no reference cycle)."""

    def __init__(self, starts: list[int]):
        self.starts = starts  # token indices with sent_start == 1, ascending, starting with 0

    def __call__(self, span: Span) -> Span:
        k = bisect_right(self.starts, span.start) - 1
        doc = span.doc
        end = self.starts[k + 1] if k + 1 < len(self.starts) else len(doc)
        return Span(doc, self.starts[k], end)


class SentenceSplitter:
    def __init__(self, lang: str):
        self.abbreviations = load_wordlist(f"{lang}/abbreviations.txt")

    def _is_abbreviation(self, text: str) -> bool:
        if text.endswith(".") and len(text) > 1:
            base = text[:-1].lower()
            if len(base) == 1 and text[0].isupper():
                return True  # an initial: "А. Джансенгиров"
            return base in self.abbreviations or "." in base  # "т.е.", "e.g."
        return False

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        doc._.paragraphs = self._paragraphs(text)
        doc._.paragraph_starts = [start for start, _ in doc._.paragraphs]
        if not len(doc):
            return doc
        # Token texts and trailing spaces from arrays (Token.text decodes a string per access).
        words = token_texts(doc)
        columns = doc.to_array([IS_SPACE, SPACY]).tolist()
        spaces = [" " if spacy else "" for _, spacy in columns]
        # 1 starts a sentence, -1 does not (Token.is_sent_start True/False).  Written in one
        # from_array: the Token setter checks has_annotation("DEP"), a scan of the whole doc, per token.
        starts = numpy.full(len(doc), -1, dtype=numpy.int64)
        starts[0] = 1
        start_next = False
        previous = 0
        for i in range(1, len(words)):
            is_space = columns[i][0]
            if "\n" in words[i]:
                start_next = True
            elif is_space:
                pass
            elif start_next:
                starts[i] = 1
                start_next = False
            elif self._ends_sentence(previous, i, words, spaces):
                starts[i] = 1
            if not is_space:
                previous = i
            if "\n" in spaces[i]:
                start_next = True
        doc.from_array([SENT_START], starts.astype(numpy.uint64))
        doc.user_span_hooks["sent"] = SentenceOf(numpy.flatnonzero(starts == 1).tolist())
        return doc

    def _ends_sentence(self, previous: int, i: int, words: list[str], spaces: list[str]) -> bool:
        """Does a sentence end between token ``previous`` and token ``i``?"""
        if words[previous] in CLOSERS and previous > 0:
            before = words[previous - 1]
            if not (before in SENTENCE_END or before[-1:] in "!?."):
                return False
            end = previous - 1
        else:
            end = previous
        text = words[end]
        if text not in SENTENCE_END:
            if not text.endswith(".") or len(text) == 1:
                return False
            if self._is_abbreviation(text):
                return False
        elif text == "." and end > 0:
            if not spaces[end - 1] and words[end - 1].lower() in self.abbreviations:
                return False
        if not spaces[previous] and words[previous] not in CLOSERS:
            return False
        first = words[i][0]
        return first.isupper() or first.isdigit() or words[i] in OPENERS

    @staticmethod
    def _paragraphs(text: str) -> list[tuple[int, int]]:
        spans, start = [], 0
        for line in text.split("\n"):
            end = start + len(line)
            if line.strip():
                spans.append((start, end))
            start = end + 1
        return spans or [(0, len(text))]


@Language.factory("medfacts_sentences")
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter(nlp.lang)
