"""A Doc's text, joined once per document.

``Doc.text`` joins the text of every token (a Token object each) on every access, and five steps
(sentences, quantities, list headers, speakers, rows) read it.  The tokenizer keeps the text whole,
so the first reading is kept in ``doc.user_data`` and returned to the others.
"""

from __future__ import annotations

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

KEY = "doc_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per document (checked against the last token's end)."""
    text = doc.user_data.get(KEY)
    if text is not None and len(doc):
        last = doc[-1]
        if last.idx + len(last.text_with_ws) != len(text):
            text = None
    if text is None:
        text = doc.user_data[KEY] = doc.text
    return text


def token_texts(doc: Doc) -> list[str]:
    """Every token's text, sliced from the document text (``Token.text`` builds a Token and decodes a string
    on each access; ``doc.text[token.idx : token.idx + len(token)]`` is the token's text)."""
    text = doc_text(doc)
    return [text[idx : idx + length] for idx, length in doc.to_array([IDX, LENGTH]).tolist()]
