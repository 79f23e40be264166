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


def _split(lang: str, text: str):
    nlp = pipeline(lang)
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        doc = component(doc)
        if name == "medfacts_sentences":
            return doc
    raise AssertionError("no sentence splitter")


def test_a_spans_sentence_from_the_splitters_table_is_spacys_sentence():
    text = ("В области закуплено 5 аппаратов ИВЛ. Об этом сообщил А. Джансенгиров.\n"
            "Закуплено:\n- 3 рентгеновских аппарата;\n- 2 аппарата МРТ.\nИтого 4 тыс. единиц.")
    doc = _split("ru", text)
    hook = doc.user_span_hooks.pop("sent")
    spans = [doc[i:j] for i in range(len(doc)) for j in range(i + 1, min(len(doc), i + 4) + 1)]
    spacys = [(span.sent.start, span.sent.end) for span in spans]  # spaCy's walk over sent_start
    doc.user_span_hooks["sent"] = hook
    assert [(span.sent.start, span.sent.end) for span in spans] == spacys
    assert [(t.sent.start, t.sent.end) for t in doc] == [spacys[k] for k, s in enumerate(spans) if len(s) == 1]
    assert len({s for s in spacys}) == len(list(doc.sents)) > 3


def test_the_documents_text_is_joined_once_and_is_the_docs_text():
    from extract.nlp.doc_text import KEY, doc_text

    doc = _split("en", "The region has only 148 ventilators.\n\nTwo more arrived. ")
    assert doc.user_data[KEY] == doc.text == doc_text(doc)
    doc.user_data[KEY] = "stale"  # a kept text that does not end where the last token does is read again
    assert doc_text(doc) == doc.text
    empty = pipeline("ru").make_doc("")
    assert doc_text(empty) == ""


def test_sentences_split_from_sliced_token_texts_keep_initials_abbreviations_and_closers():
    doc = _split("ru", "Об этом сообщил А. Джансенгиров. Закуплено 4 тыс. аппаратов, т.е. больше. «Мало.» Итого 5 шт.\n"
                       "— Новый абзац (см. выше). Конец")
    assert [s.text for s in doc.sents] == [
        "Об этом сообщил А. Джансенгиров.", "Закуплено 4 тыс. аппаратов, т.е. больше.", "«Мало.»", "Итого 5 шт.\n",
        "— Новый абзац (см. выше).", "Конец"]  # a line break ends the sentence it follows


def test_a_page_without_a_fact_never_builds_the_documents_frame_and_speakers(monkeypatch):
    import extract.facts.assemble as assemble
    from extract.pipeline import extract

    def refuse(doc):
        raise AssertionError("DocumentContext built for a page without a fact")

    monkeypatch.setattr(assemble, "DocumentContext", refuse)
    assert extract("В 2024 году на заседании выступили 12 депутатов и 3 министра.", "ru")._.facts == []
    assert extract("Погода хорошая.", "ru")._.facts == []
    monkeypatch.undo()
    assert [f.item for f in extract("В области закуплено 5 аппаратов ИВЛ.", "ru")._.facts] == ["ventilator"]
