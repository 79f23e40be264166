"""Shared by the ingest robustness tests: small sample texts and one-line ways to run and read an ingest."""

from __future__ import annotations

from pathlib import Path

from conftest import rows_as_dicts

from extract.acquire.sources import expand
from extract.run.ingest import ingest
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
