"""OFFICIAL mentions: a person's name next to a role or a speech verb.

"Governor of Zhambyl region Berdibek Saparbayev", "Akmola region Governor
Yermek Marzhikpayev", "руководителя областного управления здравоохранения
Ануара Буйрашева", "сообщил А. Джансенгиров".  Russian names are put in the
nominative with pymorphy3; a surname (or initial + surname) alone resolves to
the full name given earlier in the document.  Results land in
``doc.spans["official"]`` with the nominative full name as label,
``span._.role`` (as written) and ``span._.role_region``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span

from .doc_text import token_texts
from .lemmas import morph_analyzer
from ..rulebook import load_patterns, load_wordlist

if not Span.has_extension("role"):
    Span.set_extension("role", default=None)
if not Span.has_extension("role_region"):
    Span.set_extension("role_region", default=None)

# Words allowed between a role head and the name: "Governor of Zhambyl region", "аким города Шымкент".
MAX_ROLE_TAIL = 7


NAME_GRAMMEMES = ("Name", "Surn", "Patr")
LATIN = re.compile(r"[A-Za-z]")
RU_CASE_ENDING = re.compile(r"(ого|ому|ыми|ым|ом|ой|ою|ую|ая|а|у|е|ы|я|ю)$")


def normalise_ru_name(words: list[str]) -> list[str]:
    """Put a Russian name in the nominative: "Армана Джансенгирова" → "Арман Джансенгиров".

    The first name fixes the case and gender (pymorphy3 knows first names far
    better than Kazakh surnames); without a first name, or when it is already
    nominative, the words stay as written.
    """
    anchor = None
    for word in words:
        for parse in ru_parse_all(word.lower()):
            if "Name" in parse.tag and "sing" in parse.tag:
                anchor = parse
                break
        if anchor is not None:
            break
    if anchor is None or anchor.tag.case == "nomn":
        return list(words)
    result = []
    for word in words:
        if "-" in word or word.endswith("."):
            result.append(word)
            continue
        chosen = None
        for parse in ru_parse_all(word.lower()):
            if (any(g in parse.tag for g in NAME_GRAMMEMES) and "sing" in parse.tag
                    and parse.tag.case == anchor.tag.case and parse.tag.gender in (anchor.tag.gender, None)):
                chosen = parse
                break
        inflected = chosen.inflect({"nomn"}) if chosen is not None else None
        form = inflected.word if inflected is not None else word
        result.append(form[:1].upper() + form[1:])
    return result


def role_is_nominative(role: Span) -> bool:
    """Is the role's head word ("аким", "исполняющая обязанности …") in the nominative?"""
    head = role[0].lower_
    parses = ru_parse_all(head)
    return bool(parses) and parses[0].tag.case == "nomn"


@lru_cache(maxsize=50_000)
def ru_parse_all(word: str) -> tuple:
    """Every pymorphy3 parse of a word form (cached): names need more than the most probable one."""
    return tuple(morph_analyzer().parse(word))


LABEL_REACH = 15  # tokens of a role between a label's name and its colon


def label_colon(doc: Doc, name_end: int, sent_end: int) -> int | None:
    """The colon that closes a speaker label whose name ends at ``name_end`` ("Name Surname, role:"), or None."""
    if name_end >= sent_end:
        return None
    if doc[name_end].text == ":":
        return name_end
    if doc[name_end].text != ",":
        return None
    for i in range(name_end + 1, min(sent_end, name_end + 1 + LABEL_REACH)):
        text = doc[i].text
        if text == ":":
            return i if i > name_end + 1 else None
        if text in {".", "!", "?", "«", "»", '"', "“", "”", ";"} or doc[i].like_num:
            return None
    return None


