"""Lemmas for a blank pipeline: spaCy's lookup table (en), pymorphy3 (ru).

pymorphy3 is by far the slowest stage when called per token, so lemmas (and
the morphological parse used for name normalisation) are cached by word form.
Lemmas are lowercase so rules can match them without caring about case.
"""

from __future__ import annotations

from functools import lru_cache

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
def _en_table():
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


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
    tag = ru_parse(lower).tag
    feats = sorted({feat for grammeme, feat in _PYMORPHY_TO_UD.items() if grammeme in tag for feat in feat.split("|")})
    return "|".join(feats)


class Lemmatizer:
    """Sets ``token.lemma_`` (lowercase) from a cached per-form lookup; Russian verb features too."""

    def __init__(self, lang: str):
        self.lang = lang
        self.lemma_of = ru_lemma if lang == "ru" else en_lemma

    def __call__(self, doc: Doc) -> Doc:
        lemma_of = self.lemma_of
        with_morph = self.lang == "ru"
        for token in doc:
            if token.is_space or token.is_punct:
                token.lemma_ = token.text
                continue
            lower = token.lower_
            token.lemma_ = lemma_of(lower)
            if with_morph:
                feats = ru_morph(lower)
                if feats:
                    token.set_morph(feats)
        return doc


@Language.factory("medfacts_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> Lemmatizer:
    return Lemmatizer(nlp.lang)
