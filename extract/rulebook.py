"""Load the analyst-editable rule files under ``rules/``.

Rules are data: one JSON object a line, grouped by language and by what they
recognise.  Every entry carries an ``id`` that ends up on the facts it helps
produce, so a figure can be traced to the line of data that made it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

SUPPORTED_LANGS = ("en", "ru")


class RuleFileError(ValueError):
    """A rule file cannot be read; the message names the file and line."""


RULES_ENV = "MEDFACTS_RULES"  # an analyst's own rules folder; inherited by worker processes


def packaged_rules_dir() -> Path:
    """The ``rules/`` folder shipped with the package."""
    return Path(str(resources.files("rules")))


def rules_dir() -> Path:
    """The rules in use: ``$MEDFACTS_RULES`` (``medfacts --rules DIR``) if set, else the packaged ones."""
    override = os.environ.get(RULES_ENV)
    return Path(override).expanduser() if override else packaged_rules_dir()


def use_rules(path: str | Path | None) -> Path:
    """Read rules from ``path`` (a copy of ``rules/`` to edit), or the packaged ones for None, from now on.

    Set before the first extraction; cached rules and pipelines are dropped so the change takes effect.
    """
    if path is None:
        os.environ.pop(RULES_ENV, None)
    else:
        folder = Path(path).expanduser().resolve()
        if not (folder / "catalog.json").is_file():
            raise RuleFileError(f"{folder} is not a rules folder (no catalog.json); "
                                f"start from a copy of {packaged_rules_dir()}")
        os.environ[RULES_ENV] = str(folder)
    for name, module in list(sys.modules.items()):
        if name == "extract" or name.startswith("extract."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
    return rules_dir()


@lru_cache(maxsize=1)
def rules_hash() -> str:
    """Hash of every rule file: the same text and the same rules give the same facts and ids."""
    digest = hashlib.sha256()
    root = rules_dir()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in {".jsonl", ".json", ".txt"}:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class RuleEntry:
    """One line of a rule file: its id, its pattern and whatever else it says."""

    id: str
    pattern: str | list[dict[str, Any]]
    data: dict[str, Any]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


def json_lines(path: Path, comment: str, error: type[Exception]) -> list[tuple[int, dict[str, Any]]]:
    """(line number, object) of a JSON Lines file; blank lines and lines starting with ``comment`` are skipped.

    A line that is not a JSON object raises ``error`` naming the file and line, so an analyst can fix it.
    """
    records = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            stripped = line.strip()
            if not stripped or stripped.startswith(comment):
                continue
            try:
                record = json.loads(stripped)
            except json.JSONDecodeError as exc:
                raise error(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
            if not isinstance(record, dict):
                raise error(f"{path}:{number}: expected a JSON object")
            records.append((number, record))
    return records


@lru_cache(maxsize=None)
def load_jsonl(relative_path: str) -> tuple[dict[str, Any], ...]:
    """Read ``rules/<relative_path>`` as JSON Lines; blank lines and ``//`` lines are comments."""
    path = rules_dir() / relative_path
    if not path.exists():
        return ()
    return tuple(record for _, record in json_lines(path, "//", RuleFileError))


@lru_cache(maxsize=None)
def load_patterns(lang: str, name: str) -> tuple[RuleEntry, ...]:
    """Pattern entries of ``rules/<lang>/<name>.jsonl``, checked for an id and a pattern."""
    entries = []
    seen: set[str] = set()
    for row in load_jsonl(f"{lang}/{name}.jsonl"):
        rule_id, pattern = row.get("id"), row.get("pattern")
        if not rule_id or pattern in (None, "", []):
            raise RuleFileError(f"rules/{lang}/{name}.jsonl: entry without id or pattern: {row}")
        if rule_id in seen:
            raise RuleFileError(f"rules/{lang}/{name}.jsonl: duplicate id {rule_id!r}")
        seen.add(rule_id)
        entries.append(RuleEntry(id=rule_id, pattern=pattern, data=row))
    return tuple(entries)


@lru_cache(maxsize=None)
def load_json(relative_path: str) -> Any:
    path = rules_dir() / relative_path
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=None)
def load_wordlist(relative_path: str) -> frozenset[str]:
    """A plain list of words, one a line (``#`` starts a comment), lowercased."""
    path = rules_dir() / relative_path
    if not path.exists():
        return frozenset()
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            words.add(word)
    return frozenset(words)


def item_categories() -> dict[str, str]:
    """Item id → category, as fixed by the contract (``rules/catalog.json``)."""
    catalog = load_json("catalog.json")
    return {item: category for category, items in catalog["items"].items() for item in items}


def region_ids() -> tuple[str, ...]:
    return tuple(load_json("catalog.json")["regions"])


def lookups() -> tuple[list[tuple], list[tuple]]:
    """Rows of the warehouse's lookup tables: (region, name_en, name_ru) and (item, category, name_en, name_ru).

    Ids come from ``catalog.json``, names from ``labels.json``; an id without a label gets NULL names.
    """
    labels = load_json("labels.json") if (rules_dir() / "labels.json").exists() else {}
    region_names, item_names = labels.get("regions", {}), labels.get("items", {})
    regions = [(r, region_names.get(r, {}).get("en"), region_names.get(r, {}).get("ru")) for r in region_ids()]
    items = [(i, c, item_names.get(i, {}).get("en"), item_names.get(i, {}).get("ru")) for i, c in item_categories().items()]
    return regions, items
