"""The same figure across sources: corroborations, conflicts and distinct figures.

The views themselves are SQL (``views.sql``) so that the DuckDB CLI and any
other client see them too; this module installs them and sets the window.
"""

from __future__ import annotations

from importlib import resources

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI reads DEFAULT_WINDOW_DAYS for its options without importing DuckDB
    import duckdb

DEFAULT_WINDOW_DAYS = 30
VIEWS = ("fact_periods", "corroborations", "conflicts", "figures")  # and the table macro fact_pairs(window_days)


def views_sql() -> str:
    return resources.files("warehouse").joinpath("views.sql").read_text(encoding="utf-8")


def install(con: duckdb.DuckDBPyConnection, read_only: bool = False) -> None:
    """Create the views; on a read-only warehouse that lacks them (written by an older
    medfacts), create them as temporary views of this connection instead."""
    if not read_only:
        con.execute(views_sql())
        return
    present = {name for (name,) in con.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal AND database_name = current_database()").fetchall()}
    if not set(VIEWS) <= present:
        sql = views_sql().split("\nCOMMENT ON ", 1)[0]  # comments cannot be written to a read-only file
        con.execute(sql.replace("CREATE OR REPLACE VIEW", "CREATE OR REPLACE TEMP VIEW")
                    .replace("CREATE OR REPLACE MACRO", "CREATE OR REPLACE TEMP MACRO"))


def set_window(con: duckdb.DuckDBPyConnection, days: int) -> None:
    """Facts whose periods lie within ``days`` of each other count as the same period (this connection only)."""
    if days < 0:
        raise ValueError(f"the window is a number of days, 0 or more, not {days}")
    con.execute(f"SET VARIABLE medfacts_window_days = {int(days)}")


def figure_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """facts, distinct figures (corroborated facts counted once), corroborated facts, pairs of each kind."""
    facts, figures, corroborated = con.execute(
        "SELECT count(*), count(DISTINCT figure_id), count(*) FILTER (WHERE sources > 1) FROM figures"
    ).fetchone()
    corroborations = con.execute("SELECT count(*) FROM corroborations").fetchone()[0]
    conflicts = con.execute("SELECT count(*) FROM conflicts").fetchone()[0]
    return {"facts": facts, "figures": figures, "corroborated_facts": corroborated,
            "corroborations": corroborations, "conflicts": conflicts}
