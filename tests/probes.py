"""The probe files of tests/data/*_probes.txt, read once for every test module that runs them.

A file holds ``[class]`` headers and lines ``lang | expected | sentence``; expected is "-" (no fact) or
"N item [status]; N item [status]" ("*" or no status: any); a leading "?" marks a known miss (xfail).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


def read_probes(path: Path, doc: str, keys_only: bool = False) -> dict[str, list]:
    """{class: [pytest.param(lang, expected, sentence)]}: expected maps (quantity, item) to a status or None, or
    is the set of (quantity, item) when ``keys_only``; ``doc`` names the notes that describe the known misses."""
    classes: dict[str, list] = defaultdict(list)
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("["):
            current = line.strip("[] ")
            continue
        known_miss = line.startswith("?")
        lang, expected, sentence = (part.strip() for part in line.lstrip("?").split("|", 2))
        facts = {}
        for part in ([] if expected == "-" else expected.split(";")):
            quantity, item, *status = part.split()
            facts[(float(quantity), item)] = None if not status or status[0] == "*" else status[0]
        marks = [pytest.mark.xfail(reason=f"known miss, see {doc}", strict=False)] if known_miss else []
        classes[current].append(pytest.param(lang, set(facts) if keys_only else facts, sentence, marks=marks,
                                             id=f"{lang}: {sentence[:60]}"))
    return classes
