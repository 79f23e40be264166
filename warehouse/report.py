"""The audit report: one self-contained HTML file to look at instead of reading.

A facts table that filters and sorts; each document's clean text with every
fact's figure marked (``data-fact-id``, text exactly ``quantity_text``) and
the numbers that did not become facts shown faintly with the reason; charts
as inline SVG; corroborations and conflicts side by side.  One Jinja2
template with autoescaping (page text is untrusted), inline CSS and JS, no
network: the file opens from disk and can be mailed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from . import views
from .store import Warehouse, WarehouseError

FACTS_SQL = """
SELECT * FROM (
    SELECT f.*, r.status_rule, r.region_rule, r.official_rule, r.date_rule, r.sentence_index,
           s.start_char AS sentence_start, d.title, p.period_start, g.figure_id, g.sources
    FROM facts f
    JOIN fact_rows r ON r.fact_id = f.fact_id
    JOIN documents d ON d.doc_id = f.doc_id
    JOIN sentences s ON s.doc_id = f.doc_id AND s.sentence_index = r.sentence_index
    LEFT JOIN fact_periods p ON p.fact_id = f.fact_id
    LEFT JOIN figures g ON g.fact_id = f.fact_id
) AS facts
WHERE {where}
ORDER BY source, start_char
"""
POPOVER_FIELDS = ("fact_id", "item", "category", "quantity", "quantity_text", "qualifier", "status", "status_rule",
                  "region", "region_rule", "official", "official_role", "official_rule", "date", "date_text",
                  "date_rule", "published", "rule", "source", "sources")
STATUSES = ("available", "needed", "planned", "acquired", "other")
MAX_PAIRS = 300  # of each kind in one page; the views hold them all


@dataclass
class ReportStats:
    facts: int
    documents: int
    numbers_not_facts: int
    corroborations: int
    conflicts: int
    bytes: int


def _rows(warehouse: Warehouse, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    columns, rows = warehouse.query(sql, params)
    return [dict(zip(columns, row)) for row in rows]


def _facts(warehouse: Warehouse, where: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    return _rows(warehouse, FACTS_SQL.format(where=where), params)


def _in(values) -> tuple[str, list[Any]]:
    """``IN <sql>`` over a set of ids, as one list parameter (thousands of ? are slow)."""
    return "(SELECT unnest(?::VARCHAR[]))", [sorted(set(values))]


def _segments(text: str, facts: list[dict], numbers: list[dict]) -> list[tuple[str, Any]]:
    """The text cut into plain runs, fact figures and other numbers, in order; overlaps keep the first."""
    spans = sorted([(f["start_char"], f["end_char"], "fact", f) for f in facts]
                   + [(n["start_char"], n["end_char"], "number", n) for n in numbers], key=lambda s: (s[0], s[2] != "fact"))
    segments, at = [], 0
    for start, end, kind, payload in spans:
        if start < at:
            continue
        if start > at:
            segments.append(("text", text[at:start]))
        segments.append((kind, payload))
        at = end
    segments.append(("text", text[at:]))
    return segments


def _bars(counter: Counter, limit: int = 25) -> list[tuple[str, int, float]]:
    """(label, count, share of the largest) for a horizontal bar chart, largest first."""
    top = counter.most_common(limit)
    largest = max((n for _, n in top), default=1)
    return [(label, n, n / largest) for label, n in top]


def _timeline(facts: list[dict]) -> tuple[str, list[tuple[str, int, float]]]:
    """Facts over time by month, or by year when they span more than three years."""
    starts = [f["period_start"] for f in facts if f.get("period_start")]
    if not starts:
        return "", []
    by_year = (max(starts).year - min(starts).year) > 3
    keys = Counter(d.strftime("%Y") if by_year else d.strftime("%Y-%m") for d in starts)
    labels, current, last = [], min(starts).replace(day=1), max(starts)
    while current <= last:  # every step, empty ones too, so gaps show as gaps
        labels.append(current.strftime("%Y") if by_year else current.strftime("%Y-%m"))
        current = current.replace(year=current.year + 1) if by_year else (current + dt.timedelta(days=32)).replace(day=1)
    labels = list(dict.fromkeys(labels))
    largest = max(keys.values())
    return ("year" if by_year else "month"), [(label, keys[label], keys[label] / largest) for label in labels]


def _pairs(warehouse: Warehouse, view: str, fact_ids: set[str]) -> tuple[list[dict], int]:
    """Pairs touching the selected facts (at most MAX_PAIRS, closest in time first) and how many there are."""
    marks, params = _in(fact_ids)
    sql = f"FROM {view} WHERE fact_id IN {marks} OR other_fact_id IN {marks}"
    total = warehouse.query(f"SELECT count(*) {sql}", params + params)[1][0][0]
    rows = _rows(warehouse, f"SELECT * {sql} ORDER BY days_apart, item, region, status, fact_id LIMIT {MAX_PAIRS}",
                 params + params)
    return sorted(rows, key=lambda p: (p["item"], p["region"], p["status"], p["days_apart"], p["fact_id"])), total


def _conflicts_per_fact(warehouse: Warehouse, fact_ids: set[str]) -> Counter:
    marks, params = _in(fact_ids)
    rows = warehouse.query(f"SELECT fact_id, count(*) FROM (SELECT fact_id FROM conflicts UNION ALL "
                           f"SELECT other_fact_id FROM conflicts) WHERE fact_id IN {marks} GROUP BY 1", params)[1]
    return Counter(dict(rows))


def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = lambda v: "" if v is None else f"{v:g}"
    return env.from_string(resources.files("warehouse").joinpath("report.html.j2").read_text(encoding="utf-8"))


def render(warehouse: Warehouse, where: str | None = None, fact_id: str | None = None,
           window: int = views.DEFAULT_WINDOW_DAYS, title: str | None = None) -> tuple[str, ReportStats]:
    """The report as an HTML string: all facts, those matching ``where`` (SQL over the facts
    view's columns), or one fact (``fact_id``, a unique prefix is enough)."""
    warehouse.set_window(window)
    if fact_id is not None:
        fact = warehouse.fact(fact_id)
        if fact is None:
            raise WarehouseError(f"no fact with id {fact_id!r}")
        if fact.get("ambiguous"):
            raise WarehouseError(f"{fact_id!r} matches several facts; give more characters")
        selected = _facts(warehouse, "fact_id = ?", [fact["fact_id"]])
        title = title or f"medfacts: fact {fact['fact_id']}"
    else:
        try:
            selected = _facts(warehouse, f"({where})" if where else "TRUE")
        except WarehouseError as exc:
            raise WarehouseError(f"--where {where!r} failed: {exc}") from exc
    selected_ids = {f["fact_id"] for f in selected}
    if where or fact_id:
        doc_ids = {f["doc_id"] for f in selected}
    else:
        doc_ids = {d for (d,) in warehouse.query("SELECT doc_id FROM documents")[1]}
    marks, params = _in(doc_ids)
    documents = _rows(warehouse, f"SELECT doc_id, source, url, title, published, sitename, lang, text FROM documents "
                                 f"WHERE doc_id IN {marks} ORDER BY source", params)
    doc_facts = _facts(warehouse, f"doc_id IN {marks}", params)
    numbers = _rows(warehouse, "SELECT m.doc_id, m.start_char, m.end_char, m.text, m.rule, "
                               "coalesce(m.reason, 'unknown: ingested before reasons were recorded') AS reason "
                               "FROM mentions m LEFT JOIN fact_rows f "
                               "ON f.doc_id = m.doc_id AND f.start_char = m.start_char AND f.end_char = m.end_char "
                               f"WHERE m.kind = 'quantity' AND f.fact_id IS NULL AND m.doc_id IN {marks} "
                               "ORDER BY m.doc_id, m.start_char", params)
    corroborations, n_corroborations = _pairs(warehouse, "corroborations", selected_ids)
    conflicts, n_conflicts = _pairs(warehouse, "conflicts", selected_ids)
    known = {f["fact_id"]: f for f in doc_facts}
    others = {p[k] for p in corroborations + conflicts for k in ("fact_id", "other_fact_id")} - known.keys()
    if others:
        o_marks, o_params = _in(others)
        known.update({f["fact_id"]: f for f in _facts(warehouse, f"fact_id IN {o_marks}", o_params)})
    facts_of, numbers_of = defaultdict(list), defaultdict(list)
    for f in doc_facts:
        facts_of[f["doc_id"]].append(f)
    for n in numbers:
        numbers_of[n["doc_id"]].append(n)
    for doc in documents:
        doc["segments"] = _segments(doc["text"], facts_of[doc["doc_id"]], numbers_of[doc["doc_id"]])
        doc["n_facts"], doc["n_numbers"] = len(facts_of[doc["doc_id"]]), len(numbers_of[doc["doc_id"]])
    conflicts_of = _conflicts_per_fact(warehouse, selected_ids) if n_conflicts > len(conflicts) else \
        Counter(p[k] for p in conflicts for k in ("fact_id", "other_fact_id"))
    for f in selected:
        f["n_conflicts"] = conflicts_of[f["fact_id"]]
    def when(f: dict) -> tuple:
        return (f["period_start"] or dt.date.max, f["published"] or dt.date.max, f["fact_id"])

    for pair in corroborations + conflicts:  # the earlier statement on the left
        pair["left"], pair["right"] = sorted((known[pair["fact_id"]], known[pair["other_fact_id"]]), key=when)
    for fact in known.values():  # the sentence cut around the figure, for the side-by-side pairs
        offset = fact["start_char"] - fact["sentence_start"]
        fact["before"] = fact["sentence"][:offset]
        fact["after"] = fact["sentence"][offset + len(fact["quantity_text"]):]
    popovers = {f["fact_id"]: {k: (str(f[k]) if isinstance(f.get(k), dt.date) else f.get(k)) for k in POPOVER_FIELDS}
                for f in known.values()}
    time_unit, timeline = _timeline(selected)
    counts = {"facts": len(selected), "figures": len({f["figure_id"] or f["fact_id"] for f in selected}),
              "documents": len(documents), "numbers": len(numbers),
              "corroborations": n_corroborations, "conflicts": n_conflicts}
    html = _template().render(
        title=title or "medfacts audit report",
        generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        where=where, single=fact_id is not None, focus=next(iter(selected_ids)) if fact_id is not None else "", window=window, counts=counts,
        facts=selected, documents=documents, known=known, popovers=popovers,
        corroborations=corroborations, conflicts=conflicts, statuses=STATUSES,
        charts=[("Facts by region", _bars(Counter(f["region"] or "(unknown)" for f in selected))),
                ("Facts by item", _bars(Counter(f["item"] for f in selected))),
                ("Facts by status", _bars(Counter(f["status"] for f in selected)))],
        time_unit=time_unit, timeline=timeline,
        options={key: sorted({str(f[key] or "") for f in selected}) for key in ("region", "item", "status")},
    )
    stats = ReportStats(len(selected), len(documents), len(numbers), n_corroborations, n_conflicts,
                        len(html.encode("utf-8")))
    return html, stats


def write(warehouse: Warehouse, out: str | Path, **options: Any) -> ReportStats:
    """Render the report (see ``render``) into ``out``."""
    html, stats = render(warehouse, **options)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    return stats
