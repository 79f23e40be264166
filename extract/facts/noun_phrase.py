"""The parts of a counted noun phrase around its head: measure words, people, seats, appositions, rates,
coordinated modifiers and a head left out.

A mixin of ``ItemAttacher`` (items.py): these rules refine or reject the item the
head noun gives, and use the attacher's look-ups (``item_at``, ``quantity_at``,
``words``, ``focus``) and its ``_resolve``/``_backward`` steps.
"""

from __future__ import annotations

from spacy.tokens import Span

from .attachment import Attachment
from .status_words import status_words

RATE_BASES = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000}  # "per 10,000 population" is a norm, not a head count


class NounPhraseParts:
    def _governed_by_measure(self, span: Span, sent: Span):
        """ "80 units of oxygenation machines" counts the machines (none of ours: no fact); "17 units of portable devices"
        counts what "devices" refers to.  A measure word with nothing after it keeps its own meaning ("units")."""
        i = span.end
        if i < sent.end and (self.doc[i].lower_ == "of" or (
                self.doc[i].lower_ == "for" and span[-1].lower_ in self.words.measure_words_with_for)):
            i += 1  # "80 units of X", "350 vacancies for doctors"
        elif self.doc.lang_ != "ru":
            return None
        for j in range(i, min(sent.end, i + 4)):
            other = self.item_at.get(j)
            if other is not None and other.start == j and other.start >= span.end:
                return "blocked" if self._is_blocker(other) else self._resolve(other, "measure")
            token = self.doc[j]
            if token.is_punct or j in self.quantity_at:
                break
        if self.doc.lang_ != "ru" and i > span.end:
            return "blocked"  # "of" + a noun we do not count
        return None

    def _people_counted(self, quantity: Span, sent: Span) -> Attachment | None:
        """ "дефицит врачей составляет 120 человек", "среднего медперсонала - 4 505 человек": people count the staff
        item the figure is linked to."""
        linked = self._backward(quantity, sent)
        if linked is not None and self.categories.get(linked.item) == "staff":
            return Attachment(linked.item, linked.item_span, linked.item_rule, "people_of")
        return None

    def _seats(self, quantity: Span, span: Span, sent: Span):
        """ "стационар на 150 мест" counts beds; "поликлиника на 400 мест" counts visits per shift (no fact)."""
        if quantity.start == sent.start or self.doc[quantity.start - 1].lower_ not in self.words.rate_before:
            return None
        owner_item, owner_rule = None, ""
        for i in range(quantity.start - 2, max(sent.start, quantity.start - 8) - 1, -1):
            owner = self.item_at.get(i)
            if owner is None or self._is_generic(owner):
                continue  # "здание на 200 мест": a building is whatever the story is about
            if self._is_blocker(owner):
                return "blocked"  # "школа на 300 мест"
            owner_item, owner_rule = self._entry(owner).get("item"), owner.id_
            break
        if owner_item is None:
            # "Сооружение … рассчитано на 280 мест" in a story about a hospital: the facility in focus owns the places.
            focus = self.focus.before(quantity.start, ["facility"]) or next(
                ((self._entry(f).get("item"), f.id_) for f in self.items
                 if f.start < quantity.start and self.categories.get(self._entry(f).get("item")) == "facility"), None)
            owner_item, owner_rule = focus if focus is not None else (None, "")
        if owner_item in self.words.places_not_beds:
            return "blocked"
        if self.categories.get(owner_item) == "facility":
            return Attachment("hospital_bed", span, f"{span.id_}>seats_of:{owner_rule}", "seats")
        return None

    def _apposition(self, span: Span, sent: Span) -> Span:
        """ "40 in-patient facilities - rehabilitation centres", "двух учреждений: больницы №1 и …": the noun after
        a dash or colon names the counted item more precisely."""
        i = span.end
        if i + 1 >= sent.end or self.doc[i].text not in {"-", "–", "—", ":"}:
            return span
        nxt = self.item_at.get(i + 1) or (self.item_at.get(i + 2) if not self.doc[i + 1].is_punct else None)
        if nxt is None or self._is_blocker(nxt) or i + 1 in self.quantity_at:
            return span
        mine, theirs = self._entry(span).get("item"), self._entry(nxt).get("item")
        if not (mine and theirs and self.categories.get(mine) == self.categories.get(theirs)):
            return span
        # "26 объектов ПМСП — врачебные амбулатории, ФАПы и медпункты" lists the parts: the head stays.
        end = next((t.i for t in self.doc[nxt.end : sent.end] if t.text in {";", "."}), sent.end)
        kinds = {self._entry(other).get("item") for other in self.items
                 if nxt.start <= other.start < end and not self._is_blocker(other)}
        return nxt if kinds == {theirs} else span

    def _refined(self, attachment: Attachment, quantity: Span) -> Attachment:
        """A figure whose item came from context takes a narrower item its own clause names
        ("коек на 200, из них 20 — для реанимации" → icu_bed)."""
        end = quantity.end
        while end < quantity.sent.end and self.doc[end].text not in {",", ";", "."} and end not in self.quantity_at:
            end += 1
        clause = self.doc[quantity.end : end].text.lower()
        for broad, narrow, cues in self.words.refinements:
            if attachment.item == broad and any(cue in clause for cue in cues):
                return Attachment(narrow, attachment.item_span, f"{attachment.item_rule}>refined:{narrow}", attachment.how)
        return attachment

    def _followed_by_rate(self, span: Span) -> bool:
        """ "visits a day", "23 врача на 10 тысяч населения": the count is per something, a rate."""
        after = self.doc[span.end : span.end + 2].text.lower()
        if any(after.startswith(rate) for rate in self.words.rate_after):
            return True
        if span.end < len(self.doc) and self.doc[span.end].lower_ in self.words.rate_before | {"per"}:
            window = self.doc[span.end + 1 : min(len(self.doc), span.end + 5)]
            if not any(token.lower_ in self.words.rate_denominators for token in window):
                return False
            # "на 10 тысяч населения" is a norm (a rate); "3548 врачей на 1,22 млн населения" is the real count.
            base = next((self.quantity_at[t.i] for t in window if t.i in self.quantity_at), None)
            return base is None or base._.value in RATE_BASES
        return False

    def _elided_head(self, quantity: Span, modifiers: Span, other_quantity: Span) -> Attachment | None:
        """ "600 инфекционных и 340 карантинных коек", "5 digital and 3 mobile X-ray machines": the first figure's
        noun is left out; it is the head of the coordinated figure's phrase, narrowed only by the first
        figure's own modifiers ("20 реанимационных и 100 обычных коек" → 20 icu_bed)."""
        if not self._only_modifiers(modifiers):
            return None  # "five arrived today and 3 ventilators": a clause of its own, not a left-out noun
        other = self.attach(other_quantity)
        if other is None or other.how not in {"forward", "compound"}:
            return None
        rebuilt = self._rebuilt_phrase(modifiers, other.item_span)
        if rebuilt is not None:  # "22 first-aid [stations] and 16 medical and obstetric stations"
            return Attachment(rebuilt[0], other.item_span, f"{rebuilt[1]}>elided", "elided")
        return Attachment(self._narrowed(self._broad(other.item), modifiers), other.item_span,
                          f"{other.item_rule}>elided", "elided")

    def _rebuilt_phrase(self, modifiers: Span, head_phrase: Span | None) -> tuple[str, str] | None:
        """(item, rule) of the first figure's own modifiers + the shared head noun, if the lexicon names it."""
        from ..pipeline import phrase_item_rules

        if head_phrase is None or not len(modifiers):
            return None
        for rule in phrase_item_rules(self.doc.lang_, f"{modifiers.text} {head_phrase[-1].text}"):
            entry = self.entries.get(rule)
            if entry is not None and entry.get("item"):
                return entry.get("item"), rule
        return None

    def _coordinated_modifiers(self, attachment: Attachment, modifiers: Span) -> Attachment:
        """ "100 multifunctional and intensive care beds" counts both kinds: the head's broad item."""
        if attachment.how != "forward" or not any(t.lower_ in self.words.and_or for t in modifiers):
            return attachment
        broad = self._narrowed(self._broad(attachment.item), modifiers)
        if broad == attachment.item:
            return attachment
        return Attachment(broad, attachment.item_span, f"{attachment.item_rule}>coordinated_modifiers", attachment.how)

    def _only_modifiers(self, words: Span) -> bool:
        """Words that can modify a left-out noun: adjectives (and nouns in English), no verb, cue or time phrase."""
        covered = {i for name in ("status", "date") for span in self.doc.spans.get(name, []) for i in range(span.start, span.end)}
        if any(t.i in covered or t.lower_ in self.words.words_after_bare_figure for t in words):
            return False
        if self.doc.lang_ == "ru":
            from ..nlp.lemmas import ru_parse

            return all(ru_parse(t.lower_).tag.POS in {"ADJF", "PRTF"} for t in words if t.is_alpha)
        return True

    def _broad(self, item: str) -> str:
        return next((broad for broad, narrow, _ in self.words.refinements if narrow == item), item)

    def _narrowed(self, item: str, modifiers: Span) -> str:
        text = modifiers.text.lower()
        return next((narrow for broad, narrow, cues in self.words.refinements
                     if broad == item and any(cue in text for cue in cues)), item)

    def _modifies_another(self, span: Span, sent: Span) -> bool:
        before = self.doc[max(sent.start, span.start - 2) : span.start]
        if any(token.lower_ in self.words.prepositions for token in before):
            return True
        if self.doc.lang_ == "en" and any(token.lower_ == "of" for token in before):
            return True  # "the bed capacity of the hospital is 250": the genitive names whose capacity
        return span.start - 1 in self.item_at and not self._is_blocker(self.item_at[span.start - 1])

    def _fronted_object(self, quantity: Span, sent: Span) -> Attachment | None:
        """ "Аппаратов ИВЛ закуплено 30", "Врачей не хватает 120": the counted noun stands first, the figure
        ends the clause right after its verb.  A noun after a preposition ("для больниц закуплено 30") is a
        recipient or a place, not the counted noun."""
        if self.doc.lang_ != "ru" or not self._is_bare(quantity, sent):
            return None
        verb = next((w for w in status_words(sent) if not w.is_noun and quantity.start - 2 <= w.end <= quantity.start), None)
        if verb is None:
            return None
        frames = {t for name in ("date", "regions") for span in self.doc.spans.get(name, [])
                  if span.end <= verb.start for t in range(span.start, span.end)}
        frames |= {t - 1 for t in frames if t > sent.start and self.doc[t - 1].lower_ in self.words.prepositions}
        i, words = verb.start - 1, 0
        while i >= sent.start and (i in frames or i not in self.item_at):
            # "Машин скорой помощи в этом году поступило 15", "Врачей в области работает 1200": a time or a place
            # may stand between
            if i not in frames:
                if not self.doc[i].is_alpha or self.doc[i].lower_ in self.words.prepositions:
                    return None
                words += 1
                if words > 2:
                    return None
            i -= 1
        if i < sent.start:
            return None
        span = self.item_at[i]
        if span.start > sent.start and self.doc[span.start - 1].lower_ in self.words.prepositions:
            return None
        return None if self._is_blocker(span) else self._resolve(span, "fronted")
