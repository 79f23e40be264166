"""Bad input never stops a batch, never corrupts the warehouse, and is recorded with a reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import extract.run.process as process_module
from conftest import CORPUS, SEED1, SEED4, rows_as_dicts
from extract.acquire.fetch import Skip, fetch
from extract.run.ingest import ingest
from extract.acquire.sources import Source, expand
from warehouse.store import Warehouse

RU_TEXT = (
    "В Павлодарской области ждут врачей\n\n"
    "В медицинских организациях Павлодарской области не хватает 120 врачей. "
    "Аким области сообщил, что в этом году планируется привлечь ещё 50 медсестер."
)
RU_TEXT_CHANGED = (
    "В Павлодарской области ждут врачей\n\n"
    "В медицинских организациях Павлодарской области не хватает 95 врачей. "
    "Аким области сообщил, что планируется построить 7 ФАПов."
)
KAZAKH_TEXT = (
    "Жамбыл облысында дәрігерлер жетіспейді\n"
    "Облыстағы ауруханаларда 148 өкпені жасанды желдету аппараты бар. Әкімдік биыл тағы 50 аппарат "
    "сатып алуды жоспарлап отыр. Денсаулық сақтау басқармасы бұл туралы хабарлады."
)
KAZAKH_HTML = (
    "<html><head><meta charset='utf-8'><title>Жаңалықтар</title></head><body><article>"
    "<h1>Жамбыл облысына 50 аппарат жеткізіледі</h1>"
    "<p>Облыстағы ауруханаларда 148 өкпені жасанды желдету аппараты бар. Әкімдік биыл тағы 50 аппарат "
    "сатып алуды жоспарлап отыр.</p><p>Денсаулық сақтау басқармасы бұл туралы хабарлады. Облыс әкімі "
    "дәрігерлер мен медбикелердің жетіспеушілігі туралы айтты.</p></article></body></html>"
)
EN_HTML = (
    "<html><head><meta charset='utf-8'><title>Kostanay region gets ambulances</title></head><body><article>"
    "<p>Kostanay region received 12 ambulances this week, the regional health department said.</p>"
    "<p>Another 8 ambulances will be delivered by the end of the year.</p></article></body></html>"
)


def run(db: Path, *arguments, **kwargs):
    with Warehouse(db) as warehouse:
        return ingest(expand([str(a) for a in arguments]), warehouse, **kwargs)


def read(db: Path, sql: str, params: list | None = None) -> list[dict]:
    with Warehouse(db, read_only=True) as warehouse:
        return rows_as_dicts(warehouse, sql, params)


def snapshot(db: Path) -> dict:
    with Warehouse(db, read_only=True) as warehouse:
        return {
            "documents": warehouse.query("SELECT doc_id, source, content_hash FROM documents ORDER BY source")[1],
            "facts": warehouse.query("SELECT * FROM facts ORDER BY fact_id")[1],
            "counts": [warehouse.query(f"SELECT count(*) FROM {t}")[1][0][0]
                       for t in ("documents", "sentences", "mentions", "fact_rows")],
        }


def skip_reasons(report) -> dict[str, str]:
    return {Path(source).name: reason for source, reason, _ in report.skipped}


# -- re-ingesting -------------------------------------------------------------------


def test_reingesting_the_corpus_is_a_no_op(ingested_corpus, corpus_dir, tmp_path):
    db = tmp_path / "copy.duckdb"
    shutil.copy(ingested_corpus.path, db)
    before = snapshot(db)
    report = run(db, corpus_dir)
    assert sorted(report.unchanged) == sorted(ingested_corpus.report.ingested)
    assert report.ingested == report.updated == report.skipped == []
    assert report.facts == 0
    assert snapshot(db) == before
    runs = read(db, "SELECT n_sources, n_ingested, n_unchanged, n_skipped FROM runs ORDER BY started_at")
    assert len(runs) == 2
    assert runs[-1] == {"n_sources": 21, "n_ingested": 0, "n_unchanged": 21, "n_skipped": 0}


def test_same_text_gives_same_fact_ids_in_a_fresh_warehouse(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(RU_TEXT, encoding="utf-8")
    run(tmp_path / "a.duckdb", page)
    run(tmp_path / "b.duckdb", page)
    ids_a = read(tmp_path / "a.duckdb", "SELECT fact_id FROM facts ORDER BY fact_id")
    ids_b = read(tmp_path / "b.duckdb", "SELECT fact_id FROM facts ORDER BY fact_id")
    assert ids_a and ids_a == ids_b


def test_changed_content_at_the_same_source_replaces_its_facts(tmp_path):
    db, page = tmp_path / "w.duckdb", tmp_path / "pavlodar.txt"
    page.write_text(RU_TEXT, encoding="utf-8")
    first = run(db, page)
    assert first.ingested == [str(page)]
    old = read(db, "SELECT doc_id, quantity, item FROM facts ORDER BY start_char")
    assert [(f["item"], f["quantity"]) for f in old] == [("doctor", 120.0), ("nurse", 50.0)]

    page.write_text(RU_TEXT_CHANGED, encoding="utf-8")
    second = run(db, page)
    assert second.updated == [str(page)] and second.ingested == []
    new = read(db, "SELECT doc_id, quantity, item FROM facts ORDER BY start_char")
    assert [(f["item"], f["quantity"]) for f in new] == [("doctor", 95.0), ("feldsher_post", 7.0)]
    assert read(db, "SELECT count(*) AS n FROM documents") == [{"n": 1}]
    old_doc = old[0]["doc_id"]
    assert old_doc != new[0]["doc_id"]
    for table in ("sentences", "mentions", "fact_rows"):
        assert read(db, f"SELECT count(*) AS n FROM {table} WHERE doc_id = ?", [old_doc]) == [{"n": 0}], table


# -- what gets skipped, and why ---------------------------------------------------------


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


# -- batches ------------------------------------------------------------------------------


def write_bad_inputs(folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.html").write_bytes(bytes(range(256)) * 40)
    (folder / "kazakh.txt").write_text(KAZAKH_TEXT, encoding="utf-8")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    return [folder / "empty.txt", folder / "binary.html", folder / "kazakh.txt", folder / "report.pdf", folder / "missing.html"]


def test_failing_sources_in_the_middle_of_a_batch_do_not_lose_the_others(tmp_path):
    db = tmp_path / "w.duckdb"
    bad = write_bad_inputs(tmp_path / "bad")
    (tmp_path / "en.html").write_text(EN_HTML, encoding="utf-8")
    (tmp_path / "ru.txt").write_text(RU_TEXT, encoding="utf-8")
    batch = [tmp_path / "en.html", *bad[:3], tmp_path / "ru.txt", *bad[3:], CORPUS / SEED4]
    report = run(db, *batch)
    assert report.ingested == [str(tmp_path / "en.html"), str(tmp_path / "ru.txt"), str(CORPUS / SEED4)]
    assert skip_reasons(report) == {
        "empty.txt": "empty", "binary.html": "binary", "kazakh.txt": "language",
        "report.pdf": "unsupported_type", "missing.html": "not_found",
    }
    stored = {row["source"] for row in read(db, "SELECT DISTINCT source FROM facts")}
    assert stored == set(report.ingested)


def test_an_unexpected_error_in_one_document_is_recorded_and_the_batch_goes_on(tmp_path, monkeypatch):
    db = tmp_path / "w.duckdb"
    for name in ("a.html", "b.html", "c.html"):
        shutil.copy(CORPUS / {"a.html": SEED1, "b.html": SEED4, "c.html": "enA14_almaty-city-308-ventilators.html"}[name],
                    tmp_path / name)
    real_to_rows = process_module.to_rows

    def to_rows(document, *args, **kwargs):
        if document.source.endswith("b.html"):
            raise RuntimeError("simulated bug")
        return real_to_rows(document, *args, **kwargs)

    monkeypatch.setattr(process_module, "to_rows", to_rows)
    report = run(db, tmp_path / "a.html", tmp_path / "b.html", tmp_path / "c.html")
    assert report.ingested == [str(tmp_path / "a.html"), str(tmp_path / "c.html")]
    assert report.skipped == [(str(tmp_path / "b.html"), "error", "RuntimeError: simulated bug")]
    assert {r["source"] for r in read(db, "SELECT DISTINCT source FROM facts")} == set(report.ingested)


def test_a_document_that_fails_mid_write_leaves_its_previous_version_intact(tmp_path, monkeypatch):
    db, page = tmp_path / "w.duckdb", tmp_path / "pavlodar.txt"
    page.write_text(RU_TEXT, encoding="utf-8")
    run(db, page)
    before = snapshot(db)

    real_append = Warehouse._append

    def failing_append(self, table, records):
        if table == "fact_rows":
            raise OSError("disk full (simulated)")
        return real_append(self, table, records)

    monkeypatch.setattr(Warehouse, "_append", failing_append)
    page.write_text(RU_TEXT_CHANGED, encoding="utf-8")
    report = run(db, page)
    assert report.skipped == [(str(page), "error", "OSError: disk full (simulated)")]
    monkeypatch.undo()
    assert snapshot(db) == before  # the old document, sentences, mentions and facts, nothing half-written


def test_warehouse_contents_are_intact_after_a_batch_of_bad_inputs(tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copy(CORPUS / SEED1, tmp_path / "seed1.html")
    run(db, tmp_path / "seed1.html", CORPUS / SEED4)
    before = snapshot(db)
    assert before["facts"]
    shutil.copy(CORPUS / SEED1, tmp_path / "seed1-copy.html")
    bad = write_bad_inputs(tmp_path / "bad") + [tmp_path / "seed1-copy.html"]
    report = run(db, *bad)
    assert len(report.skipped) == len(bad) and report.facts == 0
    assert snapshot(db) == before


def test_skipped_table_records_each_skip_with_its_run(tmp_path):
    db = tmp_path / "w.duckdb"
    bad = write_bad_inputs(tmp_path / "bad")
    report = run(db, *bad)
    rows = read(db, "SELECT run_id, source, reason, detail, skipped_at FROM skipped ORDER BY skipped_at")
    assert [(r["source"], r["reason"], r["detail"]) for r in rows] == report.skipped
    assert {r["run_id"] for r in rows} == {report.run_id}
    assert all(r["detail"] and r["skipped_at"] is not None for r in rows)
    [run_row] = read(db, "SELECT n_sources, n_ingested, n_skipped, n_facts, finished_at FROM runs")
    assert run_row["n_sources"] == run_row["n_skipped"] == len(bad)
    assert run_row["n_ingested"] == run_row["n_facts"] == 0
    assert run_row["finished_at"] is not None


def test_a_title_repeated_as_the_first_body_line_is_not_read_twice(tmp_path):
    from extract.acquire.fetch import fetch
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


def test_a_released_warehouse_can_be_read_by_another_process_and_reopens_on_use(tmp_path):
    """Ingest releases the file lock between batches, so `query` works while pages download."""
    import subprocess
    import sys

    db = tmp_path / "w.duckdb"
    warehouse = Warehouse(db)
    warehouse.release()
    reader = subprocess.run(
        [sys.executable, "-c", f"import duckdb; print(duckdb.connect({str(db)!r}, read_only=True).execute('SELECT count(*) FROM documents').fetchone()[0])"],
        capture_output=True, text=True, timeout=60,
    )
    assert reader.returncode == 0, reader.stderr
    assert reader.stdout.strip() == "0"
    assert warehouse.query("SELECT count(*) FROM documents")[1] == [(0,)]  # the connection came back
    warehouse.close()
