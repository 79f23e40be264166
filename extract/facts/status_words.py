"""Status words of a sentence: the verbs, nouns and adjectives that can govern a figure.

A status word has a lexical class (acquire, exist, need, other, increase, plan,
...: ``rules/<lang>/status_verbs.jsonl``) and a time: tense, aspect, voice and
modality, read from the word form and the auxiliaries around it (English, no
tagger) or from pymorphy3's tags (Russian), with the function words of
``rules/<lang>/status_grammar.jsonl``.  ``rules/status_classes.json`` turns
class + time into a status.

The lexicon is in ``status_lexicon.py``; reading the time is in ``en_verb_time.py`` and ``ru_verb_time.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .en_verb_time import (
    en_adjective_participle,
    en_compound_modifier,
    en_is_auxiliary,
    en_noun_use,
    en_phrase_time,
    en_time,
)
from .ru_verb_time import ru_auxiliary_be, ru_tag, ru_time
from .status_lexicon import StatusLexicon, copula_time, lexicon

PROCESS_CLASSES = {"acquire"}  # "the purchase of 20 ventilators": a process whose governing verb decides
VERB_ONLY_CLASSES = {"exist"}  # "work", "use" as nouns say nothing about the figure


@dataclass(frozen=True)
class StatusWord:
    """One word (or phrase) of a sentence that can decide a figure's status."""

    start: int
    end: int
    entry_id: str
    word_class: str
    time: str  # past | perfect | past_perfect | present | progressive | future | infinitive | state | frame_* | agent
    voice: str  # active | passive
    is_noun: bool  # a process noun ("delivery of", "строительство"): its governing verb decides
    transitive: bool  # active subject = agent: "149 complexes provided aid"
    recipient: bool  # active subject = recipient: "27 hospitals received concentrators", "получили"
    attributive: bool  # a participle or adjective inside a noun phrase: governs only a figure next to it
    class_for_category: tuple[tuple[str, str], ...] = ()  # "занято 300 медработников" (staff) is exist, not other

    def describe(self) -> str:
        """The rule id part: "en.verbclass.acquire.purchase+passive_past"."""
        return f"{self.entry_id}+{self.voice}_{self.time}" if self.voice == "passive" else f"{self.entry_id}+{self.time}"


def status_words(sent: Span) -> list[StatusWord]:
    """Every status word of a sentence, in order (cached on the sentence's Doc)."""
    doc = sent.doc
    cache = doc.user_data.setdefault("status_words", {})
    if sent.start not in cache:
        item_tokens = _item_tokens(doc)
        found = _find(doc, sent.start, sent.end, lexicon(doc.lang_))
        # "two medical trains": a word inside an item's name is no predicate
        cache[sent.start] = [word for word in found if word.start not in item_tokens]
    return cache[sent.start]


def _item_tokens(doc: Doc) -> set[int]:
    if "status_item_tokens" not in doc.user_data:
        doc.user_data["status_item_tokens"] = {
            i for span in doc.spans.get("items", []) if span.label_ != "-" for i in range(span.start, span.end)
        }
    return doc.user_data["status_item_tokens"]


def _find(doc: Doc, start: int, end: int, lex: StatusLexicon) -> list[StatusWord]:
    found = []
    i = start
    while i < end:
        phrase = _phrase_at(doc, i, end, lex)
        if phrase is not None:
            length, row = phrase
            time, voice = en_phrase_time(doc, i, lex) if row.get("verbal") else (copula_time(doc, i, lex), "active")
            found.append(StatusWord(i, i + length, row["id"], row["class"], time, voice, False, False, False, False))
            i += length
            continue
        word = _word_at(doc, i, end, lex)
        if word is not None:
            found.append(word)
        i += 1
    return found


def _phrase_at(doc: Doc, i: int, end: int, lex: StatusLexicon) -> tuple[int, dict] | None:
    for words, row in lex.phrases.get(doc[i].lower_, ()):
        if i + len(words) <= end and all(doc[i + k].lower_ == w for k, w in enumerate(words)):
            return len(words), row
    return None


def _word_at(doc: Doc, i: int, end: int, lex: StatusLexicon) -> StatusWord | None:
    token = doc[i]
    if not token.is_alpha:
        return None
    found = lex.entry_of(token)
    if found is None:
        return None
    row, is_noun = found
    attributive = False
    if lex.lang == "en":
        if en_is_auxiliary(doc, i, end, lex) or en_adjective_participle(doc, i) or en_compound_modifier(doc, i):
            return None
        noun_use = en_noun_use(doc, i, end)
        if noun_use and row["class"] in VERB_ONLY_CLASSES:
            return None  # "the work on purchasing": a noun that states nothing
        is_noun = is_noun or (row["class"] in PROCESS_CLASSES and noun_use)
        time, voice = ("present", "active") if is_noun else en_time(doc, i, lex)
    else:
        pos = ru_tag(token, row).POS
        if token.lemma_ == "быть" and ru_auxiliary_be(doc, i, end, lex):
            return None  # "было открыто 14 учреждений": the participle is the verb
        if row.get("predicative_only") and pos == "ADJF":
            return None  # "необходимым оборудованием" describes, "необходимы 30 врачей" says what is needed
        attributive = pos in ("PRTF", "ADJF") and not is_noun
        time, voice = ru_time(doc, i, lex, is_noun, ru_tag(token, row))
    word_class = row.get("passive_class", row["class"]) if voice == "passive" else row["class"]  # "were employed" = hired
    return StatusWord(
        i, i + 1, row["id"], word_class, time, voice, is_noun,
        bool(row.get("transitive")), bool(row.get("recipient")), attributive,
        tuple(row.get("class_for_category", {}).items()),
    )