class OfficialFinder:
    def __init__(self, lang: str):
        self.lang = lang
        self.speech_verbs = load_wordlist(f"{lang}/speech_verbs.txt")
        self.not_names = load_wordlist(f"{lang}/not_names.txt")
        self.outlets = load_wordlist(f"{lang}/outlets.txt") | load_wordlist("en/outlets.txt")
        self.role_kinds = {entry.id: entry.get("kind") for entry in load_patterns(lang, "roles")}

    # -- names -----------------------------------------------------------
    def _is_name_token(self, token, blocked: set[int]) -> bool:
        text = token.text
        if token.i in blocked or not text[:1].isupper() or token.lower_ in self.not_names:
            return False
        if len(text) == 2 and text.endswith("."):
            return True  # initial
        if not all(part.isalpha() for part in text.split("-")) or text.isupper() and len(text) > 1:
            return False
        return len(text) > 1

    def _name_at(self, doc: Doc, i: int, blocked: set[int]) -> tuple[int, int] | None:
        """Name tokens starting at ``i``: 2-3 capitalised words, or initial + surname."""
        j = i
        while j < len(doc) and j - i < 3 and self._is_name_token(doc[j], blocked):
            if doc[j].text.endswith(".") and j > i:
                break
            j += 1
        if j - i == 1 and doc[i].text.endswith(".") and j < len(doc) and self._is_name_token(doc[j], blocked):
            j += 1  # initial + surname: "А. Джансенгиров"
        if j - i >= 2 or (j - i == 1 and self._surname_key(doc[i].text) in self._known):
            return i, j
        return None

    def _name_ending_at(self, doc: Doc, end: int, blocked: set[int]) -> tuple[int, int] | None:
        i = end
        while i > 0 and end - i < 3 and self._is_name_token(doc[i - 1], blocked):
            i -= 1
        if end - i >= 2:
            return i, end
        return None

    def _full_name(self, doc: Doc, start: int, end: int) -> list[str]:
        words = [t.text for t in doc[start:end]]
        if self.lang == "ru":
            words = normalise_ru_name(words)
        return words

    # -- pipeline --------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        regions = list(doc.spans.get("regions", []))
        roles = list(doc.spans.get("roles", []))
        blocked = {i for span in regions + roles for i in range(span.start, span.end)}
        blocked |= {i for span in doc.spans.get("items", []) for i in range(span.start, span.end)}
        self._known: dict[str, str] = {}  # surname (lower, nominative) → full name
        found: list[Span] = []
        claimed: set[int] = set()

        for role in roles:
            if self.role_kinds.get(role.id_) != "organisation":  # "пресс-служба", "Ministry of Health": not persons
                self._attach_role(doc, role, regions, blocked, found, claimed)
        self._labels(doc, regions, blocked, found, claimed)
        # Names next to a speech verb ("сообщил Иван Петров", "Ivan Petrov said").
        for token in self._speech_verbs_in(doc):
            for start, end in filter(None, [self._name_at(doc, token.i + 1, blocked) if token.i + 1 < len(doc) else None,
                                            self._name_ending_at(doc, token.i - 1 if token.i > 0 and doc[token.i - 1].text == "," else token.i, blocked)]):
                if any(k in claimed for k in range(start, end)) or self._is_outlet(doc[start:end]):
                    continue
                words = self._full_name(doc, start, end)
                if len(words) >= 2 and not words[0].endswith("."):
                    self._remember(words)
                elif self._surname_key(words[-1]) in self._known:  # "сообщил А. Джансенгиров"
                    words = self._known[self._surname_key(words[-1])].split()
                else:
                    continue
                span = self._make(doc, start, end, words, None, None, "official.speech_verb")
                if span is not None:
                    found.append(span)
                    claimed.update(range(start, end))
        # Later mentions of a known surname: "Marzhikpayev said", "А. Джансенгиров", "Tsoi's words".
        words = token_texts(doc) if self._known else []  # sliced from the text, not a Token per token
        for i, word in enumerate(words):
            if i in claimed or i in blocked or not word[:1].isupper():
                continue
            key = self._surname_key(word)
            if key in self._known:
                start = i - 1 if i > 0 and len(words[i - 1]) == 2 and words[i - 1].endswith(".") else i
                end = i + 1
                if start > 0 and words[start - 1][:1].isupper() and self._surname_key(words[start - 1]) + " " + key in self._full_index():
                    start -= 1
                span = Span(doc, start, end, label=self._known[key], span_id="official.known_name")
                found.append(span)
                claimed.update(range(start, end))
        doc.spans["official"] = sorted(found, key=lambda s: s.start)
        return doc

    def _labels(self, doc: Doc, regions, blocked, found, claimed) -> None:
        """Transcript labels: "Дархан САТЫБАЛДЫ, АКИМ ТУРКЕСТАНСКОЙ ОБЛАСТИ:", "Name Surname, role:" opening a
        sentence name the person who speaks what follows; the surname may be in capitals."""
        region_of = {i: span for span in regions for i in range(span.start, span.end)}
        for sent in doc.sents:
            start, end = sent.start, sent.start
            while end < sent.end and end - start < 3 and self._is_label_name_token(doc[end], blocked, first=end == start):
                end += 1
            if end - start < 2 or any(k in claimed for k in range(start, end)):
                continue
            colon = label_colon(doc, end, sent.end)
            if colon is None:
                continue
            # A label is in the nominative already: only a surname in capitals is rewritten ("САТЫБАЛДЫ").
            words = [t.text if not t.text.isupper() else t.text[:1] + t.text[1:].lower() for t in doc[start:end]]
            self._remember(words)
            role_region = next((self._region_id(region_of[i]) for i in range(end, colon) if i in region_of), None)
            span = self._make(doc, start, end, words, doc[end + 1 : colon].text, role_region, "official.label")
            found.append(span)
            claimed.update(range(start, end))

    def _is_label_name_token(self, token, blocked: set[int], first: bool) -> bool:
        text = token.text
        if token.i in blocked or not text.isalpha() or token.lower_ in self.not_names or len(text) < 2:
            return False
        return text.istitle() or (not first and text.isupper())

    def _is_outlet(self, name: Span) -> bool:
        """ "передает Azattyq Rýhy", "Kazakhstan Today reports": the source is a news outlet, not a person.  A
        Russian text writes people's names in Cyrillic, so a Latin-script name there is an outlet's; other outlets
        are listed in ``rules/<lang>/outlets.txt``."""
        if self.lang == "ru" and LATIN.search(name.text):
            return True
        text = name.text.lower()
        return any(text == outlet or text.startswith(f"{outlet} ") for outlet in self.outlets)

    def _speech_verbs_in(self, doc: Doc):
        """The tokens whose form or lemma is a speech verb, in order (found on the doc's arrays, not token by token)."""
        verbs = {doc.vocab.strings.add(verb) for verb in self.speech_verbs}
        for i, (lower, lemma) in enumerate(doc.to_array([LOWER, LEMMA]).tolist()):
            if lower in verbs or lemma in verbs:
                yield doc[i]

    def _full_index(self) -> set[str]:
        return {" ".join(self._surname_key(w) for w in full.split()) for full in self._known.values()}

    def _surname_key(self, word: str) -> str:
        word = word.split("’")[0].split("'")[0].lower()
        if self.lang == "ru":
            return RU_CASE_ENDING.sub("", word) if len(word) > 5 else word
        # Transliterations wander between y and i ("Nadyrov"/"Nadirov", "Tsoy"/"Tsoi").
        return word.replace("y", "i")

    def _remember(self, words: list[str]) -> None:
        full = " ".join(words)
        self._known[self._surname_key(words[-1])] = full

    def _attach_role(self, doc, role: Span, regions, blocked, found, claimed) -> None:
        # "Governor of the region X": an anaphor is skipped over like a region but gives no role region.
        region_of = {i: span for span in regions for i in range(span.start, span.end)}
        role_start, role_region = role.start, None
        # A region written before the role: "Akmola region Governor", "Kazakh Health Minister".
        if role.start > 0 and (role.start - 1) in region_of:
            region_span = region_of[role.start - 1]
            role_start, role_region = region_span.start, self._region_id(region_span)
        i = role.end
        while i < len(doc) and i - role.end < MAX_ROLE_TAIL:
            token = doc[i]
            if i in region_of:
                role_region = self._region_id(region_of[i]) or role_region
                i = region_of[i].end
                continue
            if token.text in {",", "—", "–"} and i + 1 < len(doc) and doc[i + 1].text[:1].isupper():
                name = self._name_at(doc, i + 1, blocked)
                if name:
                    self._add(doc, role_start, i, name, role, role_region, found, claimed)
                return
            if token.text[:1].isupper():
                name = self._name_at(doc, i, blocked)
                if name:
                    self._add(doc, role_start, i, name, role, role_region, found, claimed)
                return
            if token.is_punct or token.is_space or token.like_num:
                break
            i += 1
        # The name before the role: "Berdibek Saparbayev, governor of ...".
        end = role_start
        if end > 0 and doc[end - 1].text == ",":
            end -= 1
        name = self._name_ending_at(doc, end, blocked)
        if name:
            self._add(doc, role_start, role.end, name, role, role_region, found, claimed, role_after=True)

    @staticmethod
    def _region_id(region: Span) -> str | None:
        label = region.label_
        return None if label == "-" or label.startswith("@") else label

    def _add(self, doc, role_start, role_end, name, role, role_region, found, claimed, role_after=False) -> None:
        start, end = name
        if any(k in claimed for k in range(start, end)):
            return
        # A name after its role agrees with it in case: "аким области Гульшара Абдыкаликова" is nominative
        # as written, "акима области Гульшары Абдыкаликовой" is not.
        as_written = not role_after and self.lang == "ru" and role_is_nominative(role)
        words = [t.text for t in doc[start:end]] if as_written else self._full_name(doc, start, end)
        if len(words) >= 2 and not words[0].endswith("."):
            self._remember(words)
        elif self._surname_key(words[-1]) in self._known:
            words = self._known[self._surname_key(words[-1])].split()
        role_text = doc[role_start:role_end].text.strip(" ,—–")
        span = self._make(doc, start, end, words, role_text, role_region, role.id_)
        if span is not None:
            found.append(span)
            claimed.update(range(start, end))

    @staticmethod
    def _make(doc, start, end, words, role_text, role_region, rule_id) -> Span | None:
        span = Span(doc, start, end, label=" ".join(words), span_id=rule_id)
        span._.role = role_text
        span._.role_region = role_region
        return span


@Language.factory("medfacts_officials")
def make_official_finder(nlp: Language, name: str) -> OfficialFinder:
    return OfficialFinder(nlp.lang)
