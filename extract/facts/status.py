"""Status of a figure: available, needed, planned, acquired or other.

The clause decides, not the nearest word: the status word that governs the
figure's clause (``clauses.py``) has a lexical class and a time
(``status_words.py``), and ``rules/status_classes.json`` turns the two into a
status ("were delivered" acquire + past → acquired, "is being built" acquire +
progressive → planned, "has" exist + present → available).  Two
constructions come first ("from X to Y", "N out of M declared"); the
nearest status cue of ``rules/<lang>/status.jsonl`` is the fallback, and a
figure with neither gets the default, whose rule id says so.
"""

from __future__ import annotations

from functools import partial

from spacy.tokens import Doc, Span

from ..rulebook import item_categories
from .clauses import chunks, embedded_words, followed_by_addition, governing_word, nearest
from .en_verb_time import EN_PREPOSITIONS
from .figure_shapes import (
    agrees_with_figure, comparison_status, existential_pronoun, is_headline, partitive_part, recipient_status,
)
from .lists import list_header
from .phrase_structure import phrase_structure
from .status_lexicon import StatusLexicon, lexicon, status_table
from .status_words import StatusWord, status_words

STATUS_ORDER = ("other", "needed", "acquired", "planned", "available")  # precedence among cues close to the figure
LOCAL_SCOPE = 3
CLAUSE_BREAKS = {";", ":", "(", ")"}
BY_WORDS = {"by", "на"}
OUT_OF = {"en": ("out", "of"), "ru": ("из",)}
COPULA_SUBJECTS = {"need", "other"}  # "дефицит составляет 120", "occupancy stands at 300"
COORDINATION = {"and", "or", "и", "или", ","}
# "завершено строительство" (acquired), "ждем поставки" (planned); "выделены средства на строительство" stays planned.
PROCESS_GOVERNORS = {"complete", "begin", "plan", "possible", "need", "other"}
FRAME_WORDS = {"plan", "possible", "need"}
FRAME_REACH = 3  # "are expected to graduate": the infinitive after the frame decides
OBJECT_REACH = 3  # "have got training", "прошли обучение": an activity as the object makes the figure other
LOCATIVE = {"in", "at"}  # "installed in four hospitals": the place of an acquisition is not acquired


