"""Which item does a number count?  ("57 portable artificial ventilation devices")

A number counts the item that follows it within a few words ("640
инфекционных коек"), the item of the number it is coordinated with ("до 2415
и 3400 коек"), the item named before it in "the number of beds ... to 5,000",
or — for "such devices", "единиц", "еще 83", "трое" — the item in focus: the
last one the text mentioned.  A blocker ("patients", "%", "тенге", "pulse
oximeters") between the number and an item stops the search.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..rulebook import RuleEntry, item_categories
from .attachment import Attachment
from .bare_figures import BareFigures
from .dash_lists import DashLists
from .focus import Focus
from .non_counts import NonCounts
from .noun_phrase import NounPhraseParts
from .phrase_bounds import PhraseBounds
from .phrase_structure import phrase_structure

FORWARD_WORDS = 4  # words allowed between a number and its item ("13 stationary and portable X-ray machines")
BACKWARD_TOKENS = 9
COUNT_NOUN_REACH = 25  # "the number of necessary health workers at the disposal of the country … stands at 28 thousand"


class ItemAttacher(NounPhraseParts, PhraseBounds, NonCounts, DashLists, BareFigures):
    """Attach quantities of one document to items; holds the document's focus."""

    def __init__(self, doc: Doc, entries: dict[str, RuleEntry]):
        self.doc = doc
        self.entries = entries
        self.words = phrase_structure(doc.lang_)
        self.categories = item_categories()
        self.items = list(doc.spans.get("items", []))
        self.item_at = {i: span for span in self.items for i in range(span.start, span.end)}
        self.quantity_at = {}
        for span in doc.spans.get("quantity", []):
            for i in range(span.start, span.end):
                self.quantity_at[i] = span
        self.time_starts = {span.start for span in doc.spans.get("date", [])}  # "23 this year": when, not what
        self.region_tokens = {i for span in doc.spans.get("regions", []) for i in range(span.start, span.end)}
        self._cache: dict[tuple[int, int], Attachment | None] = {}
        self.focus = Focus(doc, self.items, entries, self.words)

    # -- helpers ------------------------------------------------------------
    def _entry(self, span: Span) -> RuleEntry:
        return self.entries[span.id_]

    def _is_blocker(self, span: Span) -> bool:
        entry = self._entry(span)
        return not entry.get("item") and not entry.get("refers_to")

    def _resolve(self, span: Span, how: str, quantity: Span | None = None) -> Attachment | None:
        """Turn an item span into an attachment, following anaphora to the focus (unless it names another kind)."""
        entry = self._entry(span)
        item, refers_to = entry.get("item"), entry.get("refers_to")
        if refers_to and (quantity is None or self.focus.may_inherit(span, quantity)):
            focus = self.focus.before(span.start, refers_to)
            if focus is not None:
                return Attachment(focus[0], span, f"{entry.id}>{focus[1]}", "anaphor")
            # "В учреждении работают 324 сотрудника" after "поликлиника": a facility's own employees are its medical workers.
            for kind, default in entry.get("of_focus", {}).items():
                owner = self.focus.before(span.start, [kind])
                if owner is not None:
                    return Attachment(default, span, f"{entry.id}>of_focus:{owner[1]}", "anaphor")
        if item:
            return Attachment(item, span, entry.id, how)
        return None

    # -- the rules, in order ----------------------------------------------
    def attach(self, quantity: Span) -> Attachment | None:
        key = (quantity.start, quantity.end)
        if key not in self._cache:
            self._cache[key] = None  # guards coordination loops
            attachment = self._attach(quantity)
            if attachment is not None and attachment.how not in {"forward", "compound", "count_noun"}:
                attachment = self._refined(attachment, quantity)
            self._cache[key] = attachment
            if attachment is not None:
                self.focus.record(quantity, attachment.item, attachment.item_rule, attachment.item_span)
        return self._cache[key]

    def _attach(self, quantity: Span) -> Attachment | None:
        doc, sent = self.doc, quantity.sent
        before = doc[quantity.start - 1] if quantity.start > sent.start else None
        words = self.words
        if before is not None and (before.text in words.number_signs or before.lower_ in words.number_signs or (
                before.lower_ in words.rate_before and quantity._.value == 1)):
            return None  # "больницы №1", "138 человек на одного врача"
        if (self._not_a_count(quantity, sent) or self._is_label(quantity) or self._in_ratio(quantity, sent)
                or self._distributive(quantity, sent)):
            return None  # "Статья 83", "38 врачей на 10 тысяч населения", "получит по 2 аппарата" (non_counts.py)
        lead = doc[max(sent.start, quantity.start - 3) : quantity.start].text.lower()
        if any(lead.endswith(words) for words in words.averages):
            return None  # "получили в среднем по пять концентраторов": a rate per unit
        if before is not None and before.lower_ in words.range_from:
            # "с 25 тысяч до 21 тыс. человек", "from 300 to 500 beds": the range shares its noun.
            for token in doc[quantity.end : min(sent.end, quantity.end + 3)]:
                if token.lower_ in words.range_to and token.i + 1 in self.quantity_at:
                    upper = self.attach(self.quantity_at[token.i + 1])
                    return Attachment(upper.item, upper.item_span, upper.item_rule, "range") if upper else None
        if before is not None and before.text == "(" and before.i - 1 >= sent.start:
            named = self.item_at.get(before.i - 1)
            if named is not None:  # "residents (2 thousand)", "teachers (over 1 thousand)"
                return None if self._is_blocker(named) else self._resolve(named, "bracketed")
        compound = self._hyphen_compound(quantity)
        if compound is not None:
            return compound if isinstance(compound, Attachment) else None
        found = self._forward(quantity, sent)
        if found == "blocked":
            return None
        if found is not None:
            return found
        predicate = self._dash_predicate(quantity, sent)  # "из них 83 тыс. – врачи"
        if predicate is not None:
            return predicate
        after = doc[quantity.end] if quantity.end < sent.end else None
        if after is not None and after.text == "%":
            return None
        if after is not None and after.lower_ in words.coordinators:
            nxt = self.quantity_at.get(after.i + 1)
            if nxt is not None and nxt.sent == sent:
                other = self.attach(nxt)
                if other is None:
                    self._cache.pop((nxt.start, nxt.end), None)  # decided later, maybe from this figure
                else:
                    return Attachment(other.item, other.item_span, other.item_rule, "coordinated")
        before = doc[quantity.start - 1] if quantity.start > sent.start else None
        if before is not None and before.lower_ in words.and_or and before.i - 1 >= sent.start:
            previous = self.quantity_at.get(before.i - 1)
            if previous is not None and (previous.start, previous.end) in self._cache and self._cache[(previous.start, previous.end)]:
                other = self._cache[(previous.start, previous.end)]
                return Attachment(other.item, other.item_span, other.item_rule, "coordinated")  # "до 2415 и 3400"
        for marker in self.words.partitive_between:  # "4 out of 30 anesthetists", "25 of the 40 posts", "25 из 40 ФАПов"
            width = marker.count(" ") + 1
            if doc[quantity.end : quantity.end + width].text.lower() != marker or quantity.end + width not in self.quantity_at:
                continue
            whole_span = self.quantity_at[quantity.end + width]
            whole = self.attach(whole_span)
            if whole is not None:
                return Attachment(whole.item, whole.item_span, whole.item_rule, "coordinated")
            self._cache.pop((whole_span.start, whole_span.end), None)
            break
        compared = self._comparison_base(quantity, sent)
        if compared is not None:
            return compared
        if before is not None and before.text == ":":
            member = self._list_member(quantity, sent)  # "рассчитан на 156 коек: 120 кардиологических, 25 …"
            if member is not None:
                return member  # a breakdown of the figure before the colon, not the clause's subject
        backward = self._backward(quantity, sent) or self._fronted_object(quantity, sent)
        if backward is not None:
            return backward
        elliptical = self._elliptical(quantity, sent)
        if elliptical is not None:
            return elliptical
        return self._list_member(quantity, sent)

    def _hyphen_compound(self, quantity: Span):
        """ "a 300-bed hospital" → 300 beds; "three-layer masks" counts no masks."""
        doc = self.doc
        if quantity.end + 1 >= len(doc) or doc[quantity.end].text != "-" or quantity[-1].whitespace_ or doc[quantity.end].whitespace_:
            return None
        span = self.item_at.get(quantity.end + 1)
        if span is not None and span.start == quantity.end + 1 and not self._is_blocker(span):
            return self._resolve(span, "compound") or "blocked"
        return "blocked"

    def _forward(self, quantity: Span, sent: Span):
        if quantity.end in self.time_starts:
            return None  # "including 23 this year": the noun is left out, the year is no count
        words = 0
        i = quantity.end
        if i < sent.end and self.doc[i].text == "." and quantity[-1].is_alpha and not quantity[-1].whitespace_:
            i += 1  # "1,2 млрд. тенге": the abbreviated multiplier's dot
        while i < sent.end:
            token = self.doc[i]
            if i in self.time_starts and i > quantity.end:
                return None  # "12 opened this year": a time phrase ends the phrase; its "year" blocks nothing
            span = self.item_at.get(i)
            if span is not None and span.start == i:
                if self._is_blocker(span):
                    if span.text.lower() in self.words.people_words:
                        return self._people_counted(quantity, sent) or "blocked"
                    return "blocked"
                if self._modifies_next_noun(quantity, span):
                    return "blocked"  # "300 ventilator patients"
                if span.text.lower() in self.words.measure_words or span[-1].lower_ in self.words.measure_words:
                    governed = self._governed_by_measure(span, sent)
                    if governed is not None:
                        return governed
                    subject = self._dash_subject(quantity, sent)  # "маски – 90 000 штук"
                    if subject is not None:
                        return subject
                if span.root.lower_ in self.words.seat_words or span.text.lower() in self.words.seat_words:
                    seats = self._seats(quantity, span, sent)
                    if seats is not None:
                        return seats
                span = self._apposition(span, sent)
                attachment = self._resolve(span, "forward", quantity) or self._kinds_in_dashes(span, sent)
                if attachment is None:
                    return "blocked"
                if self._followed_by_rate(span):
                    return "blocked"
                return self._coordinated_modifiers(attachment, self.doc[quantity.end : span.start])
            compound_end = self._compound_modifier_end(i, sent)
            if compound_end is not None:
                # "3 64-slice CT scanners", "два 128-срезовых томографа", "two 200-bed hospitals": a number glued to
                # a word describes the noun; the figure before it counts.
                words += 1
                i = compound_end
                continue
            if i in self.quantity_at and words and self.doc[i - 1].lower_ in self.words.and_or:
                # "600 инфекционных и 340 карантинных коек": the first noun is left out
                return self._elided_head(quantity, self.doc[quantity.end : i - 1], self.quantity_at[i])
            if i in self.quantity_at or token.like_num and not token.is_alpha or token.lower_ in self.words.prepositions:
                return None  # "3 in Akmola region": the counted noun never follows a preposition
            if token.text == "%" or token.lower_ in {"percent", "процент", "процента", "процентов"}:
                return "blocked"
            if self.doc.lang_ == "en" and token.lower_ in ("a", "an", "the"):
                return None  # "against 30 a year ago": an article opens another phrase
            if self._is_ru_predicate(token):
                return None  # "Из 15 машин пять получил Аксуский район": the noun after the verb is its subject
            if token.is_punct and token.text not in {"-", "(", ")"}:
                return None
            if self._head_before_of(token, words):
                return None  # "12 directors of hospitals" counts directors
            if token.is_alpha:
                if self._heads_another_noun(token):
                    return None  # "12 директоров больниц" counts directors
                words += 1
                if words > FORWARD_WORDS:
                    return None
            i += 1
        return None

    def _link_width(self, quantity: Span, sent: Span) -> int:
        """Tokens from the start of the link before the figure to the figure ("сохраняется на уровне 4505": 2,
        "составляет уже 1 200": 2), 0 when the figure is not the predicate of a link."""
        end = quantity.start
        while end - 1 > sent.start and quantity.start - end < 2 and self.doc[end - 1].lower_ in self.words.link_adverbs:
            end -= 1  # "is now 87", "составляет уже 1 200": an adverb between the link and its figure
        for width in (3, 2, 1):
            if end - width >= sent.start:
                if self.doc[end - width : end].text.lower() in self.words.links_before_figure:
                    return quantity.start - end + width
        return 0

    def _link_before(self, quantity: Span, sent: Span) -> bool:
        """Is the figure the predicate of a link ("… составляет 1435", "… stands at 264", "коек – 150", "is now 87")?"""
        return self._link_width(quantity, sent) > 0

    def _backward(self, quantity: Span, sent: Span) -> Attachment | None:
        """ "increase the number of beds in hospitals to 5,000", "коек – 150", "их количество составляет 1435".

        The subject of the link is the counted phrase.  After a count noun ("число коек по стране") the
        noun it governs is the head and what follows it only modifies it; without one, the nearest item
        before the link counts, and a blocker in between ends the search.
        """
        if not self._link_before(quantity, sent) or self._value_of_the_subject(quantity, sent, self._link_width(quantity, sent)):
            return None
        counted = self._count_noun_head(quantity, sent)
        if counted is not None:
            return counted
        candidates, blocker = [], None
        i, lowest = quantity.start - 1, max(sent.start, quantity.start - BACKWARD_TOKENS)
        while i > lowest:
            i -= 1
            token = self.doc[i]
            if token.text == ",":
                opening = self._descriptive_phrase_start(i, sent)
                if opening is not None:
                    # "Коек, развернутых в области, – 500", "Beds, which were deployed in May, number 500"
                    lowest = max(sent.start, lowest - (i - opening))
                    i = opening
                    continue
            if token.text in {",", ";", "."}:
                break
            if i in self.quantity_at:
                span = self.quantity_at[i]
                if self._is_change_start(span):
                    continue  # "увеличилось с 300 до 500", "grew by 25 to 145": look past the start or the change
                break
            span = self.item_at.get(i)
            if span is not None and span.start == i:
                if self._is_generic(span):
                    continue  # "ambulances in the region number 120": a place only modifies the subject
                if self._is_blocker(span):
                    blocker = span
                    break
                candidates.append(span)
        if not candidates:
            return None
        # The subject of the link is not a place after a preposition ("Коек в больнице – 300", "beds in hospitals
        # number 300") nor a genitive that follows its head ("Врачей больницы – 300").
        heads = [span for span in candidates if not self._modifies_another(span, sent)]
        if not heads and blocker is not None:
            return None  # "Количество обращений в поликлиники выросло на 15 тысяч": the visits are the subject
        return self._resolve((heads or candidates)[0], "backward")

    def _count_noun_head(self, quantity: Span, sent: Span) -> Attachment | None:
        """The noun a count noun governs ("the number of ventilators … stands at"), or the focus after "their number"."""
        lo = max(sent.start, quantity.start - COUNT_NOUN_REACH)
        for i in range(quantity.start - 1, lo - 1, -1):
            token = self.doc[i]
            if token.text in {";", "."} or (i in self.quantity_at and not self._is_change_start(self.quantity_at[i])):
                return None
            for noun in self.words.count_nouns:
                width = noun.count(" ") + 1
                if self.doc[i : i + width].text.lower() != noun:
                    continue
                head = self._governed_item(i + width, min(i + width + 3, quantity.start))
                if head is not None:
                    return None if self._is_blocker(head) else self._resolve(head, "count_noun")
                if i > sent.start and self.doc[i - 1].lower_ in self.words.possessives or self._bare_total(noun, i + width, quantity):
                    # "their number", "bringing the total to 45", "общее количество достигло 45": the item in focus
                    focus = self.focus.before(i)
                    return Attachment(focus[0], None, focus[1], "count_noun_focus") if focus else None
                return None
        return None
