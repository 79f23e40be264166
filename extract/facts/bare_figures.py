"""Figures with no noun of their own: "еще 83", "64 in Almaty", "трое", "276 will be delivered soon".

A mixin of ``ItemAttacher`` (items.py), like ``noun_phrase.py`` and ``dash_lists.py``.  A bare figure takes the
item of the list it stands in (the last figure counted before it in the sentence, or the previous sentence's
when it is the subject of a resource verb), or the item in focus when a word of ellipsis or a pronoun says so;
and says what makes a figure bare, a noun likely, a frame noun generic.
"""

from __future__ import annotations

from spacy.tokens import Span

from ..nlp.sentences import paragraph_of
from .attachment import Attachment
from .figure_shapes import partitive_part


class BareFigures:
    def _elliptical(self, quantity: Span, sent: Span) -> Attachment | None:
        """ "еще 83 должны прибыть", "with 4,183 more", "трое отправятся", "of which 70"."""
        doc = self.doc
        prev1 = doc[quantity.start - 1].lower_ if quantity.start > sent.start else ""
        prev2 = doc[quantity.start - 2 : quantity.start].text.lower() if quantity.start - 2 >= sent.start else ""
        if prev1 == "," and quantity.start - 3 >= sent.start:  # "Of these, 12 have arrived"
            prev1, prev2 = doc[quantity.start - 2].lower_, doc[quantity.start - 3 : quantity.start - 1].text.lower()
        nxt = doc[quantity.end].lower_ if quantity.end < sent.end else ""
        words = self.words
        collective = quantity.text.lower() in words.collective or quantity[0].lemma_ in words.collective
        pronoun = self._pronoun_for_focus(quantity, sent)
        # "Of 40, 12 have been put into service": a whole whose noun is left out is the item in focus
        whole = nxt == "," and partitive_part(quantity, doc.lang_) is not None
        if not (prev1 in words.ellipsis_before or prev2 in words.ellipsis_before or nxt in words.ellipsis_after
                or collective or pronoun or whole):
            return None
        if nxt and doc[quantity.end].is_alpha and nxt not in words.ellipsis_after and not collective and self._looks_like_noun(doc[quantity.end]):
            # "еще 5 медпунктов" is forward's job; a following unknown noun means we do not know the item.
            return None
        focus = self.focus.before(quantity.start, ["staff"] if collective else None)
        if focus is None:
            return None
        return Attachment(focus[0], None, focus[1], "focus")

    def _is_bare(self, quantity: Span, sent: Span) -> bool:
        """No noun follows the figure: "64 in Almaty", "в Шетском районе – два", "276 will be delivered"."""
        if quantity.end >= sent.end:
            return True
        nxt = self.doc[quantity.end]
        if nxt.text in {"%", "-"} and not nxt.whitespace_ and not quantity[-1].whitespace_:
            return False  # "40%", "300-bed"
        if nxt.is_punct:
            return nxt.text not in {"%", "(", "/"}
        if nxt.i in self.time_starts:
            return True  # "including 23 this year": a time phrase, not the counted noun
        if nxt.lower_ in self.words.and_or:
            return True  # "Astana 15 and Shymkent 10"
        if nxt.lower_ in self.words.prepositions and nxt.lower_ not in self.words.rate_before:
            return True  # "compared to 18 before the pandemic": a preposition starts a modifier, not the noun
        return not self._looks_like_noun(nxt)

    def _list_member(self, quantity: Span, sent: Span) -> Attachment | None:
        """A bare figure shares the item of the list it stands in.

        "126 units were distributed in Nur-Sultan, 64 in Almaty, 156 in Shymkent";
        "в Бухар-Жырауском районе построили 13 объектов, в Актогайском районе – девять";
        and as the subject of a resource verb right after a counted figure's sentence:
        "… 498 ventilators. 276 will be delivered soon".
        """
        in_brackets = quantity.start > sent.start and self.doc[quantity.start - 1].text == "("
        if not (in_brackets or self._is_bare(quantity, sent)) or self._in_range_or_money(quantity, sent):
            return None
        earlier = [c for c in self.focus.counted if sent.start <= c.token < quantity.start]
        if earlier:
            head, item, rule = earlier[-1].token, earlier[-1].item, earlier[-1].rule
            # "… 178 to 332 ventilators, while that of oxygen stations doubled 8": another noun, another list.
            times = {t for span in self.doc.spans.get("date", []) for t in range(span.start, span.end)}
            others = [s for s in self.items if head < s.start < quantity.start and s.start not in self.focus.resolved
                      and not self._is_generic(s) and s.start not in times]  # "delivered last month, 10 went"
            if not others:
                return Attachment(item, None, rule, "list_member")
            return None
        if quantity.start == sent.start and self._resource_verb_follows(quantity, sent):
            paragraph = paragraph_of(self.doc, quantity.start_char)
            previous = [c for c in self.focus.counted if c.token < quantity.start and c.paragraph == paragraph]
            if previous:
                return Attachment(previous[-1].item, None, previous[-1].rule, "subject_focus")
        return None

    def _is_generic(self, span: Span) -> bool:
        """Places and other nouns that frame a list member rather than count ("в Абайском районе – восемь")."""
        return span.id_ in self.words.frame_nouns

    def _in_range_or_money(self, quantity: Span, sent: Span) -> bool:
        """ "from 205 to 2005" takes its noun from the range's own subject; "KZT 5.7 billion", "3 млрд. 494 млн. тенге" are money."""
        if quantity.start > sent.start:
            before = self.doc[quantity.start - 1]
            if before.lower_ in self.words.range_from | self.words.range_to:
                return True
            span = self.item_at.get(before.i)
            if span is not None and self._is_blocker(span) and not self._is_generic(span):
                return True  # "тенге 5" is money; "Из 120 ФАПов области 30 требуют ремонта" is not
        time_after = quantity.end in self.time_starts
        for i in range(quantity.start, min(sent.end, quantity.end + 5)):
            if time_after and i >= quantity.end:
                break  # "23 this year": the year is when, not what
            token = self.doc[i]
            if i >= quantity.end and i not in self.quantity_at and (
                    token.lower_ in self.words.prepositions or token.is_punct and token.text != "."):
                break
            span = self.item_at.get(i)
            if span is not None:
                return self._is_blocker(span) and not self._is_generic(span)
        return False

    def _resource_verb_follows(self, quantity: Span, sent: Span) -> bool:
        """A status cue (delivered, purchased, opened …) within the figure's verb group."""
        reach = min(sent.end, quantity.end + 4)
        return any(cue.start >= quantity.end and cue.start < reach for cue in self.doc.spans.get("status", []))

    def _pronoun_for_focus(self, quantity: Span, sent: Span) -> bool:
        """ "в стране их всего 1 967", "there are 1,967 of them": a pronoun stands for the item in focus."""
        lead = [t.lower_ for t in self.doc[max(sent.start, quantity.start - 3) : quantity.start]]
        if any(word in self.words.pronouns_before_figure for word in lead) and self._is_bare(quantity, sent):
            return True
        tail = self.doc[quantity.end : min(sent.end, quantity.end + 2)].text.lower()
        return any(tail.startswith(words) for words in self.words.of_them_after_figure)

    def _looks_like_noun(self, token) -> bool:
        """Is the word after an elliptical number a noun it counts ("еще 5 лет") rather than a verb ("еще 83 должны")?"""
        if self.doc.lang_ == "ru":
            from ..nlp.lemmas import ru_parse

            pos = ru_parse(token.lower_).tag.POS
            if pos == "ADJF":  # "из них 650 инфекционных." — an adjective whose noun is left out
                nxt = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
                return nxt is not None and not nxt.is_punct and ru_parse(nxt.lower_).tag.POS in {"NOUN", "ADJF"}
            return pos in {"NOUN", "NUMR"}
        if token.lower_ in self.words.words_after_bare_figure or token.lower_ in ("a", "an", "the"):
            return False  # "30 a year ago": an article starts another phrase
        # "10 went to Taraz", "12 arrived": an inflected form that is no plural is a verb, not the counted noun
        return token.lemma_ == token.lower_ or token.lower_.endswith("s")
