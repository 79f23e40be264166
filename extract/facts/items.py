"""Which item does a number count?  ("57 portable artificial ventilation devices")

A number counts the item that follows it within a few words ("640
инфекционных коек"), the item of the number it is coordinated with ("до 2415
и 3400 коек"), the item named before it in "the number of beds ... to 5,000",
or — for "such devices", "единиц", "еще 83", "трое" — the item in focus: the
last one the text mentioned.  A blocker ("patients", "%", "тенге", "pulse
oximeters") between the number and an item stops the search.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..rulebook import RuleEntry, item_categories
from ..nlp.sentences import paragraph_of

FORWARD_WORDS = 4  # words allowed between a number and its item ("13 stationary and portable X-ray machines")
BACKWARD_TOKENS = 9
COORDINATORS = {"and", "or", "и", "или", "to", "до", "-", "–", ","}
FROM_WORDS = {"с", "from"}
TO_WORDS = {"до", "to"}
BACKWARD_LINKS = {"to", "до", ":", "–", "—", "-", "is", "was", "reached", "составляет", "составило", "составил", "составит", "достигло", "достигнет"}
ELLIPSIS_BEFORE = {"еще", "ещё", "of which", "из них", "из которых", "out of"}
ELLIPSIS_AFTER = {"more", "out"}  # "with 4,183 more", "1 out of 29"
COLLECTIVE = {"двое", "трое", "четверо", "пятеро", "шестеро", "семеро", "восьмеро", "девятеро", "десятеро", "оба"}
COUNT_NOUNS = ("number of", "количество", "количества", "число", "числа", "численность", "total of")
NUMBER_SIGNS = {"№", "#", "no.", "No."}
RATE_BEFORE = {"на", "per", "each"}
RATE_AFTER = {"a day", "per day", "a week", "per week", "per shift", "в сутки", "в день", "в смену", "в неделю", "за сутки"}


@dataclass
class Attachment:
    item: str
    item_span: Span | None
    item_rule: str
    how: str  # forward | coordinated | backward | focus | anaphor


class ItemAttacher:
    """Attach quantities of one document to items; holds the document's focus."""

    def __init__(self, doc: Doc, entries: dict[str, RuleEntry]):
        self.doc = doc
        self.entries = entries
        self.categories = item_categories()
        self.items = list(doc.spans.get("items", []))
        self.item_at = {i: span for span in self.items for i in range(span.start, span.end)}
        self.quantity_at = {}
        for span in doc.spans.get("quantity", []):
            for i in range(span.start, span.end):
                self.quantity_at[i] = span
        self._cache: dict[tuple[int, int], Attachment | None] = {}
        self.resolved: dict[int, tuple[str, str]] = {}  # item span start → (item, rule) it was resolved to
        self.counted: list[tuple[int, str, str, int]] = []  # (token, item, rule, paragraph) of attached quantities

    # -- helpers ------------------------------------------------------------
    def _entry(self, span: Span) -> RuleEntry:
        return self.entries[span.id_]

    def _is_blocker(self, span: Span) -> bool:
        entry = self._entry(span)
        return not entry.get("item") and not entry.get("refers_to")

    def _matches(self, item: str, refers_to: list[str]) -> bool:
        return item in refers_to or self.categories.get(item) in refers_to

    def focus_before(self, position: int, refers_to: list[str] | None = None) -> tuple[str, str] | None:
        """(item, rule) in focus before token ``position``.

        Items already counted in this paragraph come first and, if there are any,
        decide alone ("18 специалистов" after "6820 медработников" stays specialist);
        then items merely mentioned in the paragraph ("Shortage of ventilators ...
        Additional 20 devices"); then the same two for the previous paragraph.
        Without a class to look for, a blocker ("пульсоксиметров") ends the search.
        """
        token = self.doc[min(position, len(self.doc) - 1)]
        here = paragraph_of(self.doc, token.idx)
        # An item named earlier in the same sentence is the closest focus of all
        # ("neonatologists were not involved at all and in Kostanay – only 2 out of 9").
        for span in reversed(self.items):
            if span.end > position or span.start < token.sent.start:
                continue
            if self._is_blocker(span):
                if refers_to is None:
                    return None
                continue
            item, rule = self.resolved.get(span.start, (self._entry(span).get("item"), span.id_))
            if item and (refers_to is None or self._matches(item, refers_to)):
                return item, rule
        for paragraph in (here, here - 1):
            counted = [c for c in self.counted if c[0] < position and c[3] == paragraph]
            if counted:
                _, item, rule, _ = counted[-1]
                return (item, rule) if refers_to is None or self._matches(item, refers_to) else None
            for span in reversed(self.items):
                if span.end > position or paragraph_of(self.doc, span.start_char) != paragraph:
                    continue
                if self._is_blocker(span):
                    if refers_to is None:
                        return None
                    continue
                item = self._entry(span).get("item")
                if item and (refers_to is None or self._matches(item, refers_to)):
                    return item, span.id_
        return None

    def _resolve(self, span: Span, how: str) -> Attachment | None:
        """Turn an item span into an attachment, following anaphora to the focus."""
        entry = self._entry(span)
        item, refers_to = entry.get("item"), entry.get("refers_to")
        if refers_to:
            focus = self.focus_before(span.start, refers_to)
            if focus is not None:
                return Attachment(focus[0], span, f"{entry.id}>{focus[1]}", "anaphor")
        if item:
            return Attachment(item, span, entry.id, how)
        return None

    def _followed_by_rate(self, span: Span) -> bool:
        after = self.doc[span.end : span.end + 2].text.lower()
        return any(after.startswith(rate) for rate in RATE_AFTER)

    # -- the rules, in order ----------------------------------------------
    def attach(self, quantity: Span) -> Attachment | None:
        key = (quantity.start, quantity.end)
        if key not in self._cache:
            self._cache[key] = None  # guards coordination loops
            attachment = self._attach(quantity)
            self._cache[key] = attachment
            if attachment is not None:
                if attachment.item_span is not None:
                    self.resolved[attachment.item_span.start] = (attachment.item, attachment.item_rule)
                self.counted.append((quantity.start, attachment.item, attachment.item_rule, paragraph_of(self.doc, quantity.start_char)))
        return self._cache[key]

    def _attach(self, quantity: Span) -> Attachment | None:
        doc, sent = self.doc, quantity.sent
        before = doc[quantity.start - 1] if quantity.start > sent.start else None
        if before is not None and (before.text in NUMBER_SIGNS or (
                before.lower_ in RATE_BEFORE and quantity._.value == 1)):
            return None  # "больницы №1", "138 человек на одного врача"
        if before is not None and before.lower_ in FROM_WORDS:
            # "с 25 тысяч до 21 тыс. человек", "from 300 to 500 beds": the range shares its noun.
            for token in doc[quantity.end : min(sent.end, quantity.end + 3)]:
                if token.lower_ in TO_WORDS and token.i + 1 in self.quantity_at:
                    upper = self.attach(self.quantity_at[token.i + 1])
                    return Attachment(upper.item, upper.item_span, upper.item_rule, "range") if upper else None
        compound = self._hyphen_compound(quantity)
        if compound is not None:
            return compound if isinstance(compound, Attachment) else None
        found = self._forward(quantity, sent)
        if found == "blocked":
            return None
        if found is not None:
            return found
        after = doc[quantity.end] if quantity.end < sent.end else None
        if after is not None and after.text == "%":
            return None
        if after is not None and after.lower_ in COORDINATORS:
            nxt = self.quantity_at.get(after.i + 1)
            if nxt is not None and nxt.sent == sent:
                other = self.attach(nxt)
                if other is None:
                    self._cache.pop((nxt.start, nxt.end), None)  # decided later, maybe from this figure
                else:
                    return Attachment(other.item, other.item_span, other.item_rule, "coordinated")
        before = doc[quantity.start - 1] if quantity.start > sent.start else None
        if before is not None and before.lower_ in COORDINATORS - {"-", "–", "to", "до"} and before.i - 1 >= sent.start:
            previous = self.quantity_at.get(before.i - 1)
            if previous is not None and (previous.start, previous.end) in self._cache and self._cache[(previous.start, previous.end)]:
                other = self._cache[(previous.start, previous.end)]
                return Attachment(other.item, other.item_span, other.item_rule, "coordinated")  # "до 2415 и 3400"
        if doc[quantity.end : quantity.end + 2].text.lower() == "out of" and quantity.end + 2 in self.quantity_at:
            whole = self.attach(self.quantity_at[quantity.end + 2])  # "4 out of 30 anesthetists"
            if whole is not None:
                return Attachment(whole.item, whole.item_span, whole.item_rule, "coordinated")
            self._cache.pop((quantity.end + 2, self.quantity_at[quantity.end + 2].end), None)
        backward = self._backward(quantity, sent)
        if backward is not None:
            return backward
        return self._elliptical(quantity, sent)

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
        words = 0
        i = quantity.end
        while i < sent.end:
            token = self.doc[i]
            span = self.item_at.get(i)
            if span is not None and span.start == i:
                if self._is_blocker(span):
                    return "blocked"
                attachment = self._resolve(span, "forward")
                if attachment is None:
                    return "blocked"
                if self._followed_by_rate(span):
                    return "blocked"
                return attachment
            if i in self.quantity_at or token.like_num:
                return None
            if token.text == "%" or token.lower_ in {"percent", "процент", "процента", "процентов"}:
                return "blocked"
            if token.is_punct and token.text not in {"-", "(", ")"}:
                return None
            if token.is_alpha:
                words += 1
                if words > FORWARD_WORDS:
                    return None
            i += 1
        return None

    def _backward(self, quantity: Span, sent: Span) -> Attachment | None:
        """ "increase the number of beds in hospitals to 5,000", "коек – 150"."""
        start = quantity.start
        before = self.doc[start - 1] if start > sent.start else None
        if before is None or before.lower_ not in BACKWARD_LINKS:
            return None
        candidates = []
        for i in range(start - 2, max(sent.start, start - BACKWARD_TOKENS) - 1, -1):
            token = self.doc[i]
            if token.text in {",", ";", "."}:
                break
            if i in self.quantity_at:
                span = self.quantity_at[i]
                if span.start > sent.start and self.doc[span.start - 1].lower_ in {"с", "from"}:
                    continue  # "увеличилось с 300 до 500": look past the starting figure
                break
            span = self.item_at.get(i)
            if span is not None and span.start == i:
                if self._is_blocker(span):
                    break
                candidates.append(span)
        # "the number of beds in hospitals to 5,000": the counted noun follows "number of".
        for span in candidates:
            lead = self.doc[max(sent.start, span.start - 3) : span.start].text.lower()
            if any(word in lead for word in COUNT_NOUNS):
                return self._resolve(span, "backward")
        return self._resolve(candidates[0], "backward") if candidates else None

    def _elliptical(self, quantity: Span, sent: Span) -> Attachment | None:
        """ "еще 83 должны прибыть", "with 4,183 more", "трое отправятся", "of which 70"."""
        doc = self.doc
        prev1 = doc[quantity.start - 1].lower_ if quantity.start > sent.start else ""
        prev2 = doc[quantity.start - 2 : quantity.start].text.lower() if quantity.start - 2 >= sent.start else ""
        nxt = doc[quantity.end].lower_ if quantity.end < sent.end else ""
        collective = quantity.text.lower() in COLLECTIVE or quantity[0].lemma_ in COLLECTIVE
        if not (prev1 in ELLIPSIS_BEFORE or prev2 in ELLIPSIS_BEFORE or nxt in ELLIPSIS_AFTER or collective):
            return None
        if nxt and doc[quantity.end].is_alpha and nxt not in ELLIPSIS_AFTER and not collective and self._looks_like_noun(doc[quantity.end]):
            # "еще 5 медпунктов" is forward's job; a following unknown noun means we do not know the item.
            return None
        focus = self.focus_before(quantity.start, ["staff"] if collective else None)
        if focus is None:
            return None
        return Attachment(focus[0], None, focus[1], "focus")

    def _looks_like_noun(self, token) -> bool:
        """Is the word after an elliptical number a noun it counts ("еще 5 лет") rather than a verb ("еще 83 должны")?"""
        if self.doc.lang_ == "ru":
            from ..nlp.lemmas import ru_parse

            return ru_parse(token.lower_).tag.POS in {"NOUN", "ADJF", "NUMR"}
        return token.lower_ not in EN_VERBS_AFTER_NUMBER


EN_VERBS_AFTER_NUMBER = {
    "were", "was", "are", "is", "will", "would", "have", "has", "had", "can", "could", "should", "must",
    "more", "already", "of", "in", "at", "to", "for", "from", "by", "units", "pieces",
}
