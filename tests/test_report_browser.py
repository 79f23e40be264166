"""The audit report in a real browser: Debian's headless Chromium driven by Playwright.

Run with `make test-browser` (installs chromium and playwright); plain `make test`
deselects these tests (marker `browser`).  Playwright never downloads a browser
here: it starts /usr/bin/chromium.  Screenshots land in build/report-browser/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO
from warehouse.report import write
from warehouse.store import Warehouse
from test_views import stories_db  # noqa: F401 - the republished-story warehouse fixture

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
SHOTS = REPO / "build" / "report-browser"


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (make test-browser)")
    if not Path(CHROMIUM).exists():
        pytest.skip("no chromium: apt-get install chromium (make test-browser)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture()
def open_report(browser, tmp_path):
    pages = []

    def open_(db: Path, **options):
        out = tmp_path / "report.html"
        with Warehouse(db, read_only=True) as warehouse:
            write(warehouse, out, **options)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(out.as_uri())
        page.wait_for_load_state("load")
        pages.append(page)
        return page, requests, errors

    yield open_
    for page in pages:
        page.close()


def test_every_mark_shows_exactly_its_quantity_text(open_report, corpus_db, query):
    page, requests, errors = open_report(corpus_db)
    facts = {r["fact_id"]: r["quantity_text"] for r in query("SELECT fact_id, quantity_text FROM facts")}
    marks = page.eval_on_selector_all(
        "[data-fact-id]", "els => els.map(e => [e.getAttribute('data-fact-id'), e.textContent, e.innerText])")
    in_documents = page.eval_on_selector_all("#documents [data-fact-id]", "els => els.map(e => e.getAttribute('data-fact-id'))")
    assert sorted(in_documents) == sorted(facts)
    for fact_id, text_content, inner_text in marks:
        assert text_content == facts[fact_id] and inner_text.strip() == facts[fact_id].strip(), fact_id
    assert errors == [] and all(url.startswith(("file:", "data:", "about:")) for url in requests), requests
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "report.png"), full_page=False)


def test_hovering_a_mark_shows_its_attributes_and_rules(open_report, corpus_db, query):
    page, _, errors = open_report(corpus_db)
    fact = query("SELECT f.fact_id, f.item, f.status, f.rule, r.status_rule FROM facts f JOIN fact_rows r USING (fact_id) "
                 "WHERE r.status_rule <> '' ORDER BY f.fact_id LIMIT 1")[0]
    mark = page.locator(f"#m-{fact['fact_id']}")
    mark.scroll_into_view_if_needed()
    mark.hover()
    popover = page.locator("#popover")
    popover.wait_for(state="visible")
    text = popover.inner_text()
    for value in (fact["fact_id"], fact["item"], fact["status"], fact["rule"], fact["status_rule"]):
        assert value in text
    page.screenshot(path=str(SHOTS / "popover.png"))
    assert errors == []


def test_the_facts_table_filters_and_sorts(open_report, corpus_db, query):
    page, _, errors = open_report(corpus_db)
    needed = query("SELECT count(*) AS n FROM facts WHERE status = 'needed'")[0]["n"]
    page.select_option("select[data-filter='status']", "needed")
    assert page.locator("#facts-table tbody tr:visible").count() == needed
    assert page.inner_text("#shown").startswith(f"{needed} of ")
    page.select_option("select[data-filter='status']", "")
    page.click("#facts-table th[data-key='quantity']")
    page.click("#facts-table th[data-key='quantity']")  # descending
    first = page.locator("#facts-table tbody tr").first.get_attribute("data-quantity")
    assert float(first) == query("SELECT max(quantity) AS q FROM facts")[0]["q"]
    assert errors == []


def test_corroborations_and_conflicts_in_the_browser(open_report, stories_db):  # noqa: F811
    page, _, errors = open_report(stories_db)
    assert page.locator("#across .pairs").count() == 2
    assert page.locator("#across .side mark[data-fact-id]").count() == 6
    page.locator("#across").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "across.png"), full_page=True)
    assert errors == []
