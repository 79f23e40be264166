"""Metadata sidecars (--manifest, the format of corpus/manifest.jsonl) and source identity by canonical key."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from conftest import CORPUS, SEED1, rows_as_dicts
from extract.acquire.identity import canonical_key, canonical_url
from extract.acquire.manifest import Manifest, ManifestError
from extract.acquire.sources import expand
from extract.cli import app
from extract.run.ingest import ingest
from warehouse.store import Warehouse


def write_manifest(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def seed1_with_manifest(tmp_path):
    """SEED1 has no date in its metadata; the sidecar knows when it was published."""
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(CORPUS / SEED1, folder / "seed1.html")
    manifest = write_manifest(folder / "manifest.jsonl", [
        {"file": "seed1.html", "url": "https://old.qazaqtv.com/en/view/health/page_214632", "title": "Sidecar title",
         "published": "2020-04-02", "lang": "en"},
    ])
    return folder / "seed1.html", manifest


def test_sidecar_date_and_url_fill_what_the_page_leaves_empty(seed1_with_manifest, tmp_path):
    page, manifest = seed1_with_manifest
    with Warehouse(tmp_path / "w.duckdb") as warehouse:
        ingest(expand([str(page)]), warehouse, manifest=Manifest.read([manifest]))
        [doc] = rows_as_dicts(warehouse, "SELECT source, published, url, title FROM documents")
        dates = {d for (d,) in warehouse.query("SELECT DISTINCT published FROM facts")[1]}
    assert doc["source"] == str(page)
    assert str(doc["published"]) == "2020-04-02" and dates == {doc["published"]}
    assert doc["url"].startswith("https://old.qazaqtv.com/en/view/health/page_214632_")  # the page's own wins
    assert doc["title"] != "Sidecar title"


def test_sidecar_fills_a_text_file_title_url_and_date(tmp_path):
    page = tmp_path / "release.txt"
    page.write_text("В медицинских организациях Павлодарской области не хватает 120 врачей. "
                    "В этом году планируется привлечь ещё 50 медсестер.\n", encoding="utf-8")
    manifest = write_manifest(tmp_path / "m.jsonl", [{"source": "release.txt", "title": "Павлодар ждёт врачей",
                                                      "published": "2021-02-03", "url": "https://example.kz/r/1"}])
    with Warehouse(tmp_path / "w.duckdb") as warehouse:
        ingest(expand([str(page)]), warehouse, manifest=Manifest.read([manifest]))
        [doc] = rows_as_dicts(warehouse, "SELECT title, url, published FROM documents")
        dates = {d for (d,) in warehouse.query("SELECT date FROM facts WHERE date_text IS NOT NULL")[1]}
    assert (doc["title"], doc["url"], str(doc["published"])) == ("Павлодар ждёт врачей", "https://example.kz/r/1", "2021-02-03")
    assert dates == {"2021"}


def test_without_the_sidecar_the_same_page_has_no_date(seed1_with_manifest, tmp_path):
    page, _ = seed1_with_manifest
    with Warehouse(tmp_path / "w.duckdb") as warehouse:
        ingest(expand([str(page)]), warehouse)
        [doc] = rows_as_dicts(warehouse, "SELECT published FROM documents")
    assert doc["published"] is None


def test_sidecar_entries_are_found_however_the_path_is_typed(seed1_with_manifest, monkeypatch):
    page, manifest = seed1_with_manifest
    sidecars = Manifest.read([manifest])
    monkeypatch.chdir(page.parent)
    assert sidecars.entry_for("seed1.html").title == "Sidecar title"
    assert sidecars.entry_for("./seed1.html") == sidecars.entry_for(f"../{page.parent.name}/seed1.html")


def test_cli_manifest_alone_ingests_its_entries(seed1_with_manifest, tmp_path):
    _, manifest = seed1_with_manifest
    db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(app, ["ingest", "--manifest", str(manifest), "--quiet", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "1 ingested" in result.stdout
    with Warehouse(db, read_only=True) as warehouse:
        [(published,)] = warehouse.query("SELECT published FROM documents")[1]
    assert str(published) == "2020-04-02"


def test_cli_bad_manifest_line_is_named(tmp_path):
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"file": "a.html"}\n{"file": \n', encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", "--manifest", str(manifest), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 2
    assert "m.jsonl:2" in result.output


def test_manifest_needs_a_file_source_or_url(tmp_path):
    with pytest.raises(ManifestError, match="needs"):
        Manifest.read([write_manifest(tmp_path / "m.jsonl", [{"title": "orphan"}])])


def test_bundled_corpus_manifest_names_every_corpus_page():
    sidecars = Manifest.read([CORPUS / "manifest.jsonl"])
    for page in CORPUS.glob("*.html"):
        assert sidecars.entry_for(str(page)) is not None, page.name


# -- identity ----------------------------------------------------------------------------


def test_a_path_given_two_ways_has_one_key(tmp_path, monkeypatch):
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "x.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "other").mkdir()
    monkeypatch.chdir(tmp_path / "other")
    assert canonical_key("../dir/x.html") == canonical_key(str(tmp_path / "dir" / "x.html"))
    assert canonical_key("../dir/./x.html") == canonical_key("../other/../dir/x.html")


@pytest.mark.parametrize("typed", [
    "https://www.inform.kz/ru/article-1",
    "HTTPS://WWW.Inform.kz:443/ru/article-1",
    "https://www.inform.kz/ru/article-1#comments",
    "https://www.inform.kz/ru/article-1?utm_source=telegram&utm_medium=social",
    "https://www.inform.kz/ru/x/../article-1",
])
def test_url_key_drops_case_default_port_fragment_and_tracking(typed):
    assert canonical_url(typed) == "https://www.inform.kz/ru/article-1"


def test_url_key_keeps_parameters_that_choose_the_page():
    assert canonical_url("https://example.kz/news?id=5&utm_source=x") == "https://example.kz/news?id=5"
    assert canonical_url("https://example.kz/news?id=5") != canonical_url("https://example.kz/news?id=6")
