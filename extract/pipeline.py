"""Build the rule-based spaCy pipelines (once per process) and run them.

Blank ``en``/``ru`` pipelines, no statistical model: lemmas, sentences, then
matchers built from ``rules/`` and the fact assembler.  Mentions land in
``doc.spans[...]``, facts in ``doc._.facts``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import pipeline_cache

# Importing the modules registers the component factories.
from .facts import assemble  # noqa: F401
from .nlp import dates, gazetteer, lemmas, officials, quantities, sentences  # noqa: F401
from .nlp.lexemes import use_fast_lexeme_attributes
from .rulebook import SUPPORTED_LANGS

GAZETTEERS = (
    ("regions", "regions", "region", True),
    ("items", "items", "item", True),
    ("roles", "roles", "role", True),
    ("status", "status", "status", False),
)


UPPERCASE_ABBREVIATION = re.compile(r"[А-ЯЁA-Z]{2,}\.")


def _keep_acronyms_whole(nlp: Language) -> None:
    """spaCy's Russian exceptions read "МРТ." as the month "март" abbreviated, so "2 аппарата МРТ." lost
    its item; upper-case month and weekday abbreviations do not occur in news text, acronyms do."""
    nlp.tokenizer.rules = {
        text: tokens for text, tokens in nlp.tokenizer.rules.items() if not UPPERCASE_ABBREVIATION.fullmatch(text)
    }


NUMBER_COMPOUND = r"(?<=[0-9])[-–](?=[а-яёА-ЯЁ]{4,})"


def _split_number_compounds(nlp: Language) -> None:
    """ "150-коечная больница" is 150 beds, as "a 150-bed hospital" is: the Russian tokenizer keeps the compound
    whole, so the number never stands alone.  Split it as English does; short case endings ("34-х", "5-й")
    stay on their number."""
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, NUMBER_COMPOUND]).finditer


@lru_cache(maxsize=None)
def pipeline(lang: str) -> Language:
    """The medfacts pipeline for ``lang``, once per process: from the on-disk cache if it holds one for
    these rules and this code (see ``pipeline_cache``), else built and stored there."""
    if lang not in SUPPORTED_LANGS:
        raise ValueError(f"unsupported language {lang!r}; medfacts reads {', '.join(SUPPORTED_LANGS)}")
    nlp = pipeline_cache.load(lang)
    if nlp is None:
        nlp = build(lang)
        pipeline_cache.store(lang, nlp)
    return nlp


def build(lang: str) -> Language:
    """A new pipeline for ``lang`` from the rule files."""
    nlp = spacy.blank(lang)
    _keep_acronyms_whole(nlp)
    if lang == "ru":
        _split_number_compounds(nlp)
    use_fast_lexeme_attributes(nlp)
    nlp.add_pipe("medfacts_lemmatizer")
    nlp.add_pipe("medfacts_sentences")
    for name, rules, value_field, match_lemmas in GAZETTEERS:
        nlp.add_pipe(
            "medfacts_gazetteer",
            name=name,
            config={"rules": rules, "value_field": value_field, "match_lemmas": match_lemmas},
        )
    nlp.add_pipe("medfacts_dates")
    nlp.add_pipe("medfacts_quantities")
    nlp.add_pipe("medfacts_officials")
    nlp.add_pipe("medfacts_facts")
    return nlp


def make_doc(lang: str, text: str, title: str | None = None, published: dt.date | None = None) -> Doc:
    """A tokenised Doc carrying the metadata the components need (publication date, title regions)."""
    nlp = pipeline(lang)
    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.title_regions = title_regions(lang, title, published) if title else []
    return doc


def title_regions(lang: str, title: str, published: dt.date | None = None) -> list[tuple[str, str]]:
    """(region id, rule id) of regions named in a title, in order."""
    nlp = pipeline(lang)
    doc = nlp.make_doc(title)
    doc._.published = published
    doc = nlp.get_pipe("medfacts_lemmatizer")(doc)
    doc = nlp.get_pipe("regions")(doc)
    return [(span.label_, span.id_) for span in doc.spans["regions"] if span.label_ != "-"]


@lru_cache(maxsize=4096)
def phrase_item_rules(lang: str, phrase: str) -> tuple[str, ...]:
    """Rule ids of the item names that end a short phrase ("first-aid stations", "инфекционных коек"), longest
    first: how the items gazetteer reads a noun phrase rebuilt from its parts."""
    nlp = pipeline(lang)
    doc = nlp.get_pipe("medfacts_lemmatizer")(nlp.make_doc(phrase))
    doc = nlp.get_pipe("items")(doc)
    spans = [span for span in doc.spans.get("items", []) if span.end == len(doc)]
    return tuple(span.id_ for span in sorted(spans, key=lambda s: s.start))


def process(docs: Iterable[Doc], lang: str, batch_size: int = 16) -> Iterator[Doc]:
    """Run the pipeline of ``lang`` over prepared Docs (see ``make_doc``)."""
    yield from pipeline(lang).pipe(docs, batch_size=batch_size)


def extract(text: str, lang: str, title: str | None = None, published: dt.date | None = None) -> Doc:
    """Convenience for one text: the processed Doc, facts in ``doc._.facts``."""
    return next(process([make_doc(lang, text, title, published)], lang))
