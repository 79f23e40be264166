"""Region and official of a figure, from a model of the document.

Follows the annotation rules: region from the sentence, else the paragraph,
else the speaker's region, else the document's main region (title, lead,
dateline as a last resort); the official from the sentence, else the
paragraph, else the previous paragraph while reported speech continues.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..nlp.sentences import paragraph_of
from ..rulebook import load_wordlist


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