class StatusResolver:
    def __init__(self, default_status: str):
        self.default_status = default_status

    def resolve(self, quantity: Span, item: str | None = None) -> tuple[str, str]:
        """(status, rule id) of the figure ``quantity``, which counts ``item``."""
        lex = lexicon(quantity.doc.lang_)
        words = status_words(quantity.sent)
        shaped = self._out_of_declared(quantity, words, lex) or self._shape(quantity, item, words, lex)
        if shaped is not None:
            return shaped
        clause = partial(self._clause, category=item_categories().get(item))
        for construction in (self._from_x_to_y, self._counted_need, clause):
            found = construction(quantity, words, lex)
            if found is not None:
                return found
        header = list_header(quantity.sent)
        if header is not None and not words:
            found = self._from_list_header(header, lex)
            if found is not None:
                return found
        if not words_in_chunk(quantity, words, lex) and followed_by_addition(quantity, lex):
            return "available", "status.before_addition"  # "В регионе 5 томографов, еще 2 поступят": these exist
        cue = self._nearest_cue(quantity)
        if cue is not None:
            return cue
        return self.default_status, "status.default"

    @staticmethod
    def _from_list_header(header: Span, lex: StatusLexicon) -> tuple[str, str] | None:
        """ "Закуплено:\n- 5 аппаратов ИВЛ;": an item line without a verb continues its header's clause."""
        words = status_words(header)
        embedded = embedded_words(header, words, lex)
        own = [w for w in words if w.start not in embedded and w.word_class != "copula"]
        if not own:
            return None
        word = _framed_verb(own[0], words)  # the header's main verb ("планируется приобрести" → приобрести, planned)
        if word.is_noun:
            return status_table()[word.word_class]["future"], f"status.list_header:{word.entry_id}+process"
        return status_table()[word.word_class][_time_of(word, words)], f"status.list_header:{word.describe()}"

    # -- constructions ----------------------------------------------------------------------
    @staticmethod
    def _shape(quantity: Span, item: str | None, words: list[StatusWord], lex: StatusLexicon) -> tuple[str, str] | None:
        """Shapes around the figure that decide before its clause does (``figure_shapes.py``)."""
        found = comparison_status(quantity)
        if found is not None:
            return found
        word = governing_word(quantity, words, lex)
        found = recipient_status(quantity, item, _framed_verb(word, words) if word is not None else None)
        if found is not None:
            return found
        part = partitive_part(quantity, lex.lang)
        if part is not None and not any(quantity.end <= w.start < part for w in words) and not (
                word is not None and word.attributive and word.end <= quantity.start):
            return "available", "status.partitive_whole"  # "Из 120 ФАПов 30 требуют ремонта": the 120 exist
        if existential_pronoun(quantity) and not words_in_chunk(quantity, words, lex):
            return "available", "status.existential_pronoun"  # "…, а в стране их всего 1 967"
        return None


    @staticmethod
    def _from_x_to_y(quantity: Span, words, lex) -> tuple[str, str] | None:
        """"increased from 300 to 500 beds": the start value is history."""
        doc, sent = quantity.doc, quantity.sent
        before = doc[quantity.start - 1].lower_ if quantity.start > sent.start else ""
        ranges = phrase_structure(doc.lang_)
        if before in ranges.range_from:
            for token in doc[quantity.end : min(sent.end, quantity.end + 6)]:
                if token.lower_ in ranges.range_to:
                    return "other", "status.from_x_to_y"
        return None

    @staticmethod
    def _counted_need(quantity: Span, words: list[StatusWord], lex: StatusLexicon) -> tuple[str, str] | None:
        """ "открыто 120 вакансий врачей", "350 doctor vacancies": the figure counts a need itself, whatever the verb."""
        doc = quantity.doc
        nouns = _stand_in_starts(doc)
        for token in doc[quantity.end : min(quantity.sent.end, quantity.end + 2)]:
            found = lex.entry_of(token) if token.is_alpha and token.i in nouns else None
            if found is not None and found[0].get("class") == "need":
                return "needed", f"status.counted_need:{found[0]['id']}"
            if not token.is_alpha or lex.lang == "ru":
                break  # Russian: the counted noun comes right after the figure
        return None

    @staticmethod
    def _out_of_declared(quantity: Span, words: list[StatusWord], lex: StatusLexicon) -> tuple[str, str] | None:
        """"1 out of 29 declared": 29 is the demand (needed), 1 the part filled (acquired)."""
        if not any(word.word_class == "need" and _other_object(word, words) is None for word in words):
            return None  # "25 из 40 ФАПов нуждаются в ремонте" is repair, not a demand
        doc, sent = quantity.doc, quantity.sent
        marker = OUT_OF[lex.lang]
        after = [t.lower_ for t in doc[quantity.end : min(sent.end, quantity.end + len(marker) + 1)]]
        if tuple(after[: len(marker)]) == marker and len(after) > len(marker) and doc[quantity.end + len(marker)].like_num:
            return "acquired", f"status.out_of:{lex.lang}.part_filled"
        start = quantity.start - len(marker)
        if start - 1 >= sent.start and tuple(t.lower_ for t in doc[start : quantity.start]) == marker and doc[start - 1].like_num:
            return "needed", f"status.out_of:{lex.lang}.demand"
        return None

    def _clause(self, quantity: Span, words: list[StatusWord], lex: StatusLexicon,
                category: str | None = None) -> tuple[str, str] | None:
        word = governing_word(quantity, words, lex)
        if word is None:
            return None
        word = _purpose_of(_framed_verb(word, words), words)
        if word.is_noun:
            return self._process_noun(quantity, word, words, lex)
        opened = _opens_work(quantity.doc, word, words, lex)
        if opened is not None:
            # "начали работу 3 ФАПа", "began operating": a facility that starts work has opened
            return status_table()["acquire"][opened.time], f"status.clause:{opened.describe()}+work"
        if word.word_class == "copula":
            return self._copula(quantity, word, words, lex)
        activity = _other_object(word, words)
        if activity is not None:
            return "other", f"status.clause:{word.describe()}+object<{activity.entry_id}"
        time = "agent" if _is_agent(quantity, word, words, lex) else _time_of(word, words)
        category_class = dict(word.class_for_category).get(category)  # "занято 281 400 медработников": employed
        word_class = category_class or _class_for_position(quantity, word)
        if time == "habitual" and word_class == "acquire" and is_headline(quantity.sent):
            return status_table()[word_class]["past"], f"status.clause:{word.describe()}+headline"  # "Region gets 20 ambulances"
        if word_class == "acquire" and _is_location(quantity, lex):
            return "other", f"status.clause:{word.describe()}+location"
        status = status_table()[word_class][time]
        suffix = ("+agent" if time == "agent" else "") + (f"+{category}" if category_class else "")
        return status, f"status.clause:{word.describe()}{suffix}"

    @staticmethod
    def _process_noun(quantity: Span, noun: StatusWord, words: list[StatusWord], lex: StatusLexicon) -> tuple[str, str]:
        """"завершено строительство больницы на 200 коек": the verb that governs the process decides; alone it is planned."""
        part = next(c for c in chunks(quantity.sent, lex) if c.start <= noun.start < c.end)
        verbs = [w for w in words if not w.is_noun and part.start <= w.start < part.end and w.word_class in PROCESS_GOVERNORS]
        if not verbs:
            return status_table()[noun.word_class]["future"], f"status.clause:{noun.entry_id}+process"
        verb = nearest(quantity.doc[noun.start : noun.end], verbs)
        status = status_table()[verb.word_class][_time_of(verb, words)]
        return status, f"status.clause:{noun.entry_id}+process<{verb.describe()}"

    @staticmethod
    def _copula(quantity: Span, copula: StatusWord, words: list[StatusWord], lex: StatusLexicon) -> tuple[str, str]:
        """"Дефицит составляет 120 врачей": the subject of the copula decides, in the copula's time."""
        part = next(c for c in chunks(quantity.sent, lex) if c.start <= copula.start < c.end)
        subjects = [w for w in words if part.start <= w.start < copula.start and w.word_class in COPULA_SUBJECTS]
        if not subjects:
            return status_table()["copula"][_time_of(copula, words)], f"status.clause:{copula.describe()}"
        subject = subjects[-1]
        return status_table()[subject.word_class][_time_of(copula, words)], f"status.clause:{subject.entry_id}<{copula.describe()}"

    # -- fallback: the nearest cue ----------------------------------------------------------
    def _nearest_cue(self, quantity: Span) -> tuple[str, str] | None:
        doc, sent = quantity.doc, quantity.sent
        best = None
        for cue in doc.spans.get("status", []):
            if cue.sent != sent:
                continue
            distance = _cue_distance(doc, quantity, cue)
            # Within the figure's own phrase a specific cue beats a general one.
            if distance <= LOCAL_SCOPE:
                distance = 0.0
            rank = (distance, STATUS_ORDER.index(cue.label_) if cue.label_ in STATUS_ORDER else 9)
            if best is None or rank < best[0]:
                best = (rank, cue)
        if best is None:
            return None
        return best[1].label_, best[1].id_


