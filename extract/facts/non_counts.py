"""Figures beside an item word that do not count it: the item only modifies another noun, names a label, or
stands in a ratio.

A mixin of ``ItemAttacher`` (items.py), like ``noun_phrase.py``.  Each rule follows the grammar of the phrase,
not a word list of non-resources (those are the blockers in ``rules/<lang>/items.jsonl``):

- the counted noun is the head of the phrase: "12 директоров больниц" counts directors (the first noun after
  the figure, in Russian), "25 ventilator contracts" counts contracts (the last noun, in English);
- a figure right after a label noun or a model name names the thing: "Статья 83", "Ward 5", "Somatom 64";
- a ratio's figures are not stocks: "38 врачей на 10 тысяч населения", "одна койка на 5 пациентов",
  "one doctor serves 3,000 residents", "каждая больница получит по 2 аппарата".
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.attrs import LOWER
from spacy.tokens import Span, Token

from ..nlp.lemmas import ru_parse

RATE_BASES = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000}  # "на 10 тысяч населения" is a norm's base


class NonCounts:
    def _not_a_count(self, quantity: Span, sent: Span) -> bool:
        """A figure that cannot be a number of things, whatever noun follows: "1,5" without a multiplier (a
        coefficient), "ни одной больницы" / "not one hospital" (none), "одна из больниц" / "one of the
        hospitals" (a reference), "$2 million" (money), an age, "1 in 5" (a proportion)."""
        value = quantity._.value
        if value is not None and value != int(value):
            return True
        doc, words = self.doc, self.words
        before = doc[quantity.start - 1] if quantity.start > sent.start else None
        if before is not None and (before.lower_ in words.negations_before or before.text in words.currency_before
                                   or before.lower_ in words.currency_before):
            return True
        lead = doc[max(sent.start, quantity.start - 3) : quantity.start]
        if any(token.lower_ in words.age_before for token in lead):
            return True  # "aged 25 to 35", "в возрасте от 25 до 35 лет", "старше 65"
        if before is not None and before.lower_ in words.proportion_joiners and before.i - 1 in self.quantity_at:
            return self.quantity_at[before.i - 1]._.value == 1  # "1 in 5 doctors": a proportion
        after = doc[quantity.end] if quantity.end < sent.end else None
        if after is not None and after.lower_ in words.proportion_joiners and quantity.end + 1 in self.quantity_at:
            return value == 1
        return value == 1 and after is not None and after.lower_ in words.partitive_after

    def _value_of_the_subject(self, quantity: Span, sent: Span, link_width: int = 0) -> bool:
        """ "Стоимость проекта больницы – 5 млрд", "Коэффициент совместительства врачей – 1,5", "The hospital's
        budget is 5 billion": the subject of the link is a value of the item, not its number.  The link's own
        words are not its subject ("нехватка медперсонала сохраняется на уровне 4505 человек")."""
        start, _ = self._clause_bounds(quantity, sent)
        ru = self.doc.lang_ == "ru"
        return any(token.lower_ in self.words.value_nouns or ru and token.lemma_ in self.words.value_nouns
                   for token in self.doc[start : quantity.start - link_width])

    # -- the head of the phrase -------------------------------------------
    def _head_before_of(self, token: Token, words_between: int) -> bool:
        """ "12 directors of hospitals", "120 teams of doctors": in English the noun before "of" is the head the
        figure counts (measure words, "units of", are item spans and never reach here; "4 out of 30" is not this)."""
        if self.doc.lang_ != "en" or token.lower_ != "of" or not words_between:
            return False
        head = self.doc[token.i - 1]
        return head.is_alpha and head.lower_ not in self.words.head_nouns_passed and head.lower_ != "out"

    def _governed_item(self, start: int, stop: int) -> Span | None:
        """The item a count noun governs ("число коек"), unless another noun comes first: "количество обращений в
        поликлиники" counts visits, "the number of requests for doctors" requests."""
        for j in range(start, stop):
            if j in self.item_at:
                return self.item_at[j]
            token = self.doc[j]
            if self._heads_another_noun(token) or token.lower_ in self.words.prepositions:
                return None
        return None

    def _heads_another_noun(self, token: Token) -> bool:
        """ "Уволены 12 директоров больниц": in Russian the figure governs the first noun after it; when that noun
        is not an item, the item after it is only its genitive modifier."""
        if self.doc.lang_ != "ru" or not token.is_alpha or not token.is_lower and not token.is_title:
            return False
        lower = token.lower_
        if lower in self.words.measure_words or lower in self.words.people_words or lower in self.words.head_nouns_passed:
            return False
        if token.lemma_ in self.words.head_nouns_passed:
            return False
        if not any("а" <= ch <= "я" or ch == "ё" for ch in lower):
            return False
        return ru_parse(lower).tag.POS == "NOUN"

    def _modifies_next_noun(self, quantity: Span, span: Span) -> bool:
        """ "300 ventilator patients", "25 ventilator contracts": in English a singular item noun before another
        noun is its modifier, and the figure counts the last noun (a blocker, or an unknown plural noun)."""
        doc = self.doc
        if doc.lang_ != "en" or quantity._.value == 1 or span.end >= quantity.sent.end:
            return False
        last, nxt = span[-1], doc[span.end]
        if nxt.text == "-" and not last.whitespace_ and not nxt.whitespace_ and span.end + 1 not in self.item_at:
            return True  # "45 ventilator-dependent patients": the item is inside a compound modifier
        if not last.is_alpha or last.lower_ != last.lemma_ or last.lower_ in self.words.invariant_plurals:
            return False  # "ventilators", "staff", "personnel": a plural (or plural-less) head counts itself
        other = self.item_at.get(nxt.i)
        if other is not None:
            return other.start == nxt.i and self._is_blocker(other) and not self._is_generic(other)
        if not (nxt.is_alpha and nxt.is_lower) or nxt.lower_ in self.words.words_after_bare_figure:
            return False
        return nxt.lower_.endswith("s") and nxt.lemma_ != nxt.lower_ and nxt.lower_ not in self.words.head_nouns_passed

    # -- labels --------------------------------------------------------------
    def _is_label(self, quantity: Span) -> bool:
        """ "Статья 83", "в здании 3", "Ward 5", "Order No. 123", "Siemens Somatom 64", "Dräger Savina 300": a number
        right after a label noun or a model name in Latin letters names something; it counts nothing."""
        sent = quantity.sent
        if quantity.start == sent.start:
            return False
        before = self.doc[quantity.start - 1]
        if before.text == "." and quantity.start - 2 >= sent.start:
            before = self.doc[quantity.start - 2]  # "No. 5"
            return f"{before.lower_}." in self.words.number_signs or before.lower_ in self.words.label_nouns
        if before.lower_ in self.words.label_nouns or self.doc.lang_ == "ru" and before.lemma_ in self.words.label_nouns:
            return True  # (an English lemma would take "ordered 50" and "housing 2,000" for labels)
        if self.doc[max(sent.start, before.i - 1) : quantity.start].text.lower() in self.words.label_nouns:
            return True  # "the number 1 hospital" (but "ambulances number 120" is a link)
        if self._titled_item(before):
            return True  # "Polyclinic 3 and Polyclinic 5 received …", "City Hospital 2"
        return self._after_model_name(before, quantity)

    def _titled_item(self, before: Token) -> bool:
        """An English item noun in the singular with a capital, right before a number, is a name ("Polyclinic 3")."""
        span = self.item_at.get(before.i)
        if self.doc.lang_ != "en" or span is None or span.end != before.i + 1 or self._is_blocker(span):
            return False
        return before.is_title and before.lower_ == before.lemma_ and before.lower_ not in self.words.invariant_plurals

    def _after_model_name(self, before: Token, quantity: Span) -> bool:
        """A model number follows a brand or model name in Latin letters ("Somatom 64", "Savina 300"); a place or a
        person's name is not one ("in North Kazakhstan 300 beds")."""
        if not (before.is_alpha and before.text[:1].isupper() and before.text.isascii()):
            return False
        if before.i in self.region_tokens or before.i == quantity.sent.start:
            return False
        if self.doc.lang_ == "ru":
            return True  # a Latin word in Russian text is a brand or a model
        previous = self.doc[before.i - 1]
        return previous.i > quantity.sent.start and previous.is_alpha and previous.text[:1].isupper() and (
            previous.i not in self.region_tokens and previous.lower_ not in self.words.prepositions)

    # -- ratios ------------------------------------------------------------
    def _in_ratio(self, quantity: Span, sent: Span) -> bool:
        """A figure in a clause that states a ratio counts no stock: "На 10 тысяч населения приходится 38 врачей",
        "на каждые 5 пациентов приходится одна койка", "Средняя нагрузка на врача – 2 200 человек",
        "The ratio is 2.5 nurses per doctor", "One doctor serves 3,000 residents", "Стоимость одного аппарата".
        """
        start, end = self._clause_bounds(quantity, sent)
        if any(self._denominator_at(i, start, end) for i in self._between("rates", start, end)
               if not (quantity.start - 1 <= i < quantity.end)):
            return True
        return quantity._.value == 1 and self._unit_of_a_rate(quantity, start, end)

    def _positions(self) -> dict[str, list[int]]:
        """Where the document's clause breaks and ratio and "each" words stand, found once per document."""
        found = self.__dict__.get("_non_count_positions")
        if found is None:
            words, strings = self.words, self.doc.vocab.strings
            kinds = {"breaks": (",", ";"), "rates": ("per", *words.rate_prepositions), "each": words.each_words}
            kind_of = {strings.add(word): kind for kind, kind_words in kinds.items() for word in kind_words}
            found = {kind: [] for kind in kinds}
            for i, lower in enumerate(self.doc.to_array(LOWER).tolist()):
                if lower in kind_of:
                    found[kind_of[lower]].append(i)
            self.__dict__["_non_count_positions"] = found
        return found

    def _clause_bounds(self, quantity: Span, sent: Span) -> tuple[int, int]:
        """The figure's clause: its sentence cut at the commas and semicolons around it."""
        breaks = self._positions()["breaks"]
        k = bisect_left(breaks, quantity.start)
        start = max(sent.start, breaks[k - 1] + 1) if k else sent.start
        k = bisect_left(breaks, quantity.end)
        end = min(sent.end, breaks[k]) if k < len(breaks) else sent.end
        return start, end

    def _between(self, kind: str, start: int, end: int) -> list[int]:
        positions = self._positions()[kind]
        return positions[bisect_left(positions, start) : bisect_left(positions, end)]

    def _denominator_at(self, i: int, start: int, end: int) -> bool:
        """ "per doctor", "на одного врача", "на каждые 5 пациентов", "на 10 тыс. населения": a per-unit base."""
        doc, words = self.doc, self.words
        token = doc[i]
        if token.lower_ == "per":
            # "per doctor", not "20 per cent" nor "as per the programme"
            return i + 1 < len(doc) and doc[i + 1].lower_ != "cent" and (i == 0 or doc[i - 1].lower_ != "as")
        if token.lower_ not in words.rate_prepositions:
            return False
        j = i + 1
        if j < end and doc[j].lower_ in words.each_words:
            return True  # "на каждые 5 пациентов", "for every 10,000 residents"
        base = self.quantity_at.get(j)
        if base is not None and base.end < end:
            noun = doc[base.end]
            span = self.item_at.get(base.end)
            if base._.value == 1:
                return span is not None  # "на одного врача", "на одну койку"
            return base._.value in RATE_BASES and noun.lower_ in words.rate_denominators
        span = self.item_at.get(j)
        if span is not None and span.start == j and doc.lang_ == "ru" and not self._is_blocker(span):
            # "нагрузка на врача": a staff noun in the singular after "на" is a per-head base
            item = self._entry(span).get("item")
            return self.categories.get(item) == "staff" and ru_parse(span[0].lower_).tag.number == "sing"
        return False

    def _unit_of_a_rate(self, quantity: Span, start: int, end: int) -> bool:
        """ "Один врач обслуживает 3 тысячи жителей", "One ventilator costs 15 million tenge", "Стоимость одного
        аппарата": one unit with a price, a load or a duration is a ratio, not one item."""
        doc, words = self.doc, self.words
        lead = doc[max(start, quantity.start - 2) : quantity.start].text.lower()
        if any(lead.endswith(word) for word in words.unit_price_before):
            return True
        verbs = [t for t in doc[quantity.end : end] if t.lower_ in words.ratio_verbs or t.lemma_ in words.ratio_verbs]
        return bool(verbs) and any(q.start > verbs[0].i for q in self.quantity_spans(quantity.end, end))

    def quantity_spans(self, start: int, end: int) -> list[Span]:
        return list({(s.start, s.end): s for i, s in self.quantity_at.items() if start <= i < end}.values())

    def _names_a_place(self, start: int, end: int) -> bool:
        if any(start <= i < end for i in self.region_tokens):
            return True
        return any(self._is_generic(span) for i, span in self.item_at.items() if start <= i < end and span.start == i)

    def _distributive(self, quantity: Span, sent: Span) -> bool:
        """ "Каждая больница получит по 2 аппарата", "Each hospital will receive 2 ventilators": so many each, a
        rate per recipient ("распределены по 20 больницам" spreads them over 20 hospitals: a count)."""
        doc, words = self.doc, self.words
        start, _ = self._clause_bounds(quantity, sent)
        if quantity.start > sent.start and doc[quantity.start - 1].lower_ in words.distributive_before:
            following = doc[quantity.end] if quantity.end < sent.end else None
            if following is None or not following.is_alpha or following.lower_ in words.prepositions:
                return False  # "по пять в Уланском районе": a count per district, the region's own figure
            if ru_parse(following.lower_).tag.case == "datv" and quantity._.value != 1:
                return False
            _, end = self._clause_bounds(quantity, sent)
            return not self._names_a_place(quantity.end, end)
        for i in self._between("each", start, quantity.start - 1):
            span = self.item_at.get(i + 1)
            if span is not None and not self._is_blocker(span) and i + 1 not in self.time_starts:
                return True  # "каждая больница", "each hospital" (not "every year")
        return False
