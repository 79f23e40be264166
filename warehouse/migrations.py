"""Bring a warehouse file up to the schema in ``schema.sql``, in one transaction.

``schema.sql`` is split into sections by ``-- @<name>`` lines: ``tables``,
``migration N: description`` (any number, in order), ``views`` and
``comments``.  A warehouse written before schema versions existed counts as
version 1.  See the head of ``schema.sql`` for how to add a column.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import duckdb

BASE_VERSION = 1  # the schema of warehouses written before versions were recorded
SECTION = re.compile(r"^-- @(\w+)(?:\s+(\d+))?(?::\s*(.*))?$", re.MULTILINE)


@dataclass(frozen=True)
class Section:
    name: str  # tables | migration | views | comments
    sql: str
    version: int | None = None
    description: str = ""


@lru_cache(maxsize=1)
def sections() -> tuple[Section, ...]:
    text = resources.files("warehouse").joinpath("schema.sql").read_text(encoding="utf-8")
    marks = list(SECTION.finditer(text))
    found = []
    for mark, following in zip(marks, marks[1:] + [None]):
        body = text[mark.end() : following.start() if following else len(text)]
        version = int(mark.group(2)) if mark.group(2) else None
        found.append(Section(mark.group(1), body.strip(), version, (mark.group(3) or "").strip()))
    versions = [s.version for s in found if s.name == "migration"]
    if versions != sorted(set(versions)) or any(v is None or v <= BASE_VERSION for v in versions):
        raise RuntimeError(f"schema.sql: migration numbers must rise from {BASE_VERSION + 1}: {versions}")
    return tuple(found)


def latest_version() -> int:
    return max([s.version for s in sections() if s.name == "migration"], default=BASE_VERSION)


def stored_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The warehouse's schema version; None for an empty file (nothing created yet)."""
    tables = {name for (name,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()").fetchall()}
    if "schema_version" in tables:
        (version,) = con.execute("SELECT max(version) FROM schema_version").fetchone()
        return version if version is not None else BASE_VERSION
    return BASE_VERSION if "documents" in tables else None


def upgrade(con: duckdb.DuckDBPyConnection) -> int:
    """Create or upgrade the schema; returns the version the warehouse is now at."""
    latest = latest_version()
    con.execute("BEGIN TRANSACTION")
    try:
        current = stored_version(con)
        if current is not None and current > latest:
            raise NewerSchema(current, latest)
        applied = []
        for section in sections():
            if section.name == "migration":
                if current is None or section.version <= current:
                    continue  # a new warehouse gets every column from @tables
                applied.append((section.version, section.description))
            con.execute(section.sql)
        if current is None:
            applied = [(latest, "created")]
        now = dt.datetime.now()
        for version, description in applied:
            con.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [version, description, now])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return latest


class NewerSchema(RuntimeError):
    def __init__(self, found: int, known: int):
        super().__init__(f"the warehouse has schema version {found}, newer than this medfacts knows ({known}): "
                         "upgrade medfacts to write to it")
