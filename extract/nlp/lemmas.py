"""Lemmas for a blank pipeline: spaCy's lookup table (en), pymorphy3 (ru).

pymorphy3 is by far the slowest stage when called per token, so lemmas (and
the morphological parse used for name normalisation) are cached by word form.
Lemmas are lowercase so rules can match them without caring about case.
"""

from __future__ import annotations

from functools import lru_cache

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc


@lru_cache(maxsize=1)
def morph_analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=200_000)
def ru_parse(word: str):
    """The most probable pymorphy3 parse of a word form (cached).  News text reports, it does not command: an
    imperative reading ("пришли" of прислать) gives way to an indicative one of the same form ("пришли" of прийти)."""
    parses = morph_analyzer().parse(word)
    first = parses[0]
    if "impr" in first.tag and len(parses) > 1:
        return next((p for p in parses[1:] if p.tag.POS == "VERB" and "indc" in p.tag), first)
    return first


@lru_cache(maxsize=200_000)
def ru_lemma(lower: str) -> str:
    if not any("а" <= ch <= "я" or ch == "ё" for ch in lower):
        return lower
    return ru_parse(lower).normal_form.replace("ё", "е")


@lru_cache(maxsize=1)
def _en_table() -> dict[str, str]:
    """spaCy's English lemma lookup table (spacy-lookups-data), read as the plain dict it is stored as:
    ``load_lookups`` builds a ``Table`` keyed by string hashes, 0.1-0.15 s of a one-page start-up."""
    from spacy.util import load_language_data, registry

    return load_language_data(registry.lookups.get("en")["lemma_lookup"])


@lru_cache(maxsize=200_000)
def en_lemma(lower: str) -> str:
    table = _en_table()
    lemma = table.get(lower)
    return lemma.lower() if isinstance(lemma, str) else lower


_PYMORPHY_TO_UD = {
    "past": "Tense=Past", "pres": "Tense=Pres", "futr": "Tense=Fut",
    "INFN": "VerbForm=Inf", "PRTF": "VerbForm=Part", "PRTS": "VerbForm=Part|Variant=Short",
    "VERB": "VerbForm=Fin", "pssv": "Voice=Pass", "perf": "Aspect=Perf", "impf": "Aspect=Imp",
    "plur": "Number=Plur", "sing": "Number=Sing",
}


@lru_cache(maxsize=200_000)
def ru_morph(lower: str) -> str:
    """UD-style features of a Russian word form, so rules can ask for ``Tense=Past``."""
    if not any("а" <= ch <= "я" or ch == "ё" for ch in lower):
        return ""
    grammemes = ru_parse(lower).tag.grammemes  # a frozenset: ``in tag`` validates every grammeme first
    feats = sorted({feat for grammeme, feat in _PYMORPHY_TO_UD.items() if grammeme in grammemes for feat in feat.split("|")})
    return "|".join(feats)


class Lemmatizer:
    """Sets ``token.lemma_`` (lowercase) from a cached per-form lookup; Russian verb features too.

    Lemma and features are written for all tokens at once (``Doc.from_array``), looked up once per
    distinct form of the document: a Python loop over Token objects cost more than the lookups.
    """

    MAX_READINGS = 200_000  # forms whose (lemma id, morph key) are kept; then the table starts over

    def __init__(self, lang: str):
        self.lang = lang
        self.lemma_of = ru_lemma if lang == "ru" else en_lemma
        self._readings: dict[int, tuple[int, int]] = {}  # LOWER id → (LEMMA id, MORPH key or 0)

    def __getstate__(self) -> dict:
        return {"lang": self.lang}  # ids are kept per process, not in a pickled pipeline

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["lang"])

    def _reading(self, lower_id: int, vocab) -> tuple[int, int]:
        lower = vocab.strings[lower_id]
        feats = ru_morph(lower) if self.lang == "ru" else ""
        # Permanent strings: a kept id must stay readable whatever memory zone the text was read in.
        lemma_id = vocab.strings.add(self.lemma_of(lower), allow_transient=False)
        return lemma_id, vocab.morphology.add(feats) if feats else 0

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        values = doc.to_array([ORTH, LOWER, IS_SPACE, IS_PUNCT])
        words = numpy.flatnonzero((values[:, 2] == 0) & (values[:, 3] == 0))
        lemmas = values[:, 0].copy()  # space and punctuation: the text itself
        if len(words):
            forms, which = numpy.unique(values[words, 1], return_inverse=True)
            readings = self._readings
            if len(readings) > self.MAX_READINGS:
                readings.clear()
            found = []
            for lower_id in forms.tolist():
                reading = readings.get(lower_id)
                if reading is None:
                    reading = readings[lower_id] = self._reading(lower_id, doc.vocab)
                found.append(reading)
            found_array = numpy.array(found, dtype=numpy.uint64).reshape(-1, 2)
            lemmas[words] = found_array[which, 0]
            with_features = found_array[which, 1]
            featured = with_features != 0
            featured_tokens, featured_keys = words[featured].tolist(), with_features[featured].tolist()
        else:
            featured_tokens = featured_keys = []
        doc.from_array([LEMMA], lemmas)
        # MORPH per token, only where a form has features: from_array would look every token's key up.
        for i, key in zip(featured_tokens, featured_keys):
            doc[i].set_morph(key)
        return doc


@Language.factory("medfacts_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> Lemmatizer:
    return Lemmatizer(nlp.lang)