def words_in_chunk(quantity: Span, words: list[StatusWord], lex: StatusLexicon) -> list[StatusWord]:
    part = next((c for c in chunks(quantity.sent, lex) if c.start <= quantity.start < c.end), None)
    return [] if part is None else [w for w in words if part.start <= w.start < part.end]


def _stand_in_starts(doc: Doc) -> set[int]:
    """Starts of the item words that stand for the counted item ("вакансий", "vacancies", "единиц"), once per doc."""
    if "stand_in_starts" not in doc.user_data:
        doc.user_data["stand_in_starts"] = {span.start for span in doc.spans.get("items", []) if span.label_ == "-"}
    return doc.user_data["stand_in_starts"]


def _purpose_of(word: StatusWord, words: list[StatusWord]) -> StatusWord:
    """"приехали работать 15 специалистов", "arrived to work": an infinitive of purpose after a finite verb of motion
    or acquisition; the finite verb says what happened."""
    if word.time != "infinitive":
        return word
    before = [w for w in words if not w.is_noun and w.word_class == "acquire" and word.start - 2 <= w.end <= word.start
              and w.time not in ("infinitive", "participle")]
    return before[-1] if before else word


def _opens_work(doc: Doc, word: StatusWord, words: list[StatusWord], lex: StatusLexicon) -> StatusWord | None:
    """The verb of beginning in "начали работу", "начали работать", "began operating", or None."""
    if word.word_class == "begin":
        after = doc[word.end : min(len(doc), word.end + 2)]
        return word if any(lex.role(token) == "work_object" for token in after) else None
    if lex.role(doc[word.start]) == "work_object":  # "начали работать": the infinitive was found first
        return next((w for w in words if w.word_class == "begin" and word.start - 2 <= w.end <= word.start), None)
    return None


