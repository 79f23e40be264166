"""Assemble facts: item + quantity + status + region + official + date.

One ``Fact`` per quantity that counts a contract item.  Every attribute
records the rule that produced it, so ``medfacts trace`` can say why.
Status comes from ``status.py`` (the clause that governs the figure),
region and official from ``discourse.py`` (the document's frame and speakers);
this module only puts the pieces together.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..rulebook import item_categories
from .discourse import DocumentContext
from .items import ItemAttacher
from .status import StatusResolver

if not Doc.has_extension("facts"):
    Doc.set_extension("facts", default=None)
if not Doc.has_extension("title_regions"):
    Doc.set_extension("title_regions", default=None)

@dataclass
class Fact:
    item: str
    category: str
    quantity: float
    quantity_text: str
    start_char: int
    end_char: int
    sentence_index: int
    status: str
    region: str | None
    official: str | None
    official_role: str | None
    date: str | None
    date_text: str | None
    rule: str
    status_rule: str
    region_rule: str
    official_rule: str
    date_rule: str

    def as_row(self) -> dict:
        return {name: getattr(self, name) for name in FACT_COLUMNS}  # every field is a str, number or None


FACT_COLUMNS = tuple(f.name for f in fields(Fact))


class FactAssembler:
    def __init__(self, nlp: Language, default_status: str):
        self.nlp = nlp
        self.default_status = default_status
        self.categories = item_categories()
        self.status = StatusResolver(default_status)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc.spans.get("quantity", [])):
            doc._.facts = []  # no figure, no fact: the document's models are not built
            return doc
        item_entries = self.nlp.get_pipe("items").entries
        attacher = ItemAttacher(doc, item_entries)
        sentences = list(doc.sents)
        sentence_index = {sent.start: i for i, sent in enumerate(sentences)}
        context = None  # the document's frame and speakers, built for the first fact: most pages have none
        facts = []
        for quantity in doc.spans.get("quantity", []):
            attachment = attacher.attach(quantity)
            if attachment is None or quantity._.value is None or quantity._.value <= 0:
                continue
            sent = quantity.sent
            status, status_rule = self.status.resolve(quantity, attachment.item)
            if context is None:
                context = DocumentContext(doc)
            region, region_rule, official_span, official_rule = context.resolve(quantity)
            date_span = self._date(doc, quantity, sent)
            facts.append(
                Fact(
                    item=attachment.item,
                    category=self.categories.get(attachment.item, ""),
                    quantity=float(quantity._.value),
                    quantity_text=quantity.text,
                    start_char=quantity.start_char,
                    end_char=quantity.end_char,
                    sentence_index=sentence_index[sent.start],
                    status=status,
                    region=region,
                    official=official_span.label_ if official_span is not None else None,
                    official_role=official_span._.role if official_span is not None else None,
                    date=date_span._.date if date_span is not None else None,
                    date_text=date_span.text if date_span is not None else None,
                    rule=f"{attachment.how}:{attachment.item_rule}",
                    status_rule=status_rule,
                    region_rule=region_rule,
                    official_rule=official_rule,
                    date_rule=date_span.id_ if date_span is not None else "",
                )
            )
        doc._.facts = facts
        return doc

    # -- date ----------------------------------------------------------------
    @staticmethod
    def _date(doc: Doc, quantity: Span, sent: Span) -> Span | None:
        best = None
        for span in doc.spans.get("date", []):
            if span.sent != sent:
                continue
            distance = abs(span.start - quantity.start)
            if best is None or distance < best[0]:
                best = (distance, span)
        return best[1] if best is not None else None


@Language.factory("medfacts_facts", default_config={"default_status": "available"})
def make_fact_assembler(nlp: Language, name: str, default_status: str) -> FactAssembler:
    return FactAssembler(nlp, default_status)
