"""The audit report: one self-contained HTML file, every fact's figure marked, read back with lxml."""

from __future__ import annotations

import re

import lxml.html
import pytest
from typer.testing import CliRunner

from extract.acquire.sources import expand
from extract.cli import app
from extract.run.ingest import ingest
from warehouse.report import render
from warehouse.store import Warehouse
from test_views import stories_db  # noqa: F401 - the republished-story warehouse fixture


@pytest.fixture(scope="module")
def corpus_report(corpus_db):
    with Warehouse(corpus_db, read_only=True) as warehouse:
        html, stats = render(warehouse)
    return html, stats


def cli(*args: str, expect: int = 0):
    result = CliRunner(env={"COLUMNS": "300"}).invoke(app, [str(a) for a in args])
    assert result.exit_code == expect, f"exit {result.exit_code}\n{result.output}\n{result.exception!r}"
    return result


def marks_by_fact(page) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for element in page.xpath("//*[@data-fact-id]"):
        found.setdefault(element.get("data-fact-id"), []).append(element.text_content())
    return found


def test_every_fact_is_marked_in_its_document_with_exactly_its_quantity_text(corpus_report, query):
    html, stats = corpus_report
    page = lxml.html.fromstring(html)
    facts = {r["fact_id"]: r["quantity_text"] for r in query("SELECT fact_id, quantity_text FROM facts")}
    assert stats.facts == len(facts) > 100
    for fact_id, quantity_text in facts.items():
        [mark] = page.xpath(f"//section[@id='documents']//*[@id='m-{fact_id}']")
        assert mark.get("data-fact-id") == fact_id and mark.text_content() == quantity_text
    for fact_id, texts in marks_by_fact(page).items():
        assert set(texts) == {facts[fact_id]}, fact_id


def test_document_text_is_kept_whole_around_the_marks(corpus_report, query):
    page = lxml.html.fromstring(corpus_report[0])
    texts = {r["doc_id"]: r["text"] for r in query("SELECT doc_id, text FROM documents")}
    for article in page.xpath("//article[@class='doc']"):
        [body] = article.xpath(".//div[@class='text']")
        assert body.text_content() == texts[article.get("id")[2:]]


def test_numbers_that_are_not_facts_are_shown_faintly_with_their_reason(corpus_report, query):
    page = lxml.html.fromstring(corpus_report[0])
    shown = [(e.text_content(), e.get("data-reason")) for e in page.xpath("//article//span[@class='nonfact']")]
    stored = query("SELECT text, reason FROM mentions WHERE kind = 'quantity' AND reason IS NOT NULL ORDER BY doc_id, start_char")
    assert sorted(shown) == sorted((r["text"], r["reason"]) for r in stored) and shown
    assert any(reason.startswith("money") for _, reason in shown) and any(reason.startswith("percentage") for _, reason in shown)


def test_the_report_needs_no_network(corpus_report):
    html = corpus_report[0]
    page = lxml.html.fromstring(html)
    assert not page.xpath("//script[@src] | //link | //img | //iframe | //object | //embed | //*[@srcset]")
    for element in page.xpath("//*[@href]"):
        assert element.get("href").startswith("#"), element.get("href")
    styles = " ".join(page.xpath("//style/text()")) + " ".join(page.xpath("//@style"))
    assert "url(" not in styles and "@import" not in styles
    scripts = " ".join(page.xpath("//script[not(@type)]/text()"))
    assert not re.search(r"https?://|fetch\(|XMLHttpRequest|import\(", scripts)
    [csp] = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert "default-src 'none'" in csp


def test_charts_are_inline_svg(corpus_report):
    page = lxml.html.fromstring(corpus_report[0])
    titles = page.xpath("//section[@id='charts']//h3/text()")
    assert titles[:3] == ["Facts by region", "Facts by item", "Facts by status"] and "over time" in titles[3]
    assert len(page.xpath("//section[@id='charts']//svg")) == 4
    assert page.xpath("//section[@id='charts']//svg//rect")


