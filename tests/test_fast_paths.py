"""The faster ways of computing what spaCy and the components already computed give the same values."""

from __future__ import annotations

import spacy
from spacy.attrs import LIKE_NUM
from spacy.lang.ru.lex_attrs import _num_words, like_num

from conftest import CORPUS
from extract.nlp.lexemes import ru_like_num
from extract.pipeline import pipeline


def test_russian_like_num_on_a_set_answers_as_spacys_list_does():
    nlp = spacy.blank("ru")
    words = {token.text for path in sorted(CORPUS.glob("*.html")) for token in nlp.make_doc(path.read_text("utf-8"))}
    words |= set(_num_words) | {w.upper() for w in _num_words} | {w.capitalize() for w in _num_words}
    words |= {"+5", "-5", "±3", "~10", "50%", "1,5", "1.500", "1/2", "1/2/3", "a/b", "+пять", "пять%", "двадцать.",
              "", "-", "%", "/", "XIV", "ii", "1 000"}
    assert all(ru_like_num(word) == like_num(word) for word in words)
    assert ru_like_num("пятидесяти") and not ru_like_num("больница")


def test_the_russian_pipeline_uses_the_set_based_like_num():
    nlp = pipeline("ru")
    assert nlp.vocab.lex_attr_getters[LIKE_NUM] is ru_like_num
    doc = nlp.make_doc("Поступило двести аппаратов и 1,5 тысячи масок")
    assert [token.like_num for token in doc] == [False, True, False, False, True, True, False]  # "тысячи" too
