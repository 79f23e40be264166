"""Status of a figure: available, needed, planned, acquired or other.

The status cues found by the ``status`` gazetteer (rules/<lang>/status.jsonl)
are weighed by their distance from the figure within its sentence; a figure
with no cue gets the default, and its rule id says so.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .items import FROM_WORDS, TO_WORDS

STATUS_ORDER = ("other", "needed", "acquired", "planned", "available")  # precedence among cues close to the figure
LOCAL_SCOPE = 3
CLAUSE_BREAKS = {";", ":", "(", ")"}


class StatusResolver:
    def __init__(self, default_status: str):
        self.default_status = default_status

    def resolve(self, quantity: Span) -> tuple[str, str]:
        """(status, rule id) of the figure ``quantity``."""
        doc, sent = quantity.doc, quantity.sent
        before = doc[quantity.start - 1].lower_ if quantity.start > sent.start else ""
        if before in FROM_WORDS:
            for token in doc[quantity.end : min(sent.end, quantity.end + 6)]:
                if token.lower_ in TO_WORDS:
                    return "other", "status.from_x_to_y"
        best = None
        for cue in doc.spans.get("status", []):
            if cue.sent != sent:
                continue
            distance = self._distance(doc, quantity, cue)
            # Within the figure's own phrase a specific cue beats a general one:
            # "32 hospitals will be modernized" is other, "we need to purchase 71" needed.
            if distance <= LOCAL_SCOPE:
                distance = 0.0
            rank = (distance, STATUS_ORDER.index(cue.label_) if cue.label_ in STATUS_ORDER else 9)
            if best is None or rank < best[0]:
                best = (rank, cue)
        if best is None:
            return self.default_status, "status.default"
        return best[1].label_, best[1].id_

    @staticmethod
    def _distance(doc: Doc, quantity: Span, cue: Span) -> float:
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
