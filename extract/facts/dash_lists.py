"""Figures joined to their item by a dash: "маски – 90 000 штук", "из них 83 тыс. – врачи", "38 объектов —
амбулаторий и ФАПов — построены".

A mixin of ``ItemAttacher`` (items.py).  In a dash list each member names its own item, so a figure takes the
noun on the other side of its own dash, never a "штук" or "units" resolved to whatever was counted before it.
"""

from __future__ import annotations

from spacy.tokens import Span

from ..rulebook import load_json
from .attachment import Attachment

DASHES = {"-", "–", "—"}
MEMBER_BREAKS = {",", ";", ":", "."}
PREDICATE_WORDS = 3  # words between the dash and the item it names ("– средний медицинский персонал")


class DashLists:
    def _dash_subject(self, quantity: Span, sent: Span):
        """ "маски – 90 000 штук", "gloves – 250,000 pcs": the member's noun before the dash is what "штук" counts;
        a member whose noun is none of ours ("накидки – 6000 штук") is no fact, not the last item counted."""
        if quantity.start - 1 < sent.start or self.doc[quantity.start - 1].text not in DASHES:
            return None
        i = quantity.start - 2
        while i >= sent.start and self.doc[i].text not in MEMBER_BREAKS and i not in self.quantity_at:
            if i in self.region_tokens or self.doc[i].lower_ in self.words.prepositions:
                return None  # "в Алматы – 150 единиц": a place, the units are still the item in focus
            span = self.item_at.get(i)
            if span is not None and not self._modifies_another(span, sent):
                if self._is_blocker(span):
                    return "blocked"
                return self._resolve(span, "dash_subject") or "blocked"
            i -= 1
        return "blocked" if i < quantity.start - 2 else None

    def _dash_predicate(self, quantity: Span, sent: Span) -> Attachment | None:
        """ "из которых более 83 тыс. – врачи, а около 191 тыс. – средний медицинский персонал": a bare figure
        followed by a dash names its item after the dash (not "30 – 40 аппаратов", a range)."""
        i = quantity.end
        if i + 1 >= sent.end or self.doc[i].text not in DASHES or not self.doc[i].whitespace_:
            return None
        words = 0
        for j in range(i + 1, min(sent.end, i + 2 + PREDICATE_WORDS)):
            if j in self.quantity_at or self.doc[j].is_punct:
                return None
            span = self.item_at.get(j)
            if span is not None and span.start == j:
                return None if self._is_blocker(span) else self._resolve(span, "dash_predicate", quantity)
            if self.doc[j].lower_ in self.words.prepositions:
                return None  # "150 – в Алматы": a place, not the counted noun
            words += 1
        return None

    def _kinds_in_dashes(self, span: Span, sent: Span) -> Attachment | None:
        """ "38 новых объектов — амбулаторий и фельдшерских пунктов — построены": a generic word whose dash names
        several kinds counts the group they all belong to (primary care), else the category's generic item."""
        i = span.end
        if i + 1 >= sent.end or self.doc[i].text not in DASHES:
            return None
        end = next((t.i for t in self.doc[i + 1 : sent.end] if t.text in DASHES | {";", "."}), sent.end)
        kinds = {self._entry(other).get("item") for other in self.items if i < other.start < end}
        if not kinds or None in kinds:
            return None
        if len(kinds) == 1:
            kind = kinds.pop()
            return Attachment(kind, span, f"{span.id_}>kinds:{kind}", "dash_kinds")
        for group, members in load_json("catalog.json").get("kind_groups", {}).items():
            if kinds <= set(members):
                return Attachment(group, span, f"{span.id_}>kinds:{group}", "dash_kinds")
        categories = {self.categories.get(kind) for kind in kinds}
        generic = load_json("catalog.json").get("generic_items", {}).get(categories.pop()) if len(categories) == 1 else None
        return Attachment(generic, span, f"{span.id_}>kinds:{generic}", "dash_kinds") if generic else None