def test_page_text_is_escaped(tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text('Akmola region has 7 ventilators <img src=x onerror="alert(1)"> and <script>alert(2)</script>.\n',
                       encoding="utf-8")
    db = tmp_path / "w.duckdb"
    with Warehouse(db) as warehouse:
        assert ingest(expand([str(hostile)]), warehouse).facts == 1
    with Warehouse(db, read_only=True) as warehouse:
        html, _ = render(warehouse)
    page = lxml.html.fromstring(html)
    assert not page.xpath("//img") and len(page.xpath("//script")) == 2  # the data block and the report's own
    assert "<img src=x" not in html and '<img src=x onerror="alert(1)">' in page.xpath("//div[@class='text']")[0].text_content()


def test_report_command_writes_a_file_and_where_selects_facts(tmp_path, corpus_db, query):
    out = tmp_path / "ventilators.html"
    result = cli("report", "--db", corpus_db, "--out", out, "--where", "item = 'ventilator'")
    ventilators = query("SELECT fact_id, doc_id FROM facts WHERE item = 'ventilator'")
    assert f"{len(ventilators)} facts from" in result.stdout
    page = lxml.html.parse(str(out)).getroot()
    assert {tr.get("data-item") for tr in page.xpath("//table[@id='facts-table']/tbody/tr")} == {"ventilator"}
    assert len(page.xpath("//table[@id='facts-table']/tbody/tr")) == len(ventilators)
    assert {a.get("id")[2:] for a in page.xpath("//article")} == {r["doc_id"] for r in ventilators}


def test_a_bad_where_is_a_readable_error(tmp_path, corpus_db):
    result = cli("report", "--db", corpus_db, "--out", tmp_path / "r.html", "--where", "no_such_column = 1", expect=1)
    assert "--where" in result.output and "no_such_column" in result.output and "Traceback" not in result.output


def test_trace_html_shows_one_fact_in_its_document(tmp_path, corpus_db, query):
    fact = query("SELECT fact_id, doc_id, quantity_text FROM facts ORDER BY fact_id LIMIT 1")[0]
    out = tmp_path / "one.html"
    cli("trace", fact["fact_id"][:10], "--db", corpus_db, "--html", "--out", out)
    page = lxml.html.parse(str(out)).getroot()
    assert page.xpath("//body/@data-focus") == [fact["fact_id"]]
    [row] = page.xpath("//table[@id='facts-table']/tbody/tr")
    assert row.get("data-fact") == fact["fact_id"]
    assert [a.get("id") for a in page.xpath("//article")] == [f"d-{fact['doc_id']}"]
    assert page.get_element_by_id(f"m-{fact['fact_id']}").text_content() == fact["quantity_text"]
    assert not page.xpath("//section[@id='charts']")


def test_corroborations_and_conflicts_are_side_by_side_with_their_sources(stories_db):  # noqa: F811
    with Warehouse(stories_db, read_only=True) as warehouse:
        html, stats = render(warehouse)
    assert (stats.corroborations, stats.conflicts) == (1, 2)
    page = lxml.html.fromstring(html)
    pairs = page.xpath("//section[@id='across']//div[@class='pairs']")
    assert len(pairs) == 2
    corroborated = pairs[0].xpath("./div[@class='side']")
    assert len(corroborated) == 2
    assert {s.xpath(".//mark")[0].text_content() for s in corroborated} == {"25"}
    sources = {s.xpath(".//div[@class='muted']")[0].text_content().split(" ·")[0].rsplit("/", 1)[-1] for s in corroborated}
    assert sources == {"agency.html", "republished.html"}
    assert len(pairs[1].xpath("./div[@class='side']")) == 4
    badges = page.xpath("//table[@id='facts-table']//span[@class='badge']/text()")
    assert badges.count("2 sources") == 2


def test_the_earlier_statement_is_on_the_left(stories_db):  # noqa: F811
    with Warehouse(stories_db, read_only=True) as warehouse:
        page = lxml.html.fromstring(render(warehouse)[0])
    for pair in page.xpath("//section[@id='across']//div[@class='pairs']"):
        sides = pair.xpath("./div[@class='side']")
        for left, right in zip(sides[::2], sides[1::2]):
            dates = [s.xpath(".//div[@class='muted']")[0].text_content().split("published ")[1] for s in (left, right)]
            assert dates[0] <= dates[1]


def test_an_empty_warehouse_gives_an_empty_report(tmp_path):
    Warehouse(tmp_path / "empty.duckdb").close()
    with Warehouse(tmp_path / "empty.duckdb", read_only=True) as warehouse:
        html, stats = render(warehouse)
    assert (stats.facts, stats.documents) == (0, 0)
    assert "no facts" in html and "no dated facts" in html


def test_report_help_shows_an_example():
    assert "Example: medfacts report --db" in " ".join(cli("report", "--help").stdout.split())
    assert "medfacts trace 3f2a9c1b --html" in " ".join(cli("trace", "--help").stdout.split())


def test_a_page_shows_the_closest_pairs_and_says_how_many_there_are(stories_db, monkeypatch):  # noqa: F811
    monkeypatch.setattr("warehouse.report.MAX_PAIRS", 1)
    with Warehouse(stories_db, read_only=True) as warehouse:
        html, stats = render(warehouse)
    assert (stats.corroborations, stats.conflicts) == (1, 2)
    page = lxml.html.fromstring(html)
    [_, conflicts] = page.xpath("//section[@id='across']//div[@class='pairs']")
    assert len(conflicts.xpath("./div[@class='side']")) == 2 and "(7 days apart)" in conflicts.text_content()
    assert "SELECT * FROM conflicts" in html and "Conflicts (2)" in html
    badges = page.xpath("//table[@id='facts-table']//span[@class='badge conflict']/text()")
    assert sorted(badges) == ["1 conflict", "1 conflict", "2 conflicts"]


def test_trace_html_has_a_card_with_every_attribute_and_its_rule(corpus_db, query):
    fact = query("SELECT f.*, r.status_rule, r.region_rule FROM facts f JOIN fact_rows r USING (fact_id) "
                 "WHERE f.region IS NOT NULL ORDER BY f.fact_id LIMIT 1")[0]
    with Warehouse(corpus_db, read_only=True) as warehouse:
        page = lxml.html.fromstring(render(warehouse, fact_id=fact["fact_id"])[0])
    card = {row.xpath("./td")[0].text_content(): [td.text_content() for td in row.xpath("./td")[1:]]
            for row in page.xpath("//table[@id='fact-card']/tbody/tr")}
    assert list(card) == ["item", "quantity", "status", "region", "official", "date"]
    assert card["item"] == [f"{fact['item']} ({fact['category']})", fact["rule"]]
    assert card["status"] == [fact["status"], fact["status_rule"]]
    assert card["region"] == [fact["region"], fact["region_rule"]]
    [sentence] = page.xpath("//section[@id='fact']//div[@class='sentence']")
    assert sentence.text_content() == fact["sentence"]
