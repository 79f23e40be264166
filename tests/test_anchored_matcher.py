"""The anchored Matcher finds exactly what spaCy's Matcher finds, running only the patterns a text can match."""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.attrs import LOWER
from spacy.strings import get_string_id

from conftest import CORPUS
from extract.acquire.fetch import Fetched
from extract.acquire.sources import Source
from extract.acquire.text import to_document
from extract.nlp.anchored import AnchoredMatcher
from extract.nlp.finite import search_language
from extract.pipeline import pipeline

VICE_PREMIER = [{"LOWER": "первый", "OP": "?"}, {"LOWER": "вице"}, {"LOWER": "-", "OP": "?"},
                {"LOWER": {"REGEX": "^премьер(а|у|ом)?$"}}]


def test_a_pattern_whose_required_word_is_absent_is_not_run():
    nlp = spacy.blank("ru")
    matcher = AnchoredMatcher(nlp.vocab)
    matcher.add("vice_premier", [VICE_PREMIER])
    matcher.add("optional_only", [[{"LOWER": "первый", "OP": "?"}]])
    without = nlp.make_doc("Первый заместитель премьера выступил.")
    assert matcher.possible(without) == ("optional_only",)
    with_word = nlp.make_doc("Первый вице-премьер выступил, вице премьером был другой.")
    assert matcher.possible(with_word) == ("vice_premier", "optional_only")
    assert sorted(matcher(with_word)) == sorted(matcher.full(with_word))
    assert {(nlp.vocab.strings[m], s, e) for m, s, e in matcher(with_word)} >= {("vice_premier", 0, 4), ("vice_premier", 6, 8)}


def test_a_required_regex_is_checked_on_the_documents_forms():
    nlp = spacy.blank("ru")
    matcher = AnchoredMatcher(nlp.vocab)
    matcher.add("vice_premier", [VICE_PREMIER])
    assert matcher.possible(nlp.make_doc("вице-президент")) == ()
    assert matcher.possible(nlp.make_doc("вице-премьеру")) == ("vice_premier",)
    assert matcher(nlp.make_doc("вице-президент")) == []


def _corpus_texts() -> list[str]:
    return [to_document(Fetched(Source(str(p), "html"), p.read_bytes(), "html")).text for p in sorted(CORPUS.glob("*.html"))]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_token_matcher_of_the_pipeline_finds_what_the_full_matcher_finds_in_the_corpus(lang):
    nlp = pipeline(lang)
    matchers = [nlp.get_pipe(name).tokens for name in ("regions", "items", "roles", "status")]
    matchers.append(nlp.get_pipe("medfacts_dates").matcher)
    assert all(isinstance(m, AnchoredMatcher) for m in matchers)
    lemmatize = nlp.get_pipe("medfacts_lemmatizer")
    found = skipped = 0
    for text in _corpus_texts():  # both languages through each pipeline: more forms, more patterns tried
        doc = lemmatize(nlp.make_doc(text))
        for matcher in matchers:
            expected = sorted(matcher.full(doc))
            assert sorted(matcher(doc)) == expected
            found += len(expected)
            skipped += len(matcher.patterns) - len(matcher.possible(doc))
    assert found > 0 and skipped > 0


def test_a_regex_that_forgets_its_forms_still_finds_the_same_matches(monkeypatch):
    import extract.nlp.anchored as anchored

    monkeypatch.setattr(anchored, "MAX_FORMS", 3)  # starts over on nearly every document
    nlp = spacy.blank("ru")
    matcher = AnchoredMatcher(nlp.vocab)
    open_ended = VICE_PREMIER[:-1] + [{"LOWER": {"REGEX": "^премьер[а-я]*$"}}]  # searched: its language is infinite
    matcher.add("vice_premier", [open_ended])
    for text in ("вице-премьер сказал", "вице премьера нет, есть вице-президент и премьер", "вице-премьером стал другой"):
        doc = nlp.make_doc(text)
        assert sorted(matcher(doc)) == sorted(matcher.full(doc))
        assert len(matcher.compiled[0].needs[-1].regex.seen) <= max(3, len(set(t.lower for t in doc)))


def test_a_finite_regex_is_looked_up_as_the_set_of_strings_it_finds():
    nlp = spacy.blank("ru")
    matcher = AnchoredMatcher(nlp.vocab)
    matcher.add("vice_premier", [VICE_PREMIER])
    regex_needs = [need for need in matcher.compiled[0].needs if need.attribute == LOWER and need.values
                   and len(need.values) > 1]
    assert regex_needs and regex_needs[0].regex is None
    searched = re.compile("^премьер(а|у|ом)?$").search
    forms = ["премьер", "премьера", "премьеру", "премьером", "премьере", "премьер\n", "премьера\n", "премьер\n\n", "вице", ""]
    assert all((get_string_id(f) in regex_needs[0].values) == bool(searched(f)) for f in forms)
    assert search_language("(?i)^премьер$") is None and search_language("^год[а-я]*$") is None
    assert search_language("^(а|б)в?$") == {"а", "б", "ав", "бв", "а\n", "б\n", "ав\n", "бв\n"}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_finite_regex_requirement_accepts_exactly_the_forms_its_regex_finds(lang):
    nlp = pipeline(lang)
    lemmatize = nlp.get_pipe("medfacts_lemmatizer")
    forms = {form for text in _corpus_texts() for token in lemmatize(nlp.make_doc(text))
             for form in (token.text, token.lower_, token.lemma_)}
    forms |= {form + "\n" for form in forms}
    checked = 0
    for name in ("regions", "items", "roles", "status", "medfacts_dates"):
        component = nlp.get_pipe(name)
        matcher = component.tokens if name != "medfacts_dates" else component.matcher
        for compiled in matcher.compiled:
            for token in compiled.pattern:
                for spec in token.values():
                    if isinstance(spec, dict) and isinstance(spec.get("REGEX"), str) and search_language(spec["REGEX"]):
                        language = {get_string_id(f) for f in search_language(spec["REGEX"])}
                        searched = re.compile(spec["REGEX"]).search
                        assert {f for f in forms if searched(f)} == {f for f in forms if get_string_id(f) in language}
                        checked += 1
    assert checked > 0 or lang == "en"
