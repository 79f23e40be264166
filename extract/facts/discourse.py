"""Region and official of a figure, from a model of the document.

A news article is a frame (title, lead, dateline) and a sequence of turns:
the journalist's own voice, a person's report ("said X", "по словам X",
quotes), or an organisation's (press services, ministries).  ``speakers.py``
finds who holds the floor in each sentence; this module turns that into the
two attributes the annotation rules ask for:

- official: the person whose turn contains the figure (null for the
  journalist, organisations, and before any speaker is named);
- region: the region named in the figure's own list member, else its
  sentence, else its paragraph, else the region its speaker speaks for
  (``kz`` for a minister, the akim's region for an akim), else the
  document's main region (title, lead).
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from ..nlp.sentences import paragraph_of
from ..rulebook import load_wordlist
from .lists import list_header
from .speakers import NATIONAL, REGIONAL, SEVERAL_REGIONS, Speaker, SpeakerModel

ANAPHOR = "@region"  # "the region", "в области": the region in focus
SEVERAL = "@several"  # "in four regions", "в регионах": no single region
KZ = "kz"


def doc_regions(doc: Doc) -> list[Span]:
    return [r for r in doc.spans.get("regions", []) if r.label_ != "-"]


class DocumentContext:
    """Where a figure stands: its list member, sentence, paragraph, speaker and the document's frame."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.sentences = list(doc.sents)
        self.sentence_of = {}
        for index, sent in enumerate(self.sentences):
            for i in range(sent.start, sent.end):
                self.sentence_of[i] = index
        self.sentence_paragraph = [paragraph_of(doc, s.start_char) for s in self.sentences]
        self.speakers = SpeakerModel(doc, self.sentences, self.sentence_paragraph, self.sentence_of)
        self.venue_words = load_wordlist(f"{doc.lang_}/venue_words.txt")
        self.list_breaks = load_wordlist(f"{doc.lang_}/list_breaks.txt")
        self.respectively = load_wordlist(f"{doc.lang_}/respectively.txt")
        self.all_regions = doc_regions(doc)
        self.regions = self._subject_regions()
        self.by_sentence: dict[int, list[Span]] = {}
        for region in self.regions:
            self.by_sentence.setdefault(self.sentence_of[region.start], []).append(region)
        self.quantities_by_sentence: dict[int, list[Span]] = {}
        for quantity in doc.spans.get("quantity", []):
            self.quantities_by_sentence.setdefault(self.sentence_of[quantity.start], []).append(quantity)
        self._main: tuple[str | None, str] | None = None
        self._members_of: dict[int, list[tuple[int, int]]] = {}  # sentence index → its list members
        self._dominant: str | None | bool = False

    # -- the question assemble.py asks ------------------------------------
    def resolve(self, quantity: Span) -> tuple[str | None, str, Span | None, str]:
        """(region, region rule, official span, official rule) of a figure."""
        sent_index = self.sentence_of[quantity.start]
        speaker = self.speakers.turn(sent_index)
        official, official_rule = (speaker.person, speaker.rule) if speaker and speaker.person is not None else (None, "")
        region, region_rule = self.region(quantity, speaker)
        return region, region_rule, official, official_rule

    def official(self, quantity: Span) -> tuple[Span | None, str]:
        return self.resolve(quantity)[2:]

    # -- region -----------------------------------------------------------
    def region(self, quantity: Span, speaker: Speaker | None = None) -> tuple[str | None, str]:
        sent_index = self.sentence_of[quantity.start]
        if speaker is None:
            speaker = self.speakers.turn(sent_index)
        for found in (self._respectively(quantity, sent_index),
                      self._from_member(quantity, sent_index, speaker),
                      self._from_sentence(quantity, sent_index, speaker),
                      self._from_paragraph(sent_index, speaker),
                      self._from_list_header(sent_index, speaker)):
            if found is not None:
                return found
        home = self.home_region(speaker, sent_index)
        if home is not None:
            return home, f"region.speaker:{speaker.rule_id}"
        return self.main_region()

    def _respectively(self, quantity: Span, sent_index: int) -> tuple[str | None, str] | None:
        """ "Kostanay and Akmola regions …, 624 and 437 respectively": the figures of the run before the cue take
        the sentence's regions in order, when there are as many of each."""
        sent, doc = self.sentences[sent_index], self.doc
        cue = next((t.i for t in doc[quantity.end : sent.end] if t.lower_ in self.respectively), None)
        if cue is None:
            return None
        figures = [q for q in self.quantities_by_sentence.get(sent_index, []) if q.end <= cue]
        run = figures[-1:]
        for previous in reversed(figures[:-1]):
            joint = doc[previous.end : run[0].start]
            if len(joint) != 1 or joint[0].lower_ not in self.list_breaks | {",", "and", "и"}:
                break
            run.insert(0, previous)
        if quantity not in run:
            return None
        labels = []
        for region in self.by_sentence.get(sent_index, []):
            if region.label_ not in labels and not region.label_.startswith("@"):
                labels.append(region.label_)
        if len(labels) != len(run):
            return None
        return labels[run.index(quantity)], "region.respectively"

    def _from_member(self, quantity: Span, sent_index: int, speaker) -> tuple[str | None, str] | None:
        """ "126 in Nur-Sultan, 64 in Almaty": the region in the figure's own list member wins."""
        start, end = self._member(quantity, sent_index)
        inside = [r for r in self.by_sentence.get(sent_index, []) if start <= r.start < end]
        if not inside:
            return None
        return self._decide(inside, sent_index, speaker, "region.list_member")

    def _from_sentence(self, quantity: Span, sent_index: int, speaker) -> tuple[str | None, str] | None:
        in_sentence = self.by_sentence.get(sent_index, [])
        if not in_sentence:
            return None
        # The region named before the figure frames it ("in Akmola – 4 out of 30 ..."); one after it counts
        # only when none comes before.
        before = [r for r in in_sentence if r.end <= quantity.start]
        nearest = before[-1] if before else min(in_sentence, key=lambda r: abs(r.start - quantity.start))
        return self._decide([nearest], sent_index, speaker, "region.sentence")

    def _from_paragraph(self, sent_index: int, speaker) -> tuple[str | None, str] | None:
        """An earlier sentence of the paragraph, in the same turn, that names one region."""
        paragraph = self.sentence_paragraph[sent_index]
        for earlier in range(sent_index - 1, -1, -1):
            if self.sentence_paragraph[earlier] != paragraph:
                break
            if self.speakers.turn(earlier) is not speaker and self.speakers.turn(earlier) != speaker:
                break
            labels = self._labels(self.by_sentence.get(earlier, []), earlier, speaker)
            labels.discard(KZ)  # "в стране" sets a sentence, not the paragraph that follows
            if len(labels) == 1:
                label = labels.pop()
                if label != SEVERAL:
                    return label, "region.paragraph"
            elif len(labels) > 1:
                return None
        return None

    def _from_list_header(self, sent_index: int, speaker) -> tuple[str | None, str] | None:
        """ "В Шымкенте закуплено:\n- 5 аппаратов ИВЛ": an item line takes the region its header names."""
        header = list_header(self.sentences[sent_index])
        if header is None:
            return None
        regions = self.by_sentence.get(self.sentence_of[header.start], [])
        return self._decide(regions, self.sentence_of[header.start], speaker, "region.list_header") if regions else None

    def _decide(self, regions: list[Span], sent_index: int, speaker, rule: str) -> tuple[str | None, str] | None:
        labels = self._labels(regions, sent_index, speaker)
        if not labels:
            return None
        if len(labels) == 1 and SEVERAL not in labels:
            label = labels.pop()
            return label, f"{rule}:{regions[0].id_}" if label is not None else ""
        # One figure over several regions: national within a national report, else no single region.
        if speaker is not None and speaker.scope == NATIONAL:
            return KZ, "region.several_in_national_report"
        return None, "region.several"

    def _labels(self, regions: list[Span], sent_index: int, speaker) -> set:
        labels = set()
        for region in regions:
            label = region.label_
            if label == ANAPHOR:
                label = self.salient_region(sent_index, speaker)
                if label is None:
                    continue
            labels.add(label)
        return labels

    def salient_region(self, sent_index: int, speaker) -> str | None:
        """What "the region" / "в области" refers to: the last region named in the paragraph, else the
        speaker's, else the document's."""
        paragraph = self.sentence_paragraph[sent_index]
        for earlier in range(sent_index, -1, -1):
            if self.sentence_paragraph[earlier] != paragraph:
                break
            named = [r.label_ for r in self.by_sentence.get(earlier, []) if r.label_ not in (ANAPHOR, SEVERAL, KZ)]
            if len(set(named)) == 1:
                return named[0]
        if speaker is not None and speaker.home not in (None, KZ):
            return speaker.home
        main, _ = self.main_region()
        if main == KZ:
            return None  # "the regional health departments" of a national story: no single region
        return main if main is not None else self.dominant_region()

    def _member(self, quantity: Span, sent_index: int) -> tuple[int, int]:
        """Token range of the list member holding the figure.

        A sentence splits at commas, semicolons and list conjunctions; a piece without a number
        joins the next one ("In Kostanay, Akmola and Pavlodar regions there are 50 beds"), or the
        previous one when it opens with a conjunction ("in the cities of Astana and Almaty").
        """
        sent = self.sentences[sent_index]
        for start, end in self._members(sent_index):
            if start <= quantity.start < end:
                return start, end
        return sent.start, sent.end

    def _members(self, sent_index: int) -> list[tuple[int, int]]:
        """The list members of a sentence as token ranges (see ``_member``), worked out once per sentence."""
        if sent_index in self._members_of:
            return self._members_of[sent_index]
        sent = self.sentences[sent_index]
        numbers = {q.start for q in self.quantities_by_sentence.get(sent_index, [])}
        pieces: list[list[int]] = []  # [start, end, opens_with_conjunction, has_number]
        start, opens = sent.start, 0
        for token in sent:
            is_break = token.text in {",", ";"} or token.lower_ in self.list_breaks
            if is_break and token.i > start:
                pieces.append([start, token.i, opens, 0])
                start, opens = token.i + 1, int(token.lower_ in self.list_breaks)
            elif is_break:
                start, opens = token.i + 1, opens or int(token.lower_ in self.list_breaks)
        if start < sent.end:
            pieces.append([start, sent.end, opens, 0])
        for piece in pieces:
            piece[3] = int(any(piece[0] <= n < piece[1] for n in numbers))
        merged: list[list[int]] = []
        carry: list[int] | None = None
        for piece in pieces:
            if carry is not None and piece[2] and piece[3]:
                # "In Turkestan, … not at all and in Kostanay – only 2 out of 9": a member opened by a
                # conjunction keeps to itself; the pieces before it stand alone.
                merged.append(carry)
                carry = None
            if carry is not None:
                piece = [carry[0], piece[1], carry[2], piece[3]]
                carry = None
            if piece[3]:
                merged.append(piece)
            elif piece[2] and merged:
                merged[-1][1] = piece[1]
            else:
                carry = piece
        if carry is not None:
            if merged:
                merged[-1][1] = carry[1]
            else:
                merged.append(carry)
        self._members_of[sent_index] = [(piece[0], piece[1]) for piece in merged]
        return self._members_of[sent_index]

    # -- the speaker's region ---------------------------------------------
    def home_region(self, speaker: Speaker | None, sent_index: int) -> str | None:
        """The region a speaker speaks for: their role's, ``kz`` for a national role, the document's
        region for a regional one ("аким области", "the regional health department")."""
        if speaker is None or speaker.kind == "narrator":
            return None
        if speaker.home is not None:
            return speaker.home
        if speaker.scope == NATIONAL:
            return KZ
        main, _ = self.main_region()
        if speaker.scope == REGIONAL:
            return main if main not in (None, KZ) else self.dominant_region()
        if speaker.scope == SEVERAL_REGIONS:
            return KZ if main in (None, KZ) else None  # a sum over the regions of a national story
        return None

    # -- the frame --------------------------------------------------------
    def main_region(self) -> tuple[str | None, str]:
        """The region of the title, else of the lead paragraph; the body's first sentence wins when it names
        another region than the title; a title over several regions has none."""
        if self._main is None:
            title, opening = self._title_region(), self._opening_region()
            if title and opening and KZ not in (title[0], opening[0]) and title[0] != opening[0]:
                title = None  # the body's first sentence, where the story starts, wins over a headline's (old) name
            self._main = title or self._lead_region() or self._dateline_region() or (None, "")
        region, rule = self._main
        return region, (f"main:{rule}" if region else "")

    def _title_region(self) -> tuple[str, str] | None:
        title = [(label, rule) for label, rule in (self.doc._.title_regions or []) if label != ANAPHOR]
        labels = {label for label, _ in title}
        if len(labels) == 1 and SEVERAL not in labels:
            return title[0]
        return None

    def _lead_region(self) -> tuple[str, str] | None:
        lead = [r for r in self.regions if self.sentence_paragraph[self.sentence_of[r.start]] == 0
                and not r.label_.startswith("@")]
        return (lead[0].label_, lead[0].id_) if lead else None

    def _opening_region(self) -> tuple[str, str] | None:
        """The one region the body's first sentence names, if it names exactly one."""
        first = [r for r in self.regions if self.sentence_of[r.start] == 0 and not r.label_.startswith("@")]
        return (first[0].label_, first[0].id_) if first and len({r.label_ for r in first}) == 1 else None

    def _dateline_region(self) -> tuple[str, str] | None:
        """The filing city, as a last resort."""
        filed = [r for r in self.all_regions if self._is_dateline(r)]
        return (filed[0].label_, filed[0].id_) if filed else None

    def dominant_region(self) -> str | None:
        """The region the body names most (first on a tie): what "the region" means when nothing frames it."""
        if self._dominant is False:
            counts = Counter(r.label_ for r in self.all_regions
                             if not r.label_.startswith("@") and r.label_ != KZ and not self._is_dateline(r))
            self._dominant = counts.most_common(1)[0][0] if counts else None
        return self._dominant

    # -- which region mentions say what the figure is about -----------------
    def _subject_regions(self) -> list[Span]:
        """Regions that can be a figure's subject: not the dateline, not a role's or organisation's
        attribute ("аким Атырауской области", "Министерство здравоохранения РК"), not the place of a
        meeting ("told a briefing in Astana")."""
        attributes = self.speakers.attribute_tokens
        return [r for r in self.all_regions
                if not self._is_dateline(r) and r.start not in attributes and not self._is_venue(r)]

    def _is_venue(self, region: Span) -> bool:
        doc = region.doc
        # Back to the clause start, at most 8 words: "told a briefing at the Central Communications Service of X".
        i = region.start - 1
        while i >= max(region.sent.start, region.start - 8) and not doc[i].is_punct:
            if doc[i].lower_ in self.venue_words or doc[i].lemma_ in self.venue_words:
                return True
            i -= 1
        return False

    @staticmethod
    def _is_dateline(region: Span) -> bool:
        """ "NUR-SULTAN. KAZINFORM –": where the agency filed from, not what the story is about."""
        doc = region.doc
        return region.text.isupper() and len(region.text) > 4 and region.end < len(doc) and doc[region.end].text == "."
