"""Assemble facts: item + quantity + status + region + official + date.

One ``Fact`` per quantity that counts a contract item.  Every attribute
records the rule that produced it, so ``medfacts trace`` can say why.
Context resolution follows the annotation rules in the README of the dev set:
region from the sentence, else the paragraph, else the speaker's region, else
the document's main region; the official from the sentence, else the
paragraph, else the previous paragraph while reported speech continues.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from .items import FROM_WORDS, TO_WORDS, ItemAttacher
from ..rulebook import item_categories, load_wordlist
from ..nlp.sentences import paragraph_of

if not Doc.has_extension("facts"):
    Doc.set_extension("facts", default=None)
if not Doc.has_extension("title_regions"):
    Doc.set_extension("title_regions", default=None)

STATUS_ORDER = ("other", "needed", "acquired", "planned", "available")  # precedence among cues close to the figure
LOCAL_SCOPE = 3
CLAUSE_BREAKS = {";", ":", "(", ")"}


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
        return asdict(self)


class FactAssembler:
    def __init__(self, nlp: Language, default_status: str):
        self.nlp = nlp
        self.default_status = default_status
        self.categories = item_categories()

    def __call__(self, doc: Doc) -> Doc:
        item_entries = self.nlp.get_pipe("items").entries
        attacher = ItemAttacher(doc, item_entries)
        sentences = list(doc.sents)
        sentence_index = {sent.start: i for i, sent in enumerate(sentences)}
        context = DocumentContext(doc)
        facts = []
        for quantity in doc.spans.get("quantity", []):
            attachment = attacher.attach(quantity)
            if attachment is None or quantity._.value is None or quantity._.value <= 0:
                continue
            sent = quantity.sent
            status, status_rule = self._status(doc, quantity, sent)
            region, region_rule = context.region(quantity)
            official_span, official_rule = context.official(quantity)
            if region is None and official_span is not None:
                region = context.home_region(official_span)
                region_rule = "region.speaker" if region else ""
            if region is None:
                region, region_rule = context.main_region()
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

    # -- status --------------------------------------------------------------
    def _status(self, doc: Doc, quantity: Span, sent: Span) -> tuple[str, str]:
        before = doc[quantity.start - 1].lower_ if quantity.start > sent.start else ""
        if before in FROM_WORDS:
            for token in doc[quantity.end : min(sent.end, quantity.end + 6)]:
                if token.lower_ in TO_WORDS:
                    return "other", "status.from_x_to_y"
        best = None
        for cue in doc.spans.get("status", []):
            if cue.sent != sent:
                continue
            distance = self._distance(doc, quantity, cue)
            # Within the figure's own phrase a specific cue beats a general one:
            # "32 hospitals will be modernized" is other, "we need to purchase 71" needed.
            if distance <= LOCAL_SCOPE:
                distance = 0.0
            rank = (distance, STATUS_ORDER.index(cue.label_) if cue.label_ in STATUS_ORDER else 9)
            if best is None or rank < best[0]:
                best = (rank, cue)
        if best is None:
            return self.default_status, "status.default"
        return best[1].label_, best[1].id_

    @staticmethod
    def _distance(doc: Doc, quantity: Span, cue: Span) -> float:
        """Token distance, longer across clause breaks; cues after the number weigh a little more."""
        if cue.end <= quantity.start:
            lo, hi, after = cue.end, quantity.start, False
        elif cue.start >= quantity.end:
            lo, hi, after = quantity.end, cue.start, True
        else:
            return 0.0
        distance = float(hi - lo) + (0.5 if after else 0.0)
        for token in doc[lo:hi]:
            if token.text in CLAUSE_BREAKS:
                distance += 12
            elif token.text == ",":
                distance += 3
        return distance

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


def doc_regions(doc: Doc) -> list[Span]:
    return [r for r in doc.spans.get("regions", []) if r.label_ != "-"]


class DocumentContext:
    """Where a figure stands: its sentence, paragraph and the document's main region."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.regions = [r for r in doc_regions(doc) if not self._is_dateline(r)]
        self.officials = list(doc.spans.get("official", []))
        self.narrator_cues = load_wordlist(f"{doc.lang_}/narrator_cues.txt")
        self._main: tuple[str | None, str] | None = None

    def _paragraph(self, char: int) -> int:
        return paragraph_of(self.doc, char)

    def region(self, mention: Span) -> tuple[str | None, str]:
        quantity = mention
        sent, paragraph = quantity.sent, self._paragraph(quantity.start_char)
        in_sentence = [r for r in self.regions if r.sent == sent]
        if in_sentence:
            # The region named before the figure frames it ("in Akmola – 4 out of 30, in Mangystau ...");
            # one named after it counts only when none comes before.
            before = [r for r in in_sentence if r.end <= quantity.start]
            nearest = before[-1] if before else min(in_sentence, key=lambda r: abs(r.start - quantity.start))
            return nearest.label_, nearest.id_
        earlier = [r for r in self.regions if r.end <= sent.start and self._paragraph(r.start_char) == paragraph]
        if earlier:
            return earlier[-1].label_, earlier[-1].id_
        return None, ""

    def main_region(self) -> tuple[str | None, str]:
        """The region of the title, else of the lead paragraph."""
        if self._main is None:
            title_regions = self.doc._.title_regions or []
            if title_regions:
                self._main = (title_regions[0][0], title_regions[0][1])
            else:
                lead = [r for r in self.regions if self._paragraph(r.start_char) == 0] or [
                    r for r in doc_regions(self.doc) if self._is_dateline(r)  # the filing city, as a last resort
                ]
                self._main = (lead[0].label_, lead[0].id_) if lead else (None, "")
        region, rule = self._main
        return region, (f"main:{rule}" if region else "")

    def _is_dateline(self, region: Span) -> bool:
        """ "NUR-SULTAN. KAZINFORM –": where the agency filed from, not what the story is about."""
        doc = region.doc
        return region.text.isupper() and len(region.text) > 4 and region.end < len(doc) and doc[region.end].text == "."

    def official(self, quantity: Span) -> tuple[Span | None, str]:
        sent, paragraph = quantity.sent, self._paragraph(quantity.start_char)
        in_sentence = [o for o in self.officials if o.sent == sent]
        if in_sentence:
            nearest = min(in_sentence, key=lambda o: abs(o.start - quantity.start))
            return nearest, f"official.sentence:{nearest.id_}"
        same_paragraph = [o for o in self.officials if self._paragraph(o.start_char) == paragraph]
        earlier = [o for o in same_paragraph if o.end <= sent.start]
        if earlier:
            return earlier[-1], f"official.paragraph:{earlier[-1].id_}"
        if same_paragraph:
            return same_paragraph[0], f"official.paragraph_after:{same_paragraph[0].id_}"
        # The speaker's report continues into later paragraphs until another region comes up.
        previous = [o for o in self.officials if o.end <= sent.start]
        if not previous:
            return None, ""
        speaker = previous[-1]
        home = self.home_region(speaker)
        paragraph_start, paragraph_end = (self.doc._.paragraphs or [(0, 0)])[paragraph]
        opening = self.doc.text[paragraph_start:paragraph_end].lower()
        if any(opening.startswith(cue) or f" {cue}" in opening[:80] for cue in self.narrator_cues):
            return None, ""
        for region in self.regions:
            if paragraph_start <= region.start_char < sent.end_char and region.label_ != home:
                return None, ""
        return speaker, f"official.report_continues:{speaker.id_}"

    def home_region(self, official: Span) -> str | None:
        """The region an official speaks for: their role's, else the one in force where they are named."""
        if official._.role_region:
            return official._.role_region
        for mention in self.officials:
            if mention.label_ == official.label_ and mention._.role_region:
                return mention._.role_region
        region, _ = self.region(official)
        return region if region is not None else self.main_region()[0]


@Language.factory("medfacts_facts", default_config={"default_status": "available"})
def make_fact_assembler(nlp: Language, name: str, default_status: str) -> FactAssembler:
    return FactAssembler(nlp, default_status)
