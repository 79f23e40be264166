"""What a figure counts, and how that was decided."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span


@dataclass
class Attachment:
    item: str
    item_span: Span | None
    item_rule: str
    how: str  # forward | coordinated | backward | focus | anaphor
