"""Who holds the floor in each sentence: speaker turns of a news article.

A turn opens where a speech cue ("said", "сообщил", "по словам", "according
to" — ``rules/<lang>/speech_verbs.txt``) has a person, an organisation or a
pronoun next to it, and where the journalist speaks in their own voice
("Напомним", "Notably" — ``narrator_cues.txt``).  It carries over sentences and
paragraphs until the next turn.  Three cues reach back: "Об этом сообщил X"
gives X the paragraph before it; a quote closed by "…, — said X" gives X the
whole quote; a lead without a speaker takes the one the next paragraph names.
A person mentioned without a speech cue ("the minister visited", "chaired by
the Prime Minister") does not take the floor.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span

from ..nlp.doc_text import doc_text
from ..nlp.lemmas import ru_parse
from ..nlp.officials import label_colon
from ..rulebook import load_patterns, load_wordlist

NATIONAL, REGIONAL, SEVERAL_REGIONS = "national", "regional", "several"
# Words allowed between a role and the region it belongs to: "Governor of Zhambyl region".
ATTRIBUTE_GAP = {"of", "the", "for", "in", "по", "в"}
# Content words allowed between a speech verb and its speaker: "said Sulena Ilyasova, head of ...".
SPEAKER_WINDOW = 3
# A candidate past one of these is inside the reported clause: "He added that the Government is …".
REPORTED_CLAUSE = {"that", "что", "чтобы"}
# How far back a sentence's subject may stand from its speech verb: "PM X in his response to the query told …".
SUBJECT_WINDOW = 12
OPENING_QUOTES, CLOSING_QUOTES = "«“„", "»”"
DASHES = {"-", "–", "—", "--"}


@dataclass(eq=False)
class Speaker:
    kind: str  # "person" | "organisation" | "narrator" | "pending"
    person: Span | None = None
    scope: str | None = None
    home: str | None = None
    rule_id: str = ""
    rule: str = ""

    def same_as(self, other: Speaker | None) -> bool:
        if other is None:
            return False
        if self.person is not None and other.person is not None:
            return self.person.label_ == other.person.label_
        return self is other


NARRATOR = Speaker("narrator")


@lru_cache(maxsize=None)
def role_entries(lang: str) -> dict[str, dict]:
    return {entry.id: entry.data for entry in load_patterns(lang, "roles")}


class SpeakerModel:
    """The turn (a ``Speaker`` or None) of every sentence of a Doc."""

    def __init__(self, doc: Doc, sentences: list[Span], sentence_paragraph: list[int], sentence_of: dict[int, int]):
        lang = doc.lang_
        self.doc, self.sentences = doc, sentences
        self.text = doc_text(doc)  # once: Span.text rebuilds the string token by token
        self.sentence_paragraph, self.sentence_of = sentence_paragraph, sentence_of
        self.entries = role_entries(lang)
        self.speech_verbs = load_wordlist(f"{lang}/speech_verbs.txt")
        self.narrator_cues = load_wordlist(f"{lang}/narrator_cues.txt")
        self.back_cues = load_wordlist(f"{lang}/speaker_back_cues.txt")
        self.anaphor_words = load_wordlist(f"{lang}/speaker_anaphors.txt")
        roles = list(doc.spans.get("roles", []))
        self.orgs = [r for r in roles if self.entries.get(r.id_, {}).get("kind") == "organisation"]
        self.person_roles = [r for r in roles if self.entries.get(r.id_, {}).get("kind") != "organisation"]
        self.people = list(doc.spans.get("official", []))
        self.skippable = {i for span in roles + list(doc.spans.get("regions", [])) + self.people
                          for i in range(span.start, span.end)}
        verb_ids = {doc.vocab.strings.add(verb) for verb in self.speech_verbs}
        # Token indices whose form or lemma is a speech verb, read once from the doc's arrays.
        self.verb_positions = [i for i, (lower, lemma) in enumerate(doc.to_array([LOWER, LEMMA]).tolist())
                               if lower in verb_ids or lemma in verb_ids]
        self.attribute_tokens, self.org_home = self._attributes(doc, roles)
        self.turns: list[Speaker | None] = self._turns()

    def _verbs_in(self, sent: Span) -> list:
        """The speech verbs of a sentence, in order."""
        positions = self.verb_positions
        first, last = bisect_left(positions, sent.start), bisect_left(positions, sent.end)
        return [self.doc[i] for i in positions[first:last]]

    def turn(self, sent_index: int) -> Speaker | None:
        return self.turns[sent_index]

    # -- regions that belong to a role or organisation -----------------------
    def _attributes(self, doc: Doc, roles: list[Span]) -> tuple[set[int], dict[int, str]]:
        """Token starts of regions that qualify a role ("аким Атырауской области", "Akmola region Governor",
        "Министерство здравоохранения РК"), and the region of each organisation span."""
        attributes, org_home = set(), {}
        regions = [r for r in doc.spans.get("regions", []) if r.label_ != "-"]
        for role in roles:
            for region in regions:
                gap = doc[role.end:region.start] if region.start >= role.end else None
                after = gap is not None and len(gap) <= 2 and all(t.lower_ in ATTRIBUTE_GAP for t in gap)
                before = region.end == role.start
                inside = role.start <= region.start < role.end  # "аким области"
                if after or before or inside:
                    attributes.add(region.start)
                    if self.entries.get(role.id_, {}).get("kind") == "organisation" and not region.label_.startswith("@"):
                        org_home.setdefault(role.start, region.label_)
        return attributes, org_home

    # -- one sentence -----------------------------------------------------
    def _cue(self, index: int) -> Speaker | str | None:
        """The speaker a sentence names, "anaphor" for "he said" / "по словам министра", or None."""
        sent = self.sentences[index]
        if self._opens_with(sent, self.narrator_cues):
            return NARRATOR
        label = self._label(sent)
        if label is not None:
            return self._person_speaker(label)
        best: tuple | None = None
        verbs = self._verbs_in(sent)
        for token in verbs:
            for rank, candidate, gap in self._candidates(sent, token):
                # The nearest candidate is the subject ("He stressed the akimat is …"); a person wins a tie.
                if gap <= SPEAKER_WINDOW and (best is None or (gap, rank) < (best[1], best[0])):
                    best = (rank, gap, candidate)
        if best is None and verbs:
            subject = self._subject_before(sent, verbs[0])
            if subject is not None:
                best = (0, 0, subject)
        if best is None:
            return None
        rank, candidate = best[0], best[2]
        if isinstance(candidate, str):
            return candidate
        if rank == 1:
            return self._org_speaker(candidate)
        return self._person_speaker(candidate)

    def _label(self, sent: Span) -> Span | None:
        """ "Арман Исакаев, руководитель отдела …:" opening a sentence: the person speaks what follows."""
        for person in self.people:
            if person.start == sent.start and label_colon(self.doc, person.end, sent.end) is not None:
                return person
        return None

    def _candidates(self, sent: Span, verb):
        for person in self.people:
            if sent.start <= person.start < sent.end:
                yield 0, person, self._gap(verb.i, person)
        for org in self.orgs:
            if sent.start <= org.start < sent.end and not self._in_role_phrase(org):
                yield 1, org, self._gap(verb.i, org)
        for token in sent:
            if token.lower_ in self.anaphor_words:
                yield 2, "anaphor", self._gap(verb.i, token)
        for role in self.person_roles:
            if sent.start <= role.start < sent.end and not self._has_name(role):
                yield 2, self._holder_of(role) or "anaphor", self._gap(verb.i, role)

    def _subject_before(self, sent: Span, verb) -> Span | None:
        """The person opening the clause of a speech verb: "Prime Minister X in his response … told"."""
        before = [p for p in self.people if sent.start <= p.start and p.end <= verb.i]
        if not before:
            return None
        person = before[-1]
        between = self.doc[person.end:verb.i]
        if len(between) > SUBJECT_WINDOW or any(t.text in {",", ";", ":"} or t.lower_ in REPORTED_CLAUSE for t in between):
            return None
        return person

    def _in_role_phrase(self, org: Span) -> bool:
        """ "head of the regional health office": a department named inside a person's role."""
        return any(0 <= org.start - role.end <= 3 for role in self.person_roles)

    def _holder_of(self, role: Span) -> Span | None:
        """ "the Prime Minister noted": the person last named with that role, if any."""
        wanted = self.entries.get(role.id_, {}).get("role")
        holders = [p for p in self.people if p.end <= role.start
                   and self.entries.get(p.id_, {}).get("role") == wanted]
        return holders[-1] if holders else None

    def _has_name(self, role: Span) -> bool:
        return any(abs(p.start - role.end) <= 6 or abs(role.start - p.end) <= 3 for p in self.people)

    def _gap(self, i: int, span) -> int:
        """Content words between a speech verb and a candidate speaker (roles, regions, punctuation skipped)."""
        start, end = (span.i, span.i + 1) if not isinstance(span, Span) else (span.start, span.end)
        low, high = (i + 1, start) if i < start else (end, i)
        between = self.doc[low:high]
        if i < start and any(t.lower_ in REPORTED_CLAUSE for t in between):
            return SPEAKER_WINDOW + 1
        return sum(1 for t in between if not (t.is_punct or t.is_space or t.i in self.skippable))

    def _person_speaker(self, person: Span) -> Speaker:
        role_id, scope, home = person.id_, None, None
        for mention in self.people:
            if mention.label_ != person.label_:
                continue
            entry = self.entries.get(mention.id_)
            if entry is not None:
                role_id, scope = mention.id_, scope or entry.get("scope")
            if mention._.role_region and not str(mention._.role_region).startswith("@"):
                home = home or mention._.role_region
        if home == "kz":
            scope = NATIONAL
        return Speaker("person", person=person, scope=scope, home=home, rule_id=role_id)

    def _org_speaker(self, org: Span) -> Speaker:
        entry = self.entries.get(org.id_, {})
        home = self.org_home.get(org.start)
        scope = NATIONAL if home == "kz" else entry.get("scope")
        if scope == REGIONAL and home is None and self._is_plural(org):
            scope = SEVERAL_REGIONS  # "по данным областных управлений здравоохранения": the regions together
        return Speaker("organisation", scope=scope, home=home if home != "kz" else None, rule_id=org.id_)

    def _is_plural(self, org: Span) -> bool:
        if self.doc.lang_ == "ru":
            return ru_parse(org[0].lower_).tag.number == "plur"
        head = org[-1]
        return head.lower_.endswith("s") and head.lemma_ != head.lower_

    def _opens_with(self, sent: Span, cues: frozenset[str]) -> bool:
        opening = self.text[sent.start_char : sent.end_char].lstrip(" -–—«“\"").lower()  # = sent.text
        return any(opening.startswith(cue) for cue in cues)

    # -- the whole document -------------------------------------------------
    def _turns(self) -> list[Speaker | None]:
        n = len(self.sentences)
        turns: list[Speaker | None] = [None] * n
        how = [""] * n
        current: Speaker | None = None
        pending: list[int] = []
        for i in range(n):
            cue = self._cue(i)
            if cue is NARRATOR:
                current, pending = None, []
                continue
            if isinstance(cue, Speaker):
                current = cue
                if cue.person is not None:
                    for j in pending:
                        turns[j], how[j] = cue, "named_later"
                    self._reach_back(i, cue, turns, how)
                pending = []
                turns[i], how[i] = cue, "speech_verb"
                continue
            if current is not None and self._opens_elsewhere(i, current):
                current = None
            if current is not None:
                turns[i], how[i] = current, "report_continues"
            elif cue == "anaphor" and not pending and self._named_before(i) is not None:
                # "… начал заседание депутат X. Он утверждает, что …": the pronoun is the person named before it,
                # not one a later paragraph names.
                current = self._person_speaker(self._named_before(i))
                turns[i], how[i] = current, "pronoun"
            elif cue == "anaphor" or pending:
                pending.append(i)  # "He stressed …" before the article names him
        self._lead_summary(turns, how)
        return [self._with_rule(t, h) if t is not None else None for t, h in zip(turns, how)]

    def _named_before(self, index: int) -> Span | None:
        """The last person named before sentence ``index`` (with or without a speech cue), if any."""
        start = self.sentences[index].start
        before = [p for p in self.people if p.end <= start]
        return before[-1] if before else None

    @staticmethod
    def _with_rule(speaker: Speaker, how: str) -> Speaker:
        if speaker.kind != "person":
            return speaker
        return Speaker(speaker.kind, speaker.person, speaker.scope, speaker.home, speaker.rule_id,
                       rule=f"official.{how}:{speaker.rule_id}")

    def _opens_elsewhere(self, index: int, speaker: Speaker) -> bool:
        """A paragraph that opens on another region ends a regional speaker's report:
        "Shortage of ventilators is also observed in North Kazakhstan region" after the Akmola governor."""
        if speaker.home in (None, "kz") or (index > 0 and self.sentence_paragraph[index - 1] == self.sentence_paragraph[index]):
            return False
        sent = self.sentences[index]
        named = {r.label_ for r in self.doc.spans.get("regions", [])
                 if sent.start <= r.start < sent.end and r.start not in self.attribute_tokens
                 and r.label_ not in ("-", "kz") and not r.label_.startswith("@")}
        return bool(named) and speaker.home not in named

    def _relays(self, index: int) -> bool:
        return bool(self._verbs_in(self.sentences[index]))

    def _reach_back(self, i: int, speaker: Speaker, turns, how) -> None:
        sent = self.sentences[i]
        paragraph = self.sentence_paragraph[i]
        # "Министерство закупило 807 машин. Об этом сообщила вице-министр X": X's, back to the paragraph start.
        if self._opens_with(sent, self.back_cues):
            j = i - 1
            while j >= 0 and self.sentence_paragraph[j] == paragraph and turns[j] is None:
                turns[j], how[j] = speaker, "about_this"
                j -= 1
        # "«… 3,947 staff units», said X" / "– …, – сообщила она": the whole quote is X's.
        opening = self._quote_opening(i)
        if opening is not None:
            for j in range(self.sentence_of[opening], i):
                if how[j] != "speech_verb":
                    turns[j], how[j] = speaker, "quote_attribution"

    def _quote_opening(self, i: int) -> int | None:
        """Token where the quote closed by sentence ``i``'s attribution opens, if it closes one."""
        sent, doc = self.sentences[i], self.doc
        verbs = self._verbs_in(sent)
        if not verbs:
            return None
        verb = verbs[0]
        # Back from the verb over the speaker's name, role and punctuation: '…," Governor of X region Y told'.
        before, j = [], verb.i - 1
        while j >= sent.start and len(before) < 12:
            token = doc[j]
            before.append(token)
            passable = token.i in self.skippable or token.is_punct or token.is_space or token.lower_ in ATTRIBUTE_GAP
            if not passable or token.text in CLOSING_QUOTES + '"':
                break
            j -= 1
        closers = [t for t in before[-1:] if t.text in CLOSING_QUOTES or t.text == '"']
        if closers:
            closer = closers[-1]
            if closer.text == '"':
                quotes = [t for t in doc[:closer.i] if t.text == '"']
                return quotes[-1].i if quotes else None
            openers = [t for t in doc[:closer.i] if t.text in OPENING_QUOTES]
            return openers[-1].i if openers else None
        if any(t.text in DASHES for t in before[:4]) and i > 0:
            # Dash dialogue: the reply opens at the paragraph's (or a sentence's) leading dash.
            j = i
            while j >= 0 and self.sentence_paragraph[j] == self.sentence_paragraph[i]:
                first = self.sentences[j][0]
                if first.text in DASHES or (first.is_space and len(self.sentences[j]) > 1 and self.sentences[j][1].text in DASHES):
                    return self.sentences[j].start
                j -= 1
        return None

    def _lead_summary(self, turns, how) -> None:
        """A lead that relays a statement without naming its source ("…, передает корреспондент агентства")
        summarises what the next paragraph's speaker says; a lead without a reporting verb is the journalist's."""
        lead = [i for i, p in enumerate(self.sentence_paragraph) if p == 0 and self._relays(i)]
        following = [i for i, p in enumerate(self.sentence_paragraph) if p == 1]
        if not lead or not following or any(turns[i] is not None for i in lead):
            return
        first = following[0]
        speaker = turns[first]
        if speaker is not None and speaker.person is not None and how[first] == "speech_verb":
            for i in lead:
                turns[i], how[i] = speaker, "lead_summary"
