"""Status words of a sentence: the verbs, nouns and adjectives that can govern a figure.

A status word has a lexical class (acquire, exist, need, other, increase, plan,
...: ``rules/<lang>/status_verbs.jsonl``) and a time: tense, aspect, voice and
modality, read from the word form and the auxiliaries around it (English, no
tagger) or from pymorphy3's tags (Russian), with the function words of
``rules/<lang>/status_grammar.jsonl``.  ``rules/status_classes.json`` turns
class + time into a status.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..nlp.lemmas import morph_analyzer, ru_parse
from ..rulebook import load_json, load_jsonl

MAX_CHAIN = 6  # auxiliaries and adverbs looked at before a verb: "have also recently been purchased"
FRAME_CLASSES = {"plan": "frame_plan", "need": "frame_need", "possible": "frame_possible", "begin": "frame_plan"}
EN_DETERMINERS = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "of", "for", "additional", "further", "new"}
EN_ARTICLES = {"the", "a", "an", "its", "their", "these", "those", "this"}
EN_PREPOSITIONS = {"by", "to", "in", "from", "for", "at", "on", "under", "with", "through", "via", "into", "within", "across", "as"}
PROCESS_CLASSES = {"acquire"}  # "the purchase of 20 ventilators": a process whose governing verb decides
STEM = 4
VERBAL_POS = ("VERB", "INFN", "PRTS", "PRTF", "GRND")
VERB_ONLY_CLASSES = {"exist"}  # "work", "use" as nouns say nothing about the figure
RU_IMPERFECTIVE_REFLEXIVE = ("ается", "яется", "уется", "ются", "аются", "яются", "уются", "ивается", "ывается")


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

    def describe(self) -> str:
        """The rule id part: "en.verbclass.acquire.purchase+passive_past"."""
        return f"{self.entry_id}+{self.voice}_{self.time}" if self.voice == "passive" else f"{self.entry_id}+{self.time}"


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
    return next((p for p in morph_analyzer().parse(lower) if p.tag.POS in VERBAL_POS), None)


@lru_cache(maxsize=None)
def lexicon(lang: str) -> StatusLexicon:
    return StatusLexicon(lang)


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
            time, voice = _en_phrase_time(doc, i, lex) if row.get("verbal") else (_copula_time(doc, i, lex), "active")
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
        if _en_is_auxiliary(doc, i, end, lex) or _en_adjective_participle(doc, i):
            return None
        noun_use = _en_noun_use(doc, i, end)
        if noun_use and row["class"] in VERB_ONLY_CLASSES:
            return None  # "the work on purchasing": a noun that states nothing
        is_noun = is_noun or (row["class"] in PROCESS_CLASSES and noun_use)
        time, voice = ("present", "active") if is_noun else _en_time(doc, i, lex)
    else:
        pos = _ru_tag(token, row).POS
        if token.lemma_ == "быть" and _ru_auxiliary_be(doc, i, end, lex):
            return None  # "было открыто 14 учреждений": the participle is the verb
        if row.get("predicative_only") and pos == "ADJF":
            return None  # "необходимым оборудованием" describes, "необходимы 30 врачей" says what is needed
        attributive = pos in ("PRTF", "ADJF") and not is_noun
        time, voice = _ru_time(doc, i, lex, is_noun, _ru_tag(token, row))
    word_class = row.get("passive_class", row["class"]) if voice == "passive" else row["class"]  # "were employed" = hired
    return StatusWord(
        i, i + 1, row["id"], word_class, time, voice, is_noun,
        bool(row.get("transitive")), bool(row.get("recipient")), attributive,
    )


# -- English: auxiliaries and participle forms, no tagger ---------------------------------------
def _en_form(token) -> str:
    """base | s | ing | ed (past or participle), from the word form against its lookup lemma."""
    lower, lemma = token.lower_, token.lemma_
    if lower == "has":
        return "s"
    if lower == lemma:
        return "base"
    if lower.endswith("ing"):
        return "ing"
    if lower in (lemma + "s", lemma + "es") or (lemma.endswith("y") and lower == lemma[:-1] + "ies"):
        return "s"
    return "ed"


def _en_next_word(doc: Doc, i: int, end: int, lex: StatusLexicon):
    j = i + 1
    while j < end and lex.role(doc[j]) in ("skip", "negation"):
        j += 1
    return doc[j] if j < end else None


def _en_is_auxiliary(doc: Doc, i: int, end: int, lex: StatusLexicon) -> bool:
    """"has" in "has been purchased", "had had", "has to": an auxiliary, not the verb of possession."""
    token = doc[i]
    if token.lemma_ != "have":
        return False
    following = _en_next_word(doc, i, end, lex)
    if following is None:
        return False
    return lex.role(following) in ("been", "to") or (following.is_alpha and _en_form(following) == "ed")


def _en_adjective_participle(doc: Doc, i: int) -> bool:
    """"the remaining 16 facilities": an -ing form after a determiner describes, it does not predicate."""
    return i > 0 and doc[i - 1].lower_ in EN_ARTICLES and _en_form(doc[i]) == "ing"


def _en_noun_use(doc: Doc, i: int, end: int) -> bool:
    """"the purchase of 20 ventilators", "a need for": a verb lemma used as a noun."""
    token = doc[i]
    before = doc[i - 1].lower_ if i > 0 else ""
    form = _en_form(token)
    if form == "ing":
        return before in EN_PREPOSITIONS or before == "of"  # "the work on purchasing one more scanner"
    if form not in ("base", "s"):
        return False
    after = doc[i + 1].lower_ if i + 1 < end else ""
    return before in EN_DETERMINERS or after == "of"


def _en_chain(doc: Doc, i: int, lex: StatusLexicon) -> list[tuple[int, str]]:
    """(index, role) of the auxiliaries before the verb at ``i``, left to right, adverbs skipped."""
    chain = []
    j = i - 1
    while j >= 0 and i - j <= MAX_CHAIN:
        role = lex.role(doc[j])
        if role is None or role in ("clause_start",):
            break
        if role not in ("skip", "negation"):
            chain.append((j, role))
        j -= 1
    return list(reversed(chain))


def _en_frame_before(doc: Doc, to_index: int, lex: StatusLexicon) -> str | None:
    """The modality of the word that governs an infinitive: "plans to buy", "is expected to", "need to", "are to be"."""
    j = to_index - 1
    while j >= 0 and to_index - j <= 4:
        token = doc[j]
        role = lex.role(token)
        if role == "ordinal" and _has_role_before(doc, j, lex, "be_past"):
            return "past"  # "the region was the first to open a 120-bed centre"
        if role in ("be_present", "be_past"):
            return "frame_plan"  # "are to be built", "is to arrive"
        if role in ("have_present", "have_past", "must"):
            return "frame_need"  # "has to purchase"
        found = lex.entry_of(token)
        if found is not None and found[0]["class"] in FRAME_CLASSES:
            return FRAME_CLASSES[found[0]["class"]]
        if role in ("frame_plan", "frame_possible"):
            return role  # "going to", "set to", "due to", "able to"
        if role not in ("skip", "negation"):
            return None
        j -= 1
    return None


def _has_role_before(doc: Doc, i: int, lex: StatusLexicon, wanted: str) -> bool:
    return any(lex.role(doc[j]) == wanted for j in range(max(0, i - 3), i))


def _en_time(doc: Doc, i: int, lex: StatusLexicon) -> tuple[str, str]:
    form = _en_form(doc[i])
    chain = _en_chain(doc, i, lex)
    roles = [role for _, role in chain]
    passive = form == "ed" and bool(roles) and roles[-1] in ("be_present", "be_past", "be_base", "been", "being")
    voice = "passive" if passive else "active"
    if "to" in roles:
        to_index = chain[roles.index("to")][0]
        return _en_frame_before(doc, to_index, lex) or "infinitive", voice
    if "must" in roles:
        return "frame_need", voice
    if "possible" in roles:
        return "frame_possible", voice
    if "future" in roles or "would" in roles:
        return "future", voice
    if "have_past" in roles:
        # "said that 46 thousand workers had been engaged" is a reported past; "had had 73 ... before" a former state
        return ("past" if passive else "past_perfect"), voice
    if "have_present" in roles:
        return "perfect", voice
    if "being" in roles or (form == "ing" and "be_present" in roles):
        return "progressive", voice
    if "be_past" in roles:
        return "past", voice
    if "be_present" in roles:
        return ("state" if passive else "present"), voice
    if form == "ed":
        return "past", voice
    if form == "ing" and not roles:
        return "participle", voice  # "housing 3,100 beds": as the verb it hangs on
    if form in ("base", "s") and not roles:
        return "habitual", voice  # "5,000 organisations provide care"
    return "present", voice


def _en_phrase_time(doc: Doc, i: int, lex: StatusLexicon) -> tuple[str, str]:
    """A verb phrase ("rolled out", "put into operation") takes its time from its verb, as a single verb does; a bare
    "put"/"set" with no auxiliary is a report of the past ("the region put into operation 3 hospitals")."""
    time, voice = _en_time(doc, i, lex)
    return ("past" if time == "habitual" and _en_form(doc[i]) == "base" else time), voice


def _copula_time(doc: Doc, i: int, lex: StatusLexicon) -> str:
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


# -- Russian: pymorphy3 tags -----------------------------------------------------------------
def _ru_tag(token, row: dict):
    """The tag of the reading that matched the lexicon: the verbal one when the likeliest is not ("открыто")."""
    first = ru_parse(token.lower_)
    if first.normal_form.replace("ё", "е") == row.get("lemma") or first.tag.POS in VERBAL_POS:
        return first.tag
    verbal = ru_verb_parse(token.lower_)
    return verbal.tag if verbal is not None else first.tag


def _ru_time(doc: Doc, i: int, lex: StatusLexicon, is_noun: bool, tag) -> tuple[str, str]:
    token = doc[i]
    pos = tag.POS
    if is_noun or pos not in ("VERB", "INFN", "PRTS", "PRTF", "GRND"):
        return _copula_time(doc, i, lex), "active"
    voice = "passive" if ("pssv" in tag or token.lemma_.endswith(("ся", "сь"))) else "active"
    if pos == "INFN":
        return _ru_frame_before(doc, i, lex) or "infinitive", voice
    if pos == "VERB":
        if tag.tense == "past":
            return "past", voice
        if tag.tense == "futr" and not token.lower_.endswith(RU_IMPERFECTIVE_REFLEXIVE):
            return "future", voice
        return "present", voice
    if pos == "PRTS":
        return _ru_copula_around(doc, i, lex) or "state", voice
    if pos == "GRND":
        return ("past" if "perf" in tag else "present"), voice
    return ("present" if tag.tense == "pres" else "state"), voice  # PRTF: "строящихся" vs "закупленных"


def _ru_auxiliary_be(doc: Doc, i: int, end: int, lex: StatusLexicon) -> bool:
    j = i + 1
    while j < end and lex.role(doc[j]) == "skip":
        j += 1
    if j >= end or not doc[j].is_alpha:
        return False
    verbal = ru_verb_parse(doc[j].lower_)
    return verbal is not None and verbal.tag.POS in ("PRTS", "INFN")


def _ru_copula_around(doc: Doc, i: int, lex: StatusLexicon) -> str | None:
    """"будет закуплено", "закуплено будет" → future; "было закуплено" → past."""
    for j in (i - 2, i - 1, i + 1):
        if 0 <= j < len(doc):
            role = lex.role(doc[j])
            if role == "future":
                return "future"
            if role == "past_copula":
                return "past"
    return None


def _ru_frame_before(doc: Doc, i: int, lex: StatusLexicon) -> str | None:
    """The word that governs an infinitive: "планируется закупить", "необходимо открыть", "будут работать"."""
    time = None
    j = i - 1
    while j >= 0 and i - j <= 4:
        token = doc[j]
        role = lex.role(token)
        found = lex.entry_of(token)
        if found is not None and found[0]["class"] in FRAME_CLASSES:
            return FRAME_CLASSES[found[0]["class"]]  # "необходимо будет закупить" is needed, not just future
        if role == "future":
            time = "future"
        elif role not in ("skip", "negation") and not token.is_punct:
            break
        j -= 1
    return time
