"""QUANTITY mentions: digits, number words and multipliers, with their value.

Each span in ``doc.spans["quantity"]`` has ``span._.value`` (a float) and an
id_ saying which rule read it.  Years and other time phrases found by the
date matcher are not quantities, nor are the numbers of list items ("1) аппараты ИВЛ") and phone numbers.
"""

from __future__ import annotations

import re

from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span

from .doc_text import doc_text
from .numbers import DIGITS, NumberWord, combine_words, number_words, parse_digits

if not Span.has_extension("value"):
    Span.set_extension("value", default=None)

JOINERS = {"-", "and", "и"}
RANGE_JOINERS = {"-", "–", "—", "to", "до"}  # "from 28 to 42 thousand", "с 28 до 42 тысяч": the multiplier is shared
# Kazakhstan phone numbers: "8 7172 55 66 77", "+7 (7182) 32-45-67", "8-800-080-88-87" are no quantities.
PHONE = re.compile(r"(?<![\w.,])(?:\+7|8)[ \-]?\(?\d{3,4}\)?[ \-]?\d{1,3}(?:[ \-]\d{2}){2}(?![\w])")


class QuantityFinder:
    def __init__(self, lang: str):
        self.lang = lang
        self.words = number_words(lang)
        self._word_ids: set[int] | None = None  # string ids of self.words in the pipeline's vocab

    def _word(self, token) -> NumberWord | None:
        return self.words.get(token.lower_) or self.words.get(token.lemma_)

    def __call__(self, doc: Doc) -> Doc:
        taken = [False] * len(doc)
        for span in doc.spans.get("date", []):
            for i in range(span.start, span.end):
                taken[i] = True
        found: list[Span] = []
        text = doc_text(doc)  # once: Doc.text joins every token's text on each access
        for match in PHONE.finditer(text):
            phone = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            for i in range(phone.start, phone.end) if phone is not None else ():
                taken[i] = True
        for match in DIGITS.finditer(text):
            span = doc.char_span(match.start(1), match.end(0), alignment_mode="expand")
            if span is None or any(taken[i] for i in range(span.start, span.end)):
                continue
            value = parse_digits(match.group(0), self.lang)
            if value is None or is_enumerator(text, match.start(1), match.end(0)):
                continue
            # Offsets stay exactly on the written number ("34-х", "1 958").
            quantity = self._with_multiplier(doc, match.start(1), match.end(0), value, "quantity.digits")
            if quantity is not None and not any(taken[i] for i in range(quantity.start, quantity.end)):
                quantity = self._digit_range(doc, quantity)
                found.append(quantity)
                for i in range(quantity.start, quantity.end):
                    taken[i] = True
        i = 0
        candidates = self._number_word_positions(doc)
        while i < len(doc):
            word = None if taken[i] or i not in candidates else self._word(doc[i])
            if word is None or word.multiplier and (
                    word.value >= 1000 and not self._alone(doc, i) or self._vague_plural(doc[i])):
                i += 1
                continue
            parts, j, ranged = [word], i + 1, False
            while j < len(doc) and not taken[j]:
                nxt = self._word(doc[j])
                if nxt is not None:
                    parts.append(nxt)
                    j += 1
                elif doc[j].lower_ in JOINERS and j + 1 < len(doc) and self._word(doc[j + 1]) and (
                    doc[j].lower_ == "-" or parts[-1].multiplier  # "twenty-six", "one hundred and twenty"
                ):
                    if doc[j].lower_ == "-" and not _tens_and_unit(parts[-1], self._word(doc[j + 1])):
                        ranged = True  # "три-четыре врача", "five-six nurses": a range, read as its lower bound
                    j += 1
                else:
                    break
            if ranged:
                dash = next(k for k in range(i, j) if doc[k].lower_ == "-")
                value = combine_words(parts[: dash - i])
            else:
                value = combine_words(parts)
            span = doc[i:j]
            if value:
                found.append(self._make(span, value, parts[0].rule))
            for k in range(i, j):
                taken[k] = True
            i = j
        found.sort(key=lambda s: s.start)
        self._share_multipliers(doc, found)
        doc.spans["quantity"] = found
        return doc

    def _digit_range(self, doc: Doc, lower: Span) -> Span:
        """ "200-300 коек", "20-30 тысяч": a range of digits is read as its lower bound, as "три-четыре" is, and
        shares the upper end's multiplier (the digits after the hyphen are no quantity of their own)."""
        end = lower.end
        if (end + 1 >= len(doc) or doc[end].text not in {"-", "–"} or doc[end - 1].whitespace_ or doc[end].whitespace_
                or not doc[end + 1].is_digit or self._word(doc[end - 1]) is not None):
            return lower
        upper = float(doc[end + 1].text)
        if upper <= lower._.value:
            return lower
        value, stop = lower._.value, end + 2
        multiplier = self._word(doc[stop]) if stop < len(doc) else None
        if multiplier is not None and multiplier.multiplier and multiplier.value >= 1000:
            value, stop = value * multiplier.value, stop + 1
        return self._make(doc[lower.start : stop], value, lower.id_)

    def _alone(self, doc: Doc, i: int) -> bool:
        """ "закупят тысячу аппаратов", "порядка тысячи концентраторов", "a thousand doctors": a singular multiplier
        is one of it; "тысячи врачей", "thousands" and "несколько тысяч" are no exact number."""
        form = self.words.get(doc[i].lower_)
        return form is not None and (form.alone or (i > 0 and doc[i - 1].lower_ in form.alone_after))

    def _share_multipliers(self, doc: Doc, found: list[Span]) -> None:
        """ "from 28 to 42 thousand" is 28,000 to 42,000: a bare lower end smaller than the upper end's own number
        takes the upper end's multiplier ("from 500 to 2 thousand" keeps 500)."""
        for lower, upper in zip(found, found[1:]):
            if upper.start - lower.end != 1 or doc[lower.end].lower_ not in RANGE_JOINERS:
                continue
            multiplier = self._word(doc[upper.end - 1])
            if (multiplier is None or not multiplier.multiplier or multiplier.value < 1000
                    or self._word(doc[lower.end - 1]) is not None and self._word(doc[lower.end - 1]).multiplier):
                continue
            if lower._.value < upper._.value / multiplier.value:
                lower._.value = lower._.value * multiplier.value

    def _number_word_positions(self, doc: Doc) -> set[int]:
        """Tokens whose form or lemma is a number word, from the doc's arrays (the only ones ``_word`` can read)."""
        strings = doc.vocab.strings
        if self._word_ids is None:
            self._word_ids = {strings.add(word) for word in self.words}
        ids = self._word_ids
        return {i for i, (lower, lemma) in enumerate(doc.to_array([LOWER, LEMMA]).tolist()) if lower in ids or lemma in ids}

    def _vague_plural(self, token) -> bool:
        """ "dozens of ambulances", "hundreds of doctors": a plural multiplier on its own counts no exact number."""
        return self.lang == "en" and token.lower_.endswith("s")

    def _with_multiplier(self, doc: Doc, start: int, end: int, value: float, rule: str) -> Span | None:
        """Extend "4" in "4 thousand"/"1,2 млн" to cover the multiplier word."""
        exact = doc.char_span(start, end)
        if exact is None:
            return None
        nxt = doc[exact.end] if exact.end < len(doc) else None
        if nxt is not None:
            word = self._word(nxt)
            if word is not None and word.multiplier and word.value >= 1000:
                full = doc.char_span(start, nxt.idx + len(nxt.text))
                if full is not None:
                    return self._with_remainder(full, value * word.value, word.value, rule)
        return self._make(exact, value, rule)

    def _with_remainder(self, span: Span, value: float, multiplier: float, rule: str) -> Span:
        """ "2 тыс. 150 коек" is 2,150 and "1 млн 200 тыс." 1,200,000: a smaller part after the multiplier adds to it."""
        doc = span.doc
        if span.end >= len(doc) or not doc[span.end].is_digit:
            return self._make(span, value, rule)
        part, end = float(doc[span.end].text), span.end + 1
        smaller = self._word(doc[end]) if end < len(doc) else None
        if smaller is not None and smaller.multiplier and 1000 <= smaller.value < multiplier:
            part, end = part * smaller.value, end + 1
        if part >= multiplier:
            return self._make(span, value, rule)
        return self._make(doc[span.start : end], value + part, rule)

    @staticmethod
    def _make(span: Span, value: float, rule: str) -> Span:
        quantity = Span(span.doc, span.start, span.end, label="QUANTITY", span_id=rule)
        quantity._.value = value
        return quantity


def is_enumerator(text: str, start: int, end: int) -> bool:
    """ "1) аппараты ИВЛ – 20 единиц", "2. Tomographs": a number that numbers a list item counts nothing.

    It opens its line (or follows ":" / ";") and is closed by ")" — without an opening "(" — or by "." and a space.
    """
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].rstrip()
    if before and before[-1] not in ":;":
        return False
    after = text[end : end + 2]
    return after[:1] == ")" or (after[:1] == "." and after[1:2] in (" ", "\t") and not before)


@Language.factory("medfacts_quantities")
def make_quantity_finder(nlp: Language, name: str) -> QuantityFinder:
    return QuantityFinder(nlp.lang)


def _tens_and_unit(tens: NumberWord, unit: NumberWord) -> bool:
    """"twenty-six", "forty-one": a hyphen inside one number, not between the two ends of a range."""
    return (not tens.multiplier and not unit.multiplier and 20 <= tens.value <= 90 and tens.value % 10 == 0
            and 1 <= unit.value <= 9)
