"""A token Matcher that runs only the patterns whose required words occur in the document.

spaCy's Matcher tries every pattern at every token, and that was most of a page's matching time
(≈ 10 of 25 ms): the token patterns of ``rules/`` that cannot become phrases (optional tokens,
lemmas, morphology, open regexes).  Nearly all of them name a word that must be there for a match
("вице", a form of "главный", the lemma "test", ...), and most documents have none of those words.
So before matching, each pattern's required tokens are checked against the set of LOWER, TEXT and
LEMMA values of the document; a pattern with a required value absent from the document cannot
match and is left out.  The patterns that remain are matched by a Matcher holding just them
(built once per such subset), which finds exactly the matches the full Matcher finds for them:
spaCy matches each pattern on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy
from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

ATTRIBUTES = {"LOWER": LOWER, "TEXT": ORTH, "ORTH": ORTH, "LEMMA": LEMMA}
REQUIRED_OPS = {None, "1", "+"}  # a token with any other operator may be absent from a match
MAX_SUBSETS = 512  # Matchers kept for subsets of patterns; past this the cache starts over


class Requirement:
    """Some token of the document has ``attribute`` equal to one of ``values``, or matching ``regex``."""

    def __init__(self, attribute: int, values: frozenset[int] | None = None, regex: str | None = None):
        self.attribute = attribute
        self.values = values
        self.regex = re.compile(regex) if regex is not None else None
        self._seen: set[int] = set()  # value ids already tested against the regex
        self._matching: set[int] = set()  # those that matched

    def met(self, present: set[int], strings) -> bool:
        if self.values is not None:
            return not self.values.isdisjoint(present)
        new = present - self._seen
        if new:
            search = self.regex.search
            self._matching.update(value for value in new if search(strings[value]))
            self._seen |= new
        return not self._matching.isdisjoint(present)


def requirements(pattern: list[dict], strings) -> list[Requirement]:
    """What a document must contain for ``pattern`` to match (values and regexes of its required tokens).

    Only ``LOWER``/``TEXT``/``ORTH``/``LEMMA`` given as a string, an ``IN`` list or a ``REGEX`` count;
    anything else in a token (MORPH, IS_ALPHA, ...) is simply not checked, which keeps every
    requirement a necessary condition.
    """
    found = []
    for token in pattern:
        if token.get("OP") not in REQUIRED_OPS:
            continue
        for name, spec in token.items():
            attribute = ATTRIBUTES.get(name)
            if attribute is None:
                continue
            if isinstance(spec, str):
                found.append(Requirement(attribute, values=frozenset({strings.add(spec)})))
            elif isinstance(spec, dict) and len(spec) == 1 and "IN" in spec and all(isinstance(v, str) for v in spec["IN"]):
                found.append(Requirement(attribute, values=frozenset(strings.add(v) for v in spec["IN"])))
            elif isinstance(spec, dict) and len(spec) == 1 and isinstance(spec.get("REGEX"), str):
                found.append(Requirement(attribute, regex=spec["REGEX"]))
    # Value checks first: they are cheaper than regexes and most often decide.
    return sorted(found, key=lambda requirement: requirement.regex is not None)


class AnchoredMatcher:
    """``Matcher``'s ``add``/``__len__``/``__call__`` (on a Doc), minus the patterns a document cannot match."""

    def __init__(self, vocab: Vocab, validate: bool = True):
        self.vocab = vocab
        self.full = Matcher(vocab, validate=validate)
        self.patterns: dict[str, list[list[dict]]] = {}
        self.needs: dict[str, list[list[Requirement]]] = {}
        self._subsets: dict[tuple[str, ...], Matcher] = {}

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        self.full.add(key, patterns)
        self.patterns.setdefault(key, []).extend(patterns)
        self.needs.setdefault(key, []).extend(requirements(p, self.vocab.strings) for p in patterns)
        self._subsets.clear()

    def __len__(self) -> int:
        return len(self.full)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        active = self.possible(doc)
        if not active:
            return []
        return self._matcher(active)(doc)

    def possible(self, doc: Doc) -> tuple[str, ...]:
        """The keys with a pattern whose every requirement the document meets."""
        if not len(doc):
            return tuple(self.patterns)
        columns = doc.to_array([LOWER, ORTH, LEMMA])
        present = {attribute: set(numpy.unique(columns[:, i]).tolist()) for i, attribute in enumerate((LOWER, ORTH, LEMMA))}
        strings = self.vocab.strings
        return tuple(
            key for key, needs in self.needs.items()
            if any(all(r.met(present[r.attribute], strings) for r in pattern_needs) for pattern_needs in needs)
        )

    def _matcher(self, keys: tuple[str, ...]) -> Callable[[Doc], list]:
        if len(keys) == len(self.patterns):
            return self.full
        matcher = self._subsets.get(keys)
        if matcher is None:
            if len(self._subsets) >= MAX_SUBSETS:
                self._subsets.clear()
            matcher = Matcher(self.vocab, validate=False)  # the full Matcher validated these patterns
            for key in keys:
                matcher.add(key, self.patterns[key])
            self._subsets[keys] = matcher
        return matcher
