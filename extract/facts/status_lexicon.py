"""The status lexicon of a language: word classes (``rules/<lang>/status_verbs.jsonl``), the function words
that carry time (``rules/<lang>/status_grammar.jsonl``) and the table that turns class + time into a status
(``rules/status_classes.json``)."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from ..nlp.lemmas import morph_analyzer, ru_parse
from ..rulebook import load_json, load_jsonl

FRAME_CLASSES = {"plan": "frame_plan", "need": "frame_need", "possible": "frame_possible", "begin": "frame_plan"}
STEM = 4
VERBAL_POS = ("VERB", "INFN", "PRTS", "PRTF", "GRND")


@lru_cache(maxsize=None)
def status_table() -> dict[str, dict[str, str]]:
    return {name: row for name, row in load_json("status_classes.json").items() if not name.startswith("_")}


class StatusLexicon:
    """The lexical classes and function words of one language."""

    def __init__(self, lang: str):
        self.lang = lang
        self.words: dict[str, dict] = {}
        self.nouns: dict[str, dict] = {}
        self.phrases: dict[str, list[tuple[tuple[str, ...], dict]]] = {}
        for row in load_jsonl(f"{lang}/status_verbs.jsonl"):
            if "phrase" in row:
                words = tuple(row["phrase"].lower().split())
                self.phrases.setdefault(words[0], []).append((words, row))
            elif row.get("pos") == "noun":
                self.nouns[row["lemma"]] = row
            else:
                self.words[row["lemma"]] = row
        for candidates in self.phrases.values():
            candidates.sort(key=lambda pair: -len(pair[0]))
        # "сократилось с 500 до 420": verbs of decrease whose "до N" is the level reached (status_verbs: "level_to")
        self.level_verbs = {row["id"] for row in load_jsonl(f"{lang}/status_verbs.jsonl") if row.get("level_to")}
        self.stems = {lemma[:STEM] for lemma in self.words}  # only these forms are worth a second reading
        self.role_of = {word: row["role"] for row in load_jsonl(f"{lang}/status_grammar.jsonl") for word in row["words"]}

    def role(self, token) -> str | None:
        return self.role_of.get(token.lower_)

    def entry_of(self, token) -> tuple[dict, bool] | None:
        """(lexicon entry, is a process noun) for a single token, by lemma."""
        lemma = token.lemma_
        if lemma in self.words:
            return self.words[lemma], False
        if lemma in self.nouns:
            return self.nouns[lemma], True
        if self.lang == "ru" and lemma.endswith(("ся", "сь")) and lemma[:-2] in self.words:
            return self.words[lemma[:-2]], False  # "закупаться" is the passive of "закупать"
        if self.lang == "ru" and token.lower_[:STEM] in self.stems:
            parse = ru_verb_parse(token.lower_)
            if parse is not None and parse.normal_form in self.words:
                return self.words[parse.normal_form], False
        return None


@lru_cache(maxsize=100_000)
def ru_verb_parse(lower: str):
    """A verbal reading of a Russian form whose likeliest reading is not one: "открыто" (ADVB) is also a short
    participle, and after "было" it is one."""
    if not any("а" <= ch <= "я" or ch == "ё" for ch in lower):
        return None
    first = ru_parse(lower)
    if first.tag.POS in VERBAL_POS:
        return first
    # not an imperative: "вступили в строй" is no order to build
    return next((p for p in morph_analyzer().parse(lower) if p.tag.POS in VERBAL_POS and "impr" not in p.tag), None)


@lru_cache(maxsize=None)
def lexicon(lang: str) -> StatusLexicon:
    return StatusLexicon(lang)


def copula_time(doc: Doc, i: int, lex: StatusLexicon) -> str:
    """Time of a phrase or a noun from the copula before it: "will be under construction", "было в наличии"."""
    j = i - 1
    while j >= 0 and i - j <= 3:
        role = lex.role(doc[j])
        if role == "future":
            return "future"
        if role in ("be_past", "past_copula"):
            return "past"
        if role in ("be_present",):
            return "present"
        j -= 1
    return "present"
