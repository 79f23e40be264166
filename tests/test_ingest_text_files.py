"""Plain-text files: their encodings (cp1251, a BOM) and when their first line is a title."""

from __future__ import annotations

import pytest
from ingest_support import RU_TEXT, read, run

from extract.acquire.fetch import fetch


def test_cp1251_russian_text_file_is_ingested_with_its_first_line_as_title(tmp_path):
    db, page = tmp_path / "w.duckdb", tmp_path / "pavlodar.txt"
    page.write_bytes(RU_TEXT.encode("cp1251"))
    with pytest.raises(UnicodeDecodeError):
        page.read_bytes().decode("utf-8")
    report = run(db, page)
    assert report.ingested == [str(page)] and report.skipped == []
    [doc] = read(db, "SELECT title, lang, text FROM documents")
    assert doc["title"] == "В Павлодарской области ждут врачей"
    assert doc["lang"] == "ru"
    assert doc["text"] == RU_TEXT.split("\n\n", 1)[1]
    facts = read(db, "SELECT item, quantity, status, region FROM facts ORDER BY start_char")
    assert facts[0] == {"item": "doctor", "quantity": 120.0, "status": "needed", "region": "pavlodar"}


def test_utf8_text_with_bom_is_read_without_the_bom(tmp_path):
    db, page = tmp_path / "w.duckdb", tmp_path / "bom.txt"
    page.write_bytes(RU_TEXT.encode("utf-8-sig"))
    run(db, page)
    [doc] = read(db, "SELECT title FROM documents")
    assert doc["title"] == "В Павлодарской области ждут врачей"


def test_a_title_repeated_as_the_first_body_line_is_not_read_twice(tmp_path):
    from extract.acquire.sources import Source
    from extract.acquire.text import to_document

    path = tmp_path / "article.txt"
    title = "В области закупят 60 аппаратов ИВЛ"
    path.write_text(f"{title}\n\n{title}\nВ Жамбылской области имеются 148 аппаратов ИВЛ, сообщили в управлении.\n", encoding="utf-8")
    document = to_document(fetch(Source(str(path), "text")))
    assert document.title == title
    assert title not in document.text


def test_a_txt_whose_first_line_is_a_sentence_keeps_it_as_body_and_its_figures(tmp_path):
    db, page = tmp_path / "w.duckdb", tmp_path / "release.txt"
    page.write_text("В медицинских организациях Павлодарской области не хватает 120 врачей.\n"
                    "Аким области сообщил, что в этом году планируется привлечь ещё 50 медсестер.\n", encoding="utf-8")
    run(db, page)
    [doc] = read(db, "SELECT title, text FROM documents")
    assert doc["title"] is None
    assert doc["text"].startswith("В медицинских организациях")
    assert {(f["item"], f["quantity"]) for f in read(db, "SELECT item, quantity FROM facts")} >= {("doctor", 120.0)}


@pytest.mark.parametrize("first_line, is_title", [
    ("В Павлодарской области ждут врачей", True),
    ("How Kazakh regions address medical equipment and staff shortage?", True),
    ("В области не хватает 120 врачей.", False),
    ("A headline that runs on and on " * 10, False),
])
def test_the_first_line_of_a_txt_is_a_title_only_when_it_looks_like_one(first_line, is_title):
    from extract.acquire.text import split_title

    body = "Аким области сообщил, что в этом году планируется привлечь ещё 50 медсестер."
    title, text = split_title(f"{first_line}\n\n{body}\n")
    assert (title is not None) == is_title
    assert text.endswith(body) and (title is None) == text.startswith(first_line.strip())


def test_a_first_line_without_a_blank_line_after_it_is_body(tmp_path):
    from extract.acquire.text import split_title

    title, text = split_title("В Павлодарской области ждут врачей\nВ медицинских организациях не хватает 120 врачей.\n")
    assert title is None and text.startswith("В Павлодарской области ждут врачей\n")
