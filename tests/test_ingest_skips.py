"""What an ingest skips, and the reason it records: languages, empty, binary, encodings, types, sizes, duplicates, broken markup."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, SEED1
from ingest_support import KAZAKH_HTML, KAZAKH_TEXT, read, run, skip_reasons

from extract.acquire.fetch import Skip, fetch
from extract.acquire.sources import Source, expand


def test_kazakh_text_is_skipped_for_language(tmp_path):
    page = tmp_path / "kazakh.txt"
    page.write_text(KAZAKH_TEXT, encoding="utf-8")
    report = run(tmp_path / "w.duckdb", page)
    assert report.skipped == [(str(page), "language", report.skipped[0][2])]
    assert "Kazakh" in report.skipped[0][2]


def test_kazakh_html_page_is_skipped_for_language(tmp_path):
    page = tmp_path / "kazakh.html"
    page.write_text(KAZAKH_HTML, encoding="utf-8")
    report = run(tmp_path / "w.duckdb", page)
    assert skip_reasons(report) == {"kazakh.html": "language"}
    assert read(tmp_path / "w.duckdb", "SELECT count(*) AS n FROM documents") == [{"n": 0}]


def test_other_languages_are_skipped_for_language(tmp_path):
    page = tmp_path / "german.txt"
    page.write_text(
        "Die Regierung hat heute beschlossen, dass die Krankenhäuser in der Region mehr Beatmungsgeräte "
        "bekommen sollen. Das Gesundheitsministerium teilte mit, dass weitere Geräte bestellt werden.",
        encoding="utf-8",
    )
    report = run(tmp_path / "w.duckdb", page)
    assert skip_reasons(report) == {"german.txt": "language"}


@pytest.mark.parametrize("name, data", [
    ("empty.txt", b""),
    ("blank.html", b"  \n\t \n"),
    ("no-main-text.html", b"<html><body><nav>menu</nav></body></html>"),
    ("too-short.txt", "Короткий текст".encode()),
])
def test_empty_or_textless_files_are_skipped_as_empty(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    report = run(tmp_path / "w.duckdb", tmp_path / name)
    assert skip_reasons(report) == {name: "empty"}


def test_binary_file_is_skipped_as_binary(tmp_path):
    (tmp_path / "image.html").write_bytes(bytes(range(256)) * 40)
    report = run(tmp_path / "w.duckdb", tmp_path / "image.html")
    assert skip_reasons(report) == {"image.html": "binary"}


def test_undecodable_text_is_skipped_for_encoding(tmp_path):
    # 0x98 is invalid in UTF-8 here and undefined in cp1251.
    (tmp_path / "odd.txt").write_bytes(b"Some text \x98\x98 here that is long enough to pass the minimum length check.")
    report = run(tmp_path / "w.duckdb", tmp_path / "odd.txt")
    assert skip_reasons(report) == {"odd.txt": "encoding"}


def test_unsupported_extension_is_skipped_and_named(tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4 not really")
    report = run(tmp_path / "w.duckdb", tmp_path / "report.pdf")
    assert len(report.skipped) == 1
    source, _, message = report.skipped[0]
    assert source == str(tmp_path / "report.pdf")
    assert ".pdf" in message
    assert report.ingested == []


def test_unsupported_extension_is_skipped_with_reason_unsupported_type(tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4 not really")
    report = run(tmp_path / "w.duckdb", tmp_path / "report.pdf")
    assert skip_reasons(report) == {"report.pdf": "unsupported_type"}


def test_directories_yield_only_html_htm_and_txt_files_recursively(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    for name in ("a.html", "sub/b.HTM", "sub/deeper/c.txt", "d.pdf", "sub/e.json"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    sources = expand([str(tmp_path)])
    assert [(Path(s.locator).relative_to(tmp_path).as_posix(), s.kind) for s in sources] == [
        ("a.html", "html"), ("sub/b.HTM", "html"), ("sub/deeper/c.txt", "text"),
    ]


def test_missing_path_is_skipped_as_not_found(tmp_path):
    report = run(tmp_path / "w.duckdb", tmp_path / "nowhere.html")
    assert skip_reasons(report) == {"nowhere.html": "not_found"}


def test_file_over_the_size_cap_is_refused_as_too_large(tmp_path):
    page = tmp_path / "big.html"
    page.write_bytes(b"<p>" + b"x" * 5000 + b"</p>")
    with pytest.raises(Skip) as caught:
        fetch(Source(str(page), "html"), max_bytes=1000)
    assert caught.value.reason == "too_large"


def test_duplicate_content_at_another_path_is_skipped_as_duplicate(tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copy(CORPUS / SEED1, tmp_path / "first.html")
    shutil.copy(CORPUS / SEED1, tmp_path / "second.htm")
    shutil.copy(CORPUS / SEED1, tmp_path / "third.html")
    report = run(db, tmp_path / "first.html", tmp_path / "second.htm")
    assert report.ingested == [str(tmp_path / "first.html")]
    assert report.skipped == [(str(tmp_path / "second.htm"), "duplicate", f"same text as {tmp_path / 'first.html'}")]
    # Also across runs: the stored copy is found in the warehouse.
    later = run(db, tmp_path / "third.html")
    assert skip_reasons(later) == {"third.html": "duplicate"}
    assert read(db, "SELECT count(*) AS n FROM documents") == [{"n": 1}]


@pytest.mark.parametrize("markup", [
    "<html><body><div><p>В Жамбылской области имеется 148 аппаратов ИВЛ, ещё 50 аппаратов ИВЛ закупят."
    "<p>Аким области сообщил об этом на брифинге.<div><table><tr><td>unclosed",
    "<html><body><p>В Жамбылской области имеется 148 аппаратов ИВЛ, ещё 50 аппаратов ИВЛ закупят.</div></span></table></p></p>",
    "<html><body><p>В Жамбылской области имеется 148 аппаратов ИВЛ, <b><i>ещё <p>50 аппаратов ИВЛ <td>закупят.",
])
def test_broken_html_is_still_read(tmp_path, markup):
    db, page = tmp_path / "w.duckdb", tmp_path / "broken.html"
    page.write_text(markup, encoding="utf-8")
    report = run(db, page)
    assert report.ingested == [str(page)], report.skipped
    facts = read(db, "SELECT item, quantity FROM facts ORDER BY start_char")
    assert ("ventilator", 148.0) in [(f["item"], f["quantity"]) for f in facts]


@pytest.mark.parametrize("data", [b"<<<>>><html<body<<p>>", b"</p></div><p", b"<html>" * 5000])
def test_garbage_markup_is_skipped_with_a_reason_not_an_error(tmp_path, data):
    (tmp_path / "garbage.html").write_bytes(data)
    report = run(tmp_path / "w.duckdb", tmp_path / "garbage.html")
    assert len(report.skipped) == 1
    assert report.skipped[0][1] in {"empty", "broken_html", "binary"}
