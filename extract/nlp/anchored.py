"""A token Matcher that runs each pattern only where the document has the words it requires.

spaCy's Matcher tries every pattern at every token, and that was most of a page's matching time
(≈ 10 of 25 ms): the token patterns of ``rules/`` that cannot become phrases (optional tokens,
lemmas, morphology, open regexes).  Nearly all of them name a word that must be there for a match
("вице", a form of "главный", the lemma "test", ...), and most documents have none of those words.
So each pattern's required tokens are checked against the set of LOWER, TEXT and LEMMA values of
the document first: a pattern with a required value absent from the document cannot match and is
left out.  A pattern that can match is run in windows around the tokens of its rarest required
value, by a Matcher holding just its key's patterns (built once per key).  The matches are exactly the full Matcher's: spaCy matches each pattern on its own, every match holds
a token of each required value, and a match inside a window is a match of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy

from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .finite import search_language

ATTRIBUTES = {"LOWER": LOWER, "TEXT": ORTH, "ORTH": ORTH, "LEMMA": LEMMA}
REQUIRED_OPS = {None, "1", "+"}  # a token with any other operator may be absent from a match
MAX_LANGUAGE = 4_000  # a finite regex with more matching strings than this is searched, not looked up
MAX_FORMS = 20_000  # forms a regex remembers having tested (a 5,000-page run sees ~100,000 per language)


class RegexForms:
    """Which string ids a regex finds, learnt form by form and kept for later documents.

    One per regex text, shared by every requirement with that regex; at most ``MAX_FORMS`` forms
    are remembered (then it starts over), so a long run does not keep every word it has seen.
    """

    def __init__(self, regex: str):
        self.regex = re.compile(regex)
        self.seen: set[int] = set()  # value ids already tested
        self.matching: set[int] = set()  # those the regex finds

    def among(self, present: set[int], strings) -> set[int]:
        """The ids of ``present`` the regex finds."""
        new = present - self.seen
        if new:
            if len(self.seen) + len(new) > MAX_FORMS:
                self.seen, self.matching, new = set(), set(), present
            search = self.regex.search
            self.matching.update(value for value in new if search(strings[value]))
            self.seen |= new
        return self.matching & present


_REGEX_FORMS: dict[str, RegexForms] = {}


def regex_forms(regex: str) -> RegexForms:
    if regex not in _REGEX_FORMS:
        _REGEX_FORMS[regex] = RegexForms(regex)
    return _REGEX_FORMS[regex]


class Requirement:
    """Some token of the document has ``attribute`` equal to one of ``values``, or matching ``regex``."""

    def __init__(self, attribute: int, values: frozenset[int] | None = None, regex: str | None = None):
        self.attribute = attribute
        self.column = COLUMNS.index(attribute)
        self.values = values
        self.regex = regex_forms(regex) if regex is not None else None
        self._found: set[int] = set()  # the regex's ids in the document last checked

    def met(self, present: set[int], strings) -> bool:
        if self.values is not None:
            return not self.values.isdisjoint(present)
        self._found = self.regex.among(present, strings)
        return bool(self._found)

    def positions(self, where: dict[int, list[int]]) -> list[int]:
        """Indices of the tokens that meet it, from value → token indices (after ``met`` on the same document)."""
        accepted = self.values if self.values is not None else self._found
        found: list[int] = []
        for value in accepted.intersection(where):
            found.extend(where[value])
        return found


COLUMNS = (LOWER, ORTH, LEMMA)
DOC_VALUES_KEY = "anchored_values"


@dataclass
class Compiled:
    """One pattern: what a document must contain for it, and its longest match (None: unbounded)."""

    key: str
    pattern: list[dict]
    needs: list[Requirement]
    longest: int | None


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
                # A regex with finitely many matching strings is the set of those strings: a look-up, not a search.
                language = search_language(spec["REGEX"])
                if language is not None and len(language) <= MAX_LANGUAGE:
                    found.append(Requirement(attribute, values=frozenset(get_string_id(form) for form in language)))
                else:
                    found.append(Requirement(attribute, regex=spec["REGEX"]))
    # Value checks first: they are cheaper than regexes and most often decide.
    return sorted(found, key=lambda requirement: requirement.regex is not None)


def longest_match(pattern: list[dict]) -> int | None:
    """The most tokens a match of ``pattern`` can span, or None if a token may repeat."""
    if any(token.get("OP") not in (None, "1", "?", "!") for token in pattern):
        return None
    return len(pattern)  # a "!" token counted as one: a window too wide is only slower


class AnchoredMatcher:
    """``Matcher``'s ``add``/``__len__``/``__call__`` (on a Doc), over only the text a pattern can match.

    A pattern whose required values are all present is matched in windows around the tokens of
    its rarest required value (as far on each side as its longest match reaches): every match
    contains such a token, so it lies inside one window, and a match inside a window is a match of
    the document.  A pattern that may repeat a token, or names no value, is matched on the whole doc.
    """

    def __init__(self, vocab: Vocab, validate: bool = True):
        self.vocab = vocab
        self.full = Matcher(vocab, validate=validate)
        self.compiled: list[Compiled] = []
        self.patterns: dict[str, list[list[dict]]] = {}
        self._by_key: dict[str, Matcher] = {}

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        self.full.add(key, patterns)
        self.patterns.setdefault(key, []).extend(patterns)
        for pattern in patterns:
            self.compiled.append(Compiled(key, pattern, requirements(pattern, self.vocab.strings), longest_match(pattern)))
        self._by_key.pop(key, None)

    def __len__(self) -> int:
        return len(self.full)

    def possible(self, doc: Doc) -> tuple[str, ...]:
        """The keys with a pattern whose every requirement the document meets."""
        whole, windowed = self._plan(doc)
        return tuple(key for key in self.patterns if key in whole or key in windowed)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        whole, windowed = self._plan(doc)
        found: set[tuple[int, int, int]] = set()
        for key in self.patterns:
            if key in whole:
                found.update(self._matcher(key)(doc))
            elif key in windowed:
                matcher = self._matcher(key)
                for start, end in windowed[key]:
                    found.update((match_id, start + s, start + e) for match_id, s, e in matcher(doc[start:end]))
        return sorted(found, key=lambda match: (match[1], match[2], match[0]))

    def _plan(self, doc: Doc) -> tuple[set[str], dict[str, list[tuple[int, int]]]]:
        """Keys to match on the whole doc, and the keys to match in windows with their merged windows."""
        whole: set[str] = set()
        spans: dict[str, list[tuple[int, int]]] = {}
        if not len(doc):
            return whole, {}
        columns, present, where = doc_values(doc)
        strings = self.vocab.strings
        length = len(doc)
        for compiled in self.compiled:
            if not all(r.met(present[r.column], strings) for r in compiled.needs):
                continue
            if compiled.longest is None or not compiled.needs:
                whole.add(compiled.key)
                continue
            for r in compiled.needs:
                if where[r.column] is None:
                    where[r.column] = index(columns[r.column])
            anchors = min((r.positions(where[r.column]) for r in compiled.needs), key=len)
            reach = compiled.longest - 1
            spans.setdefault(compiled.key, []).extend((max(0, i - reach), min(length, i + reach + 1)) for i in anchors)
        return whole, {key: merged(windows) for key, windows in spans.items() if key not in whole}

    def _matcher(self, key: str) -> Matcher:
        """A Matcher holding one key's patterns, built on first use: spaCy matches each pattern on its own, so
        the matches of several keys are the union of theirs (a Matcher per subset of keys was rebuilt for
        nearly every unseen document)."""
        matcher = self._by_key.get(key)
        if matcher is None:
            matcher = self._by_key[key] = Matcher(self.vocab, validate=False)  # the full Matcher validated them
            matcher.add(key, self.patterns[key])
        return matcher


def doc_values(doc: Doc) -> tuple[list[list[int]], list[set[int]], list[dict[int, list[int]] | None]]:
    """The document's LOWER, ORTH and LEMMA ids per token, as sets, and value → token indices (filled when
    needed): the same for every anchored matcher of a pipeline, so worked out once per document.  Kept in
    ``doc.user_data`` with the array they came from and reused only while the array is unchanged (a lemma
    set after the first matcher ran means a new reading)."""
    array = doc.to_array(list(COLUMNS))
    kept = doc.user_data.get(DOC_VALUES_KEY)
    if kept is not None and kept[0].shape == array.shape and numpy.array_equal(kept[0], array):
        return kept[1]
    columns = [column.tolist() for column in array.T]
    values = (columns, [set(column) for column in columns], [None] * len(COLUMNS))
    doc.user_data[DOC_VALUES_KEY] = (array, values)
    return values


def index(values: list[int]) -> dict[int, list[int]]:
    where: dict[int, list[int]] = {}
    for i, value in enumerate(values):
        where.setdefault(value, []).append(i)
    return where


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching (start, end) windows joined."""
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(start, end) for start, end in out]
