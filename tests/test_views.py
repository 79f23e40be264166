"""The same figure across sources: corroborations, conflicts, distinct figures, and why numbers are not facts.

A small agency story is published, republished two days later by another
outlet, updated a week later with a new figure, and repeated half a year on.
Real pages, the real pipeline, a real DuckDB file.
"""

from __future__ import annotations

import shutil

import duckdb
import pytest
from typer.testing import CliRunner

from conftest import rows_as_dicts
from extract.acquire.sources import expand
from extract.cli import app
from extract.run.ingest import ingest
from warehouse.store import Warehouse
from warehouse.views import VIEWS

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="article:published_time" content="{published}T10:00:00+06:00"></head>
<body><article><h1>{title}</h1><p>{lead}</p>
<p>The department also spent 2 billion tenge on repairs, and 45 percent of beds are occupied.</p></article></body></html>"""

LEAD = "Akmola region has received {n} ventilators from the national reserve, the regional health department said."
STORIES = {
    "agency.html": ("Akmola receives ventilators", "2020-07-01", LEAD.format(n=25)),
    "republished.html": ("Ventilators arrive in Akmola region", "2020-07-03",
                         LEAD.format(n=25) + " The devices will go to Kokshetau."),
    "update.html": ("Akmola: more ventilators", "2020-07-10", LEAD.format(n=30)),
    "half_a_year_on.html": ("Akmola ventilators, half a year on", "2020-12-20",
                            LEAD.format(n=25) + " It was a year of change."),
}


@pytest.fixture(scope="module")
def stories_db(tmp_path_factory):
    pages = tmp_path_factory.mktemp("stories")
    for name, (title, published, lead) in STORIES.items():
        (pages / name).write_text(PAGE.format(title=title, published=published, lead=lead), encoding="utf-8")
    path = pages / "stories.duckdb"
    with Warehouse(path) as warehouse:
        report = ingest(expand([str(pages)]), warehouse)
    assert not report.skipped and report.facts == 4
    return path


@pytest.fixture()
def stories(stories_db):
    with Warehouse(stories_db, read_only=True) as warehouse:
        yield warehouse


def fact_of(warehouse: Warehouse, name: str) -> str:
    [(fact_id,)] = warehouse.query("SELECT fact_id FROM facts WHERE source LIKE ?", ["%/" + name])[1]
    return fact_id


def pairs(warehouse: Warehouse, view: str) -> set[frozenset[str]]:
    return {frozenset((a, b)) for a, b in warehouse.query(f"SELECT fact_id, other_fact_id FROM {view}")[1]}


def test_a_republished_figure_within_the_window_is_a_corroboration(stories):
    [row] = rows_as_dicts(stories, "SELECT * FROM corroborations")
    assert {row["fact_id"], row["other_fact_id"]} == {fact_of(stories, "agency.html"), fact_of(stories, "republished.html")}
    assert (row["item"], row["region"], row["status"], row["quantity"]) == ("ventilator", "akmola", "acquired", 25)
    assert row["days_apart"] == 2 and row["fact_id"] < row["other_fact_id"]
    assert row["source"] != row["other_source"]


def test_a_different_figure_in_the_same_period_is_a_conflict(stories):
    update = fact_of(stories, "update.html")
    assert pairs(stories, "conflicts") == {
        frozenset((update, fact_of(stories, "agency.html"))),
        frozenset((update, fact_of(stories, "republished.html"))),
    }
    for row in rows_as_dicts(stories, "SELECT * FROM conflicts"):
        assert {row["quantity"], row["other_quantity"]} == {25, 30}
        assert row["difference"] == row["other_quantity"] - row["quantity"]


def test_the_same_figure_half_a_year_later_is_outside_the_default_window(stories):
    late = fact_of(stories, "half_a_year_on.html")
    assert not any(late in pair for pair in pairs(stories, "corroborations") | pairs(stories, "conflicts"))
    stories.set_window(200)
    assert frozenset((late, fact_of(stories, "agency.html"))) in pairs(stories, "corroborations")
    assert len(pairs(stories, "corroborations")) == 3


def test_a_figure_stated_by_several_sources_counts_once(stories):
    assert stories.figure_counts() == {"facts": 4, "figures": 3, "corroborated_facts": 2, "corroborations": 1, "conflicts": 2}
    stories.set_window(200)
    assert stories.figure_counts()["figures"] == 2  # the three 25s are one figure, 30 is another


def test_summary_counts_distinct_figures(stories_db):
    result = CliRunner(env={"COLUMNS": "300"}).invoke(app, ["summary", "--db", str(stories_db), "--samples", "0"])
    assert result.exit_code == 0, result.output
    assert "4 facts state 3 distinct figures: 2 facts are corroborated by another source" in result.stdout
    assert "1 corroborations, 2 conflicts within 30 days" in result.stdout
    wide = CliRunner(env={"COLUMNS": "300"}).invoke(app, ["summary", "--db", str(stories_db), "--samples", "0", "--window", "200"])
    assert "4 facts state 2 distinct figures" in wide.stdout


def test_a_dated_figure_covers_its_whole_year_or_month(query):
    for row in query("SELECT * FROM fact_periods JOIN facts USING (fact_id) WHERE date IS NOT NULL"):
        assert row["period_from"] == "date"
        start, end = row["period_start"].isoformat(), row["period_end"].isoformat()
        if len(row["date"]) == 4:
            assert (start, end) == (f"{row['date']}-01-01", f"{row['date']}-12-31")
        elif len(row["date"]) == 10:
            assert start == end == row["date"]
    for row in query("SELECT * FROM fact_periods JOIN facts USING (fact_id) WHERE date IS NULL AND published IS NOT NULL"):
        assert row["period_from"] == "published" and row["period_start"] == row["period_end"] == row["published"]


def test_views_exist_on_a_read_only_warehouse_written_without_them(tmp_path, stories_db):
    old = tmp_path / "old.duckdb"
    shutil.copy(stories_db, old)
    con = duckdb.connect(str(old))
    for view in reversed(VIEWS):  # as a medfacts before the views wrote it
        con.execute(f"DROP VIEW {view}")
    con.execute("DROP MACRO TABLE fact_pairs")
    con.close()
    with Warehouse(old, read_only=True) as warehouse:
        assert warehouse.figure_counts()["corroborations"] == 1


# -- numbers that are not facts --------------------------------------------------------


def test_money_and_percentages_are_kept_as_mentions_with_their_reason(stories):
    reasons = dict(stories.query(
        "SELECT DISTINCT text, reason FROM mentions WHERE kind = 'quantity' AND reason IS NOT NULL")[1])
    assert reasons == {"2 billion": "money: tenge", "45": "percentage: percent"}


def test_every_number_is_a_fact_or_says_why_not(query):
    rows = query(
        "SELECT m.reason, f.fact_id FROM mentions m LEFT JOIN fact_rows f "
        "ON f.doc_id = m.doc_id AND f.start_char = m.start_char AND f.end_char = m.end_char WHERE m.kind = 'quantity'"
    )
    assert rows and all((r["fact_id"] is None) == (r["reason"] is not None) for r in rows)
    codes = {r["reason"].split(":")[0] for r in rows if r["reason"]}
    assert {"money", "percentage", "no_item"} <= codes
    assert codes <= {"money", "percentage", "time", "measure", "not_resource", "number_sign", "rate", "zero", "no_item"}
