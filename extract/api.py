"""The small Python API that the CLI, tests and notebooks share (re-exported as ``medfacts``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from warehouse.store import Warehouse

from .run.ingest import IngestReport

DEFAULT_DB = Path("warehouse/medfacts.duckdb")


def extract(
    text: str,
    lang: str | None = None,
    title: str | None = None,
    published: dt.date | str | None = None,
    source: str = "<text>",
) -> list[dict[str, Any]]:
    """The facts in one text, as the rows the warehouse would store (plus the ``sentence``).

    ``lang`` is ``en`` or ``ru`` (detected if None; other languages raise ``ValueError``).
    ``published`` resolves relative dates ("this year") and dates towns moved by the 2022 reform.
    """
    from .acquire.fetch import Skip
    from .acquire.language import detect
    from .acquire.text import TextDocument
    from .facts.records import to_rows
    from .pipeline import extract as run_pipeline

    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    if lang is None:
        try:
            lang = detect(text)
        except Skip as exc:
            raise ValueError(exc.message) from exc
    doc = run_pipeline(text, lang, title, published)
    rows = to_rows(TextDocument(source, text, title, published, None, None), lang, doc, run_id="")
    sentences = {s["sentence_index"]: s["text"] for s in rows.sentences}
    return [{"fact_id": fact["fact_id"], **fact, "sentence": sentences.get(fact["sentence_index"])} for fact in rows.facts]


def ingest(
    sources: list[str] | str,
    db: str | Path | Warehouse = DEFAULT_DB,
    *,
    urls: list[str] | None = None,
    timeout: int = 20,
    allow_private: bool = False,
) -> IngestReport:
    """``medfacts ingest``: URLs, .html/.htm/.txt files and folders (and URL-list files) into a warehouse."""
    from .acquire.sources import expand
    from .run.ingest import ingest as run_ingest

    expanded = expand([sources] if isinstance(sources, str) else list(sources), list(urls or []))
    if isinstance(db, Warehouse):
        return run_ingest(expanded, db, timeout=timeout, allow_private=allow_private)
    with Warehouse(db) as warehouse:
        return run_ingest(expanded, warehouse, timeout=timeout, allow_private=allow_private)


def info(db: str | Path | None = DEFAULT_DB) -> dict[str, Any]:
    """Versions, paths and the rules hash: what to quote in a bug report or next to a figure."""
    import platform
    import sys
    from importlib import metadata

    from warehouse import migrations
    from warehouse.store import STORAGE

    from . import __version__, pipeline_cache
    from .rulebook import RULES_ENV, packaged_rules_dir, rules_dir, rules_hash

    versions = {"medfacts": __version__, "python": platform.python_version()}
    for package in ("spacy", "duckdb", "pyarrow", "trafilatura", "pymorphy3", "dateparser", "typer"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    about: dict[str, Any] = {
        "versions": versions,
        "package": str(Path(__file__).resolve().parent.parent),
        "python_executable": sys.executable,
        "rules": str(rules_dir()),
        "rules_packaged": str(packaged_rules_dir()),
        "rules_from": f"${RULES_ENV}" if rules_dir() != packaged_rules_dir() else "package",
        "rules_hash": rules_hash(),
        "pipeline_cache": str(pipeline_cache.cache_dir()) if pipeline_cache.enabled() else None,
        "schema_version": migrations.latest_version(),
        "storage_compatibility": STORAGE["storage_compatibility_version"],
    }
    if db is not None:
        path = Path(db)
        about["warehouse"] = {"path": str(path.resolve()), "exists": path.exists()}
        if path.exists():
            try:
                with Warehouse(path, read_only=True) as warehouse:
                    _, [(facts,)] = warehouse.query("SELECT count(*) FROM facts")
                    _, [(documents,)] = warehouse.query("SELECT count(*) FROM documents")
                    _, [(tags,)] = warehouse.query(
                        "SELECT tags FROM duckdb_databases() WHERE database_name = current_database()")
                    about["warehouse"].update(schema_version=warehouse.schema_version(), facts=facts,
                                              documents=documents, storage_version=(tags or {}).get("storage_version"))
            except Exception as exc:  # info must work on a broken warehouse too
                about["warehouse"]["error"] = str(exc)
    return about