def _framed_verb(word: StatusWord, words: list[StatusWord]) -> StatusWord:
    """"77 students are expected to graduate", "планируется закупить": the verb under the frame, not the frame."""
    if word.word_class not in FRAME_WORDS:
        return word
    framed = [w for w in words if word.end <= w.start <= word.end + FRAME_REACH and w.time.startswith("frame_")]
    return framed[0] if framed else word


def _other_object(word: StatusWord, words: list[StatusWord]) -> StatusWord | None:
    """"60 thousand workers have got training", "receive education": the activity received is the point."""
    if word.word_class not in ("acquire", "exist", "need"):
        return None  # "need" too: "30 ФАПов требуют капитального ремонта" is repair of what exists
    return next((w for w in words if word.end <= w.start <= word.end + OBJECT_REACH and w.word_class == "other"), None)


def _is_location(quantity: Span, lex: StatusLexicon) -> bool:
    """"Oxygen stations have been installed in four hospitals", "employed at 152 facilities" (English only:
    Russian "в" takes the place and the destination alike)."""
    start = quantity.start
    return lex.lang == "en" and start > quantity.sent.start and quantity.doc[start - 1].lower_ in LOCATIVE


def _time_of(word: StatusWord, words: list[StatusWord]) -> str:
    """A bare English participle ("..., housing 3,100 beds") takes the time of the verb before it."""
    if word.time != "participle":
        return word.time
    earlier = [w for w in words if w.end <= word.start and not w.is_noun and w.time != "participle"]
    return earlier[-1].time if earlier else "present"


def _class_for_position(quantity: Span, word: StatusWord) -> str:
    """"increased to 500" (and "до 2415 и 3400") is the new level, "increased by 50" the change; "сократилось
    с 500 до 420" reaches a level too, while "сократили 200 коек" closes them (other)."""
    if word.word_class != "increase" and word.entry_id not in lexicon(quantity.doc.lang_).level_verbs:
        return word.word_class
    doc, sent = quantity.doc, quantity.sent
    j = quantity.start - 1
    while j >= sent.start and (doc[j].like_num or doc[j].lower_ in COORDINATION):
        j -= 1
    if j >= sent.start and doc[j].lower_ in phrase_structure(doc.lang_).range_to:
        return "increase_to"
    return word.word_class


def _is_agent(quantity: Span, word: StatusWord, words: list[StatusWord], lex: StatusLexicon) -> bool:
    """"149 mobile complexes provided aid", "20 hospitals received ventilators": the figure is the
    subject of an active transitive verb, so it names existing agents or recipients."""
    if word.voice != "active" or not (word.recipient or (lex.lang == "en" and word.transitive)):
        return False
    if word.start < quantity.end or word.time not in ("past", "present", "perfect"):
        return False
    if lex.lang == "ru" and not agrees_with_figure(quantity, word):
        return False  # "Из 15 машин пять получил Аксуский район": the subject is the district, not the five
    embedded = embedded_words(quantity.sent, words, lex)
    if any(quantity.end <= other.start < word.start and other.start not in embedded for other in words):
        return False
    doc = quantity.doc
    following = doc[word.end] if word.end < quantity.sent.end else None
    if following is not None and following.i in {span.start for span in doc.spans.get("date", [])}:
        return False  # "28 ventilators delivered last month": a time, not an object, follows a reduced passive
    # "25 ventilators delivered by Turkey" is a reduced passive, not an agent.
    return following is not None and following.is_alpha and following.lower_ not in EN_PREPOSITIONS


def _cue_distance(doc: Doc, quantity: Span, cue: Span) -> float:
    """Token distance, longer across clause breaks; cues after the number weigh a little more."""
    if cue.end <= quantity.start:
        lo, hi, after = cue.end, quantity.start, False
    elif cue.start >= quantity.end:
        lo, hi, after = quantity.end, cue.start, True
    else:
        return 0.0
    distance = float(hi - lo) + (0.5 if after else 0.0)
    for token in doc[lo:hi]:
        if token.text in CLAUSE_BREAKS:
            distance += 12
        elif token.text == ",":
            distance += 3
    return distance
