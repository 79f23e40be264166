"""Where a counted noun phrase ends, and the figures beside it that are no count of their own head.

A mixin of ``ItemAttacher`` (items.py), like ``noun_phrase.py``: a number glued to a word describes the noun
("3 64-slice CT scanners"), a Russian verb ends the phrase ("пять получил Аксуский район"), a participial or
relative phrase between commas does not hide a link's subject ("Коек, развернутых в области, – 500"), a change
("by 25") is no subject, the base of a comparison counts the level's item ("108 compared to 18"), and a total
that governs no noun stands for the item in focus ("bringing the total to 45").  See docs/constructions.md.
"""

from __future__ import annotations

from spacy.tokens import Span

from .attachment import Attachment
from .figure_shapes import comparison_before

RU_PREDICATES = {"VERB", "INFN", "PRTS", "GRND"}


class PhraseBounds:
    def _compound_modifier_end(self, i: int, sent: Span) -> int | None:
        """End of a "64-slice" / "200-bed" compound starting at token ``i``, or None."""
        other = self.quantity_at.get(i)
        if other is None or other.start != i or other.end + 1 >= sent.end:
            return None
        dash, word = self.doc[other.end], self.doc[other.end + 1]
        if dash.text != "-" or other[-1].whitespace_ or dash.whitespace_ or not word.is_alpha:
            return None
        span = self.item_at.get(word.i)
        return span.end if span is not None and span.start == word.i else word.i + 1

    def _is_change_start(self, quantity: Span) -> bool:
        """ "с 300 (до 500)", "by 25 (to 145)": a figure that starts a range or states a change, not the subject."""
        start = quantity.start
        if start == quantity.sent.start:
            return False
        return self.doc[start - 1].lower_ in self.words.range_from | self.words.change_by

    def _comparison_base(self, quantity: Span, sent: Span) -> Attachment | None:
        """ "rose to 120 from 95", "108 compared to 18 before the pandemic", "300 beds, up from 250", "против 95
        годом ранее": the figure a level is compared with counts the same item as that level."""
        if not self._is_bare(quantity, sent) or not comparison_before(self.doc, quantity, self.words):
            return None
        earlier = [c for c in self.focus.counted if sent.start <= c.token < quantity.start]
        if not earlier:
            return None
        last = earlier[-1]
        others = [s for s in self.items if last.token < s.start < quantity.start and not self._is_blocker(s)
                  and s.start not in self.focus.resolved]
        return None if others else Attachment(last.item, None, last.rule, "compared")

    def _descriptive_phrase_start(self, closing: int, sent: Span) -> int | None:
        """The comma that opens a participial or relative phrase closed by the comma at ``closing``, or None."""
        for j in range(closing - 1, sent.start, -1):
            token = self.doc[j]
            if token.text in {";", ".", ":"} or j in self.quantity_at:
                return None
            if token.text == ",":
                return j if self._opens_description(self.doc[j + 1]) else None
        return None

    def _opens_description(self, token) -> bool:
        if self.doc.lang_ == "ru":
            from ..nlp.lemmas import ru_parse

            return token.is_alpha and ru_parse(token.lower_).tag.POS == "PRTF"
        return token.lower_ in self.words.relative_openers

    def _bare_total(self, noun: str, after: int, quantity: Span) -> bool:
        """ "bringing the total to 45", "общее количество достигло 45": a total that governs no noun of its own."""
        if noun not in self.words.totals or after >= quantity.start:
            return after == quantity.start and noun in self.words.totals
        token = self.doc[after]
        if self.doc.lang_ == "ru":
            return token.is_alpha and not self._looks_like_noun(token)
        return token.lower_ in self.words.links_before_figure or token.lower_ in self.words.words_after_bare_figure

    def _is_ru_predicate(self, token) -> bool:
        """A Russian finite verb, infinitive, short participle or gerund: a noun phrase never runs across one."""
        if self.doc.lang_ != "ru" or not token.is_alpha:
            return False
        from ..nlp.lemmas import ru_parse

        return ru_parse(token.lower_).tag.POS in RU_PREDICATES
