"""Finite token patterns compiled to phrases match exactly what the token patterns match."""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from conftest import CORPUS
from extract.acquire.fetch import Fetched
from extract.acquire.sources import Source
from extract.acquire.text import to_document
from extract.nlp.finite import phrases
from extract.pipeline import pipeline
from extract.rulebook import load_patterns


def test_an_anchored_regex_with_alternations_becomes_its_forms():
    assert phrases([{"LOWER": {"REGEX": "^тараз(а|у|ом|е)?$"}}]) == [("тараз",), ("тараза",), ("таразе",), ("таразом",), ("таразу",)]
    assert phrases([{"LOWER": {"REGEX": "^обл\\.?$"}}, {"LOWER": {"IN": ["и", ","]}}]) == [
        ("обл", ","), ("обл", "и"), ("обл.", ","), ("обл.", "и")]


@pytest.mark.parametrize("pattern", [
    [{"LOWER": {"REGEX": "^тараз.*$"}}],  # infinite
    [{"LOWER": {"REGEX": "тараз"}}],  # unanchored: any token containing it
    [{"LEMMA": "область"}],
    [{"LOWER": "в"}, {"LOWER": "области", "OP": "?"}],
])
def test_other_patterns_stay_token_patterns(pattern):
    assert phrases(pattern) is None


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_compiled_region_patterns_find_the_same_matches_in_the_corpus(lang):
    nlp = pipeline(lang)
    tokens, compiled = Matcher(nlp.vocab), PhraseMatcher(nlp.vocab, attr="LOWER")
    for entry in load_patterns(lang, "regions"):
        expanded = None if isinstance(entry.pattern, str) else phrases(entry.pattern)
        if expanded:
            tokens.add(entry.id, [entry.pattern])
            compiled.add(entry.id, [Doc(nlp.vocab, words=list(words)) for words in expanded])
    assert len(tokens) > 10
    texts = [to_document(Fetched(Source(str(p), "html"), p.read_bytes(), "html")).text for p in sorted(CORPUS.glob("*.html"))]
    found = 0
    for text in texts:
        doc = nlp.make_doc(text)
        assert set(tokens(doc)) == set(compiled(doc))
        found += len(tokens(doc))
    assert found > 0
