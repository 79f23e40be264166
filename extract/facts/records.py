"""A processed Doc → the rows the warehouse stores (plain dicts, no spaCy)."""

from __future__ import annotations

import datetime as dt
import hashlib

from spacy.tokens import Doc

from warehouse.store import DocumentRows

from ..acquire.identity import simhash
from ..fingerprint import code_fingerprint
from ..rulebook import rules_hash
from .qualifiers import qualifier_of
from ..nlp.doc_text import doc_text
from ..nlp.sentences import paragraph_of
from ..acquire.text import TextDocument
from .reasons import items_by_start, why_not_a_fact

MENTION_KINDS = ("regions", "items", "roles", "status", "date", "quantity", "official")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def doc_id_for(text: str) -> str:
    return sha256(text)[:16]


def fact_id_for(doc_id: str, fact) -> str:
    return sha256(f"{doc_id}|{fact.start_char}|{fact.end_char}|{fact.item}|{fact.rule}")[:16]


def to_rows(document: TextDocument, lang: str, doc: Doc, run_id: str) -> DocumentRows:
    doc_id = doc_id_for(document.text)
    record = {
        "doc_id": doc_id,
        "source": document.source,
        "url": document.url,
        "title": document.title,
        "published": document.published,
        "sitename": document.sitename,
        "lang": lang,
        "text": document.text,
        "content_hash": sha256(document.text),
        "simhash": simhash(document.text),  # the writer compares it with the stored originals
        "rules_hash": rules_hash(),
        "code_hash": code_fingerprint(),
        "run_id": run_id,
        "ingested_at": dt.datetime.now(),
        **document.provenance,
    }
    text = doc_text(doc)  # once: Doc.text and Span.text join every token's text on each access
    sentences = [
        {
            "doc_id": doc_id,
            "sentence_index": i,
            "paragraph": paragraph_of(doc, sent.start_char),
            "start_char": sent.start_char,
            "end_char": sent.end_char,
            "text": text[sent.start_char : sent.end_char],
        }
        for i, sent in enumerate(doc.sents)
    ]
    mentions = []
    counted = {(fact.start_char, fact.end_char) for fact in doc._.facts or []}
    item_at = None  # item spans by start token, read once for every quantity that is not a fact
    for kind in MENTION_KINDS:
        for span in doc.spans.get(kind, []):
            label, reason = span.label_, None
            if kind == "quantity":
                label = f"{span._.value:g}"
                if (span.start_char, span.end_char) not in counted:
                    if item_at is None:
                        item_at = items_by_start(doc)
                    reason = why_not_a_fact(span, item_at)
            elif kind == "date":
                label = span._.date
            mentions.append(
                {"doc_id": doc_id, "kind": kind, "label": label, "start_char": span.start_char,
                 "end_char": span.end_char, "text": text[span.start_char : span.end_char], "rule": span.id_,
                 "reason": reason}
            )
    facts = []
    for fact in doc._.facts or []:
        row = fact.as_row()
        row["doc_id"] = doc_id
        row["fact_id"] = fact_id_for(doc_id, fact)
        row["qualifier"], _ = qualifier_of(text, fact.start_char, lang)
        facts.append(row)
    return DocumentRows(record, sentences, mentions, facts)
