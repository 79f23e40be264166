"""A pattern matcher over rule files: regions, items, roles, status cues.

Each entry of ``rules/<lang>/<name>.jsonl`` is a phrase (matched on lowercase
forms and, separately, on lemmas, so "Жамбылская область" also finds
"Жамбылской области") or a spaCy token pattern.  The longest matches win and
land in ``doc.spans[<name>]`` with the entry's value as label and its rule id
as ``span.id_``.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..rulebook import RuleEntry, load_patterns
from .anchored import AnchoredMatcher
from .finite import phrases

NONE_LABEL = "-"


class Found(NamedTuple):
    """A match before it becomes a Span."""

    start: int
    end: int
    rule_id: str


class Gazetteer:
    """Match one rule file; keep the longest non-overlapping spans."""

    def __init__(self, nlp: Language, rules: str, value_field: str, match_lemmas: bool = True):
        self.key = rules
        self.entries: dict[str, RuleEntry] = {}
        self.by_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.by_lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.tokens = AnchoredMatcher(nlp.vocab, validate=True)
        lemmatizer = nlp.get_pipe("medfacts_lemmatizer") if "medfacts_lemmatizer" in nlp.pipe_names else None
        strings = nlp.vocab.strings
        for entry in load_patterns(nlp.lang, rules):
            self.entries[entry.id] = entry
            strings.add(entry.id)
            value = entry.get(value_field)
            strings.add(value if value else NONE_LABEL)
            if isinstance(entry.pattern, str):
                phrase = nlp.make_doc(entry.pattern)
                self.by_lower.add(entry.id, [phrase])
                if lemmatizer is not None and match_lemmas:
                    self.by_lemma.add(entry.id, [lemmatizer(nlp.make_doc(entry.pattern))])
            elif (expanded := phrases(entry.pattern)) is not None:  # same matches, a third of the cost
                self.by_lower.add(entry.id, [Doc(nlp.vocab, words=list(words)) for words in expanded])
            else:
                self.tokens.add(entry.id, [entry.pattern])
        self.value_field = value_field

    def value(self, span: Span):
        """The entry's value for a span (region id, item id, ...) or None."""
        return self.entries[span.id_].get(self.value_field)

    def _value_as_of(self, entry: RuleEntry, doc: Doc, published):
        """A town's region as of publication (``published``, the doc's date or None): Semey was
        east_kazakhstan until the 2022 reform.

        Entries may list ``"previous": [{"until": "YYYY-MM-DD", "<value_field>": ...}]``.
        """
        value = entry.get(self.value_field)
        if published is not None:
            for earlier in sorted(entry.get("previous") or [], key=lambda e: e["until"]):
                if published.isoformat() < earlier["until"]:
                    strings = doc.vocab.strings
                    strings.add(earlier[self.value_field])
                    return earlier[self.value_field]
        return value

    def __call__(self, doc: Doc) -> Doc:
        matches = set()
        for matcher in (self.by_lower, self.by_lemma, self.tokens):
            if len(matcher):
                matches.update(matcher(doc))
        strings = doc.vocab.strings
        found = [Found(start, end, strings[match_id]) for match_id, start, end in matches]
        # Longest first, then earliest, then by rule id so equal spans resolve the same way every run.
        found.sort(key=lambda m: (-(m.end - m.start), m.start, m.rule_id))
        # Spans only for the matches kept (filter_spans reads nothing but start and end).
        published = doc._.published if Doc.has_extension("published") else None  # once, not per span
        kept = [
            Span(doc, m.start, m.end, label=self._value_as_of(self.entries[m.rule_id], doc, published) or NONE_LABEL,
                 span_id=m.rule_id)
            for m in sorted(filter_spans(found), key=lambda m: m.start)
        ]
        doc.spans[self.key] = self._dated_by_the_text(kept, doc)
        return doc

    def _dated_by_the_text(self, spans: list[Span], doc: Doc) -> list[Span]:
        """An undated article that names the old region itself ("Алматинская область … Коксуский район") was
        written before the place moved: its towns keep the region the article frames them in."""
        if not Doc.has_extension("published") or doc._.published is not None:
            return spans
        history = [self.entries[s.id_].get("previous") for s in spans]
        if not any(history):
            return spans
        named = {s.label_ for s, previous in zip(spans, history) if not previous}
        for k, (span, previous) in enumerate(zip(spans, history)):
            if not previous or span.label_ in named:
                continue
            earlier = [e[self.value_field] for e in previous if e[self.value_field] in named]
            if earlier:
                doc.vocab.strings.add(earlier[-1])
                spans[k] = Span(doc, span.start, span.end, label=earlier[-1], span_id=span.id_)
        return spans


@Language.factory(
    "medfacts_gazetteer", default_config={"rules": "regions", "value_field": "region", "match_lemmas": True}
)
def make_gazetteer(nlp: Language, name: str, rules: str, value_field: str, match_lemmas: bool) -> Gazetteer:
    """``match_lemmas`` is off for status cues, where the verb form carries the meaning ("закуплено" ≠ "закупят")."""
    return Gazetteer(nlp, rules, value_field, match_lemmas)
