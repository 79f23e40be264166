"""What the text is talking about: the items counted and named so far.

"such devices", "единиц", "еще 83", "of which 70" and bare list members take
their item from the focus: a figure counted earlier in the same sentence, an
item named there, else the paragraph's (or the previous paragraph's) last
counted figure or named item.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..nlp.sentences import paragraph_of
from ..rulebook import RuleEntry, item_categories, load_json
from .phrase_structure import PhraseStructure


@dataclass(frozen=True)
class Counted:
    """A figure already attached: where it is, what it counts, and whether it is part of an earlier whole."""

    token: int
    item: str
    rule: str
    paragraph: int
    sentence: int
    part: bool  # "12 объектов, включая 9 амбулаторий": the 9 is part of the 12


class Focus:
    """The document's counted figures and named items, in reading order."""

    def __init__(self, doc: Doc, items: list[Span], entries: dict[str, RuleEntry], words: PhraseStructure):
        self.doc = doc
        self.items = items
        self.entries = entries
        self.words = words
        self.categories = item_categories()
        self.generic_items: dict[str, str] = load_json("catalog.json").get("generic_items", {})
        shapes = load_json(f"{doc.lang_}/phrase_structure.json")  # cached; the keys only this module reads
        self.other_kinds = frozenset(shapes.get("other_kinds", ()))
        self.one_of_them = tuple(shapes.get("one_of_them", ()))
        self.demonstratives = frozenset(shapes.get("demonstratives", ()))
        self.resolved: dict[int, tuple[str, str]] = {}  # item span start → (item, rule) it was resolved to
        self.counted: list[Counted] = []

    def is_blocker(self, span: Span) -> bool:
        entry = self.entries[span.id_]
        return not entry.get("item") and not entry.get("refers_to")

    def matches(self, item: str, refers_to: list[str]) -> bool:
        return item in refers_to or self.categories.get(item) in refers_to

    def record(self, quantity: Span, item: str, rule: str, item_span: Span | None) -> None:
        """Remember an attached figure (and the item span it resolved) for the figures after it."""
        if item_span is not None:
            self.resolved[item_span.start] = (item, rule)
        self.counted.append(Counted(
            quantity.start, item, rule, paragraph_of(self.doc, quantity.start_char), quantity.sent.start,
            self._is_part(quantity)))

    def before(self, position: int, refers_to: list[str] | None = None) -> tuple[str, str] | None:
        """(item, rule) in focus before token ``position``.

        Items already counted in this paragraph come first and, if there are any,
        decide alone ("18 специалистов" after "6820 медработников" stays specialist);
        then items merely mentioned in the paragraph ("Shortage of ventilators ...
        Additional 20 devices"); then the same two for the previous paragraph.
        Without a class to look for, a blocker ("пульсоксиметров") ends the search.
        """
        token = self.doc[min(position, len(self.doc) - 1)]
        here = paragraph_of(self.doc, token.idx)
        # A figure counted earlier in the same sentence is the closest focus of all
        # ("five CT scanners in the region's hospitals, with 2 more to come").
        in_sentence = [c for c in self.counted if token.sent.start <= c.token < position]
        if in_sentence:
            found = self.counted_focus(in_sentence, refers_to, sums=False)
            if found is not None:
                return found
        # Then an item named earlier in the same sentence
        # ("neonatologists were not involved at all and in Kostanay – only 2 out of 9").
        for span in reversed(self.items):
            if span.end > position or span.start < token.sent.start or span.id_ in self.words.frame_nouns:
                continue  # "дефицит карет скорой помощи, в стране их всего 1 967": a place frames, it is not in focus
            if self.is_blocker(span):
                if refers_to is None:
                    return None
                continue
            item, rule = self.resolved.get(span.start, (self.entries[span.id_].get("item"), span.id_))
            if item and (refers_to is None or self.matches(item, refers_to)):
                return item, rule
        for paragraph in (here, here - 1):
            counted = [c for c in self.counted if c.token < position and c.paragraph == paragraph]
            if counted:
                return self.counted_focus(counted, refers_to)
            for span in reversed(self.items):
                if span.end > position or paragraph_of(self.doc, span.start_char) != paragraph or span.id_ in self.words.frame_nouns:
                    continue
                if self.is_blocker(span):
                    if refers_to is None:
                        return None
                    continue
                item = self.entries[span.id_].get("item")
                if item and (refers_to is None or self.matches(item, refers_to)):
                    return self._topic_over_mention(item, span.id_, position, paragraph, refers_to)
        return None

    def _topic_over_mention(self, item: str, rule: str, position: int, paragraph: int,
                            refers_to: list[str] | None) -> tuple[str, str]:
        """A mere mention of a category's generic item ("появились медицинские учреждения") does not replace the
        kind counted before it: "Из 655 объектов ПМСП построено 540 … [mention] … 346 объектов возведены" → PHC."""
        if refers_to is None or item not in self.generic_items.values():
            return item, rule
        earlier = [c for c in self.counted if c.token < position and c.paragraph < paragraph and not c.part
                   and self.matches(c.item, refers_to) and self.categories.get(c.item) == self.categories.get(item)]
        if earlier and earlier[-1].item != item:
            return earlier[-1].item, earlier[-1].rule
        return item, rule

    def counted_focus(self, counted: list[Counted], refers_to: list[str] | None, sums: bool = True) -> tuple[str, str] | None:
        """The focus among counted figures: the last whole ("Из них 10 объектов" after "12 объектов, включая 9
        амбулаторий" is of the 12), or the category's generic item when a word like "objects" in a later sentence
        sums several kinds ("4 амбулатории и 1 медпункт. Все 5 объектов" → medical_facility); within one sentence
        "with 2 more machines" continues the last figure."""
        wholes = [c for c in counted if not c.part] or counted
        # Within one sentence the members of an enumeration follow each other ("including 1,000 outpatient clinics,
        # 277 clinics"); across sentences the whole is the focus.
        last = wholes[-1] if sums else counted[-1]
        if refers_to is not None and sums:
            kinds = {c.item for c in wholes if c.sentence == last.sentence and self.matches(c.item, refers_to)}
            categories = {self.categories.get(kind) for kind in kinds}
            if len(kinds) > 1 and len(categories) == 1:
                category = categories.pop()
                if category in self.generic_items:
                    return self.generic_items[category], f"generic:{category}"
        if refers_to is None or self.matches(last.item, refers_to):
            return last.item, last.rule
        return None

    def may_inherit(self, span: Span, quantity: Span) -> bool:
        """May the generic word ``span`` ("объектов", "staff", "специалистов") counted by ``quantity`` take the item
        in focus?  Not when a qualifier sets it apart ("работников других профилей", "20 other staff"), when it is
        one more kind in an enumeration of kinds ("98 врачей, 194 медсестёр, 24 младших специалиста"), nor when a
        partitive after it says only one of its members is of a kind ("34 объекта, один из которых – поликлиника")."""
        doc, sent = self.doc, span.sent
        near = doc[max(sent.start, quantity.start - 1) : min(sent.end, span.end + 3)]
        if any(token.lower_ in self.other_kinds for token in near):
            return False
        # In an enumeration of kinds the word may repeat the member just before it ("1,000 outpatient clinics, 277
        # clinics"), but not reach past it to an earlier one; "таких", "2 more machines" point back anyway.
        lead = {token.lower_ for token in doc[max(sent.start, quantity.start - 2) : span.start]}
        siblings = [c for c in self.counted if sent.start <= c.token < quantity.start]
        if len({c.item for c in siblings}) > 1 and not lead & self.demonstratives:
            if not self.matches(siblings[-1].item, self.entries[span.id_].get("refers_to") or []):
                return False
        return not self._one_of_them_after(span)

    def _one_of_them_after(self, span: Span) -> bool:
        """ "34 объекта, один из которых – …", "34 facilities will be built. One of them is …"."""
        doc, sent = self.doc, span.sent
        rest = doc[span.end : sent.end].text.lower()
        following = doc[sent.end : min(len(doc), sent.end + 6)].text.lower() if sent.end < len(doc) else ""
        clauses = [part.lstrip(" ,–—-") for part in rest.split(",")[1:2]] + [following.lstrip(" «\"–—-")]
        return any(clause.startswith(phrase) for clause in clauses for phrase in self.one_of_them)

    def _is_part(self, quantity: Span) -> bool:
        """ "12 объектов, включая 9 амбулаторий и 3 ФАПа", "… 30 объектов. В том числе 5 ФАПов": every figure after
        the cue in its sentence is a part of the whole before."""
        lead = self.doc[quantity.sent.start : quantity.start].text.lower()
        return any(lead.endswith(words) or lead.startswith(f"{words} ") or f" {words} " in f" {lead}"
                   for words in self.words.part_of_whole)

