"""Commands that read the warehouse: query, export, report, trace, sources, summary, info."""

from __future__ import annotations


import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from warehouse.errors import WarehouseError
from warehouse.views import DEFAULT_WINDOW_DAYS


from .cli import DEFAULT_DB, ORIGINALS, DbOption, ExportFormat, QueryFormat, WindowOption, _fail, _open, app, console, errors


@app.command()
def query(
    sql: Annotated[Optional[str], typer.Argument(help="SQL over the warehouse (the facts view, documents, sentences, mentions, regions, items, skipped, runs). '-' or nothing on a pipe: read it from stdin.", show_default=False)] = None,
    db: DbOption = DEFAULT_DB,
    file: Annotated[Optional[Path], typer.Option("--file", help="Read the SQL from this file.", show_default=False)] = None,
    format: Annotated[QueryFormat, typer.Option("--format", "-f", help="table (DuckDB's own rendering), csv, json (one object a line) or line (one column a line, for wide rows).")] = QueryFormat.table,
    limit: Annotated[int, typer.Option(help="At most this many rows in table output (0 = all).")] = 200,
) -> None:
    """Run SQL against the warehouse and print the result.

    Example:  medfacts query "SELECT region, sum(quantity) AS ventilators FROM facts
    WHERE item = 'ventilator' AND status = 'available' GROUP BY region ORDER BY 2 DESC"

    From a file or a pipe:  medfacts query --file report.sql -f csv   |   echo "SELECT count(*) FROM facts" | medfacts query -
    """
    if file is not None and sql is not None:
        _fail("give the SQL either as an argument or with --file, not both", 2)
    if file is not None:
        try:
            sql = file.read_text(encoding="utf-8")
        except OSError as exc:
            _fail(f"cannot read {file}: {exc.strerror or exc}", 2)
    elif sql == "-" or (sql is None and not sys.stdin.isatty()):
        sql = sys.stdin.read()
    if not sql or not sql.strip():
        _fail("empty query: give SQL as an argument, with --file, or on stdin "
              "(e.g. medfacts query \"SELECT * FROM facts LIMIT 5\")", 2)
    with _open(db) as warehouse:
        try:
            result = warehouse.result(sql)
        except WarehouseError as exc:
            _fail(f"query failed: {exc}")
        if format is QueryFormat.csv:
            result.write_csv(sys.stdout)
        elif format is QueryFormat.json:
            result.write_jsonl(sys.stdout)
        elif format is QueryFormat.line:
            result.write_lines(sys.stdout)
        else:
            sys.stdout.write(result.render(warehouse.con, console.width, limit))


@app.command()
def export(
    out: Annotated[str, typer.Option("--out", "-o", help="File to write: .csv, .parquet or .jsonl (the format follows the extension); '-' for stdout.")],
    format: Annotated[Optional[ExportFormat], typer.Option("--format", "-f", help="csv, parquet or jsonl; needed only for stdout or an unusual extension.", show_default=False)] = None,
    where: Annotated[Optional[str], typer.Option("--where", "-w", help="Only facts matching this SQL condition on the facts view.", show_default=False)] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write the facts view to a file, all of it or the facts matching --where (DuckDB COPY).

    Example:  medfacts export --out facts.parquet --where "item = 'ventilator' AND year >= 2020"

    To stdout:  medfacts export --out - --format jsonl | head
    """
    with _open(db) as warehouse:
        try:
            count = warehouse.export(out, format.value if format else None, where)
        except WarehouseError as exc:
            _fail(f"export failed: {exc}", 2 if "format" in str(exc) else 1)
    (errors if out == "-" else console).print(f"{count} facts → {escape(out)}")


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path("report.html"),
    db: DbOption = DEFAULT_DB,
    where: Annotated[Optional[str], typer.Option("--where", help="SQL condition over the facts view's columns, e.g. \"region = 'zhambyl'\".")] = None,
    window: WindowOption = DEFAULT_WINDOW_DAYS,
    open_: Annotated[bool, typer.Option("--open", help="Open the report in the default browser.")] = False,
) -> None:
    """Write an audit report: one self-contained HTML file (no network; opens from disk, can be mailed).

    A facts table that filters and sorts; each document's text with every fact's figure marked
    (hover or click: item, status, region, official, date and the rule behind each) and the numbers
    that did not become facts shown faintly with the reason; charts; corroborations and conflicts
    side by side with their sources.

    Example:  medfacts report --db warehouse/medfacts.duckdb --out report.html --where "item = 'ventilator'"
    """
    _write_report(db, out, open_, where=where, window=window)


def _write_report(db: Path, out: Path, open_: bool, **options) -> None:
    from warehouse.report import write as write_report

    with _open(db) as warehouse:
        try:
            stats = write_report(warehouse, out, **options)
        except WarehouseError as exc:
            _fail(str(exc))
    console.print(f"{stats.facts} facts from {stats.documents} documents, {stats.numbers_not_facts} other numbers, "
                  f"{stats.corroborations} corroborations, {stats.conflicts} conflicts → {out} ({stats.bytes / 1024:.0f} KiB)")
    if open_:
        import webbrowser

        webbrowser.open(out.resolve().as_uri())


@app.command()
def trace(
    fact_id: Annotated[str, typer.Argument(help="A fact_id from the facts view (a unique prefix is enough).")],
    db: DbOption = DEFAULT_DB,
    html: Annotated[bool, typer.Option("--html", help="Write the report view of this fact (its document, marks, sources) instead.")] = False,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="With --html: the file to write (default fact-ID.html).")] = None,
    open_: Annotated[bool, typer.Option("--open", help="With --html: open it in the default browser.")] = False,
) -> None:
    """Show where a fact comes from: document, sentence with the figure marked, context and rules.

    Example:  medfacts trace 3f2a9c1b    (or: medfacts trace 3f2a9c1b --html --open)
    """
    if html:
        _write_report(db, out or Path(f"fact-{fact_id}.html"), open_, fact_id=fact_id)
        return
    with _open(db) as warehouse:
        fact = warehouse.fact(fact_id)
        if fact is None:
            _fail(f"no fact with id {fact_id!r}")
        if fact.get("ambiguous"):
            _fail(f"{fact_id!r} matches several facts; give more characters")
        around = warehouse.sentences_around(fact["doc_id"], fact["sentence_index"])
        text = warehouse.document_text(fact["doc_id"])
    console.print(f"[bold]fact {fact['fact_id']}[/]")
    console.print(f"source:    {fact['source']}")
    console.print(f"title:     {fact['title'] or '—'}")
    console.print(f"published: {fact['published'] or 'unknown'}    language: {fact['lang']}")
    console.print(f"offsets:   {fact['start_char']}–{fact['end_char']} in documents.text "
                  f"({'verified' if text[fact['start_char']:fact['end_char']] == fact['quantity_text'] else 'MISMATCH'})")
    console.print()
    for index, sent_start, sentence in around:
        if index == fact["sentence_index"]:
            offset = fact["start_char"] - sent_start
            marked = Text(sentence[:offset])
            marked.append(sentence[offset : offset + len(fact["quantity_text"])], style="bold reverse")
            marked.append(sentence[offset + len(fact["quantity_text"]) :])
            console.print(Text("» ", style="bold") + marked)
        else:
            console.print(Text("  " + sentence, style="dim"))
    console.print()
    table = Table("attribute", "value", "rule", show_header=True)
    table.columns[2].overflow = "fold"
    table.add_row("item", f"{fact['item']} ({fact['category']})", fact["rule"])
    table.add_row("quantity", f"{fact['quantity']:g}  ← “{fact['quantity_text']}”", "")
    table.add_row("status", fact["status"], fact["status_rule"] or "")
    table.add_row("region", fact["region"] or "—", fact["region_rule"] or "")
    official = fact["official"] or "—"
    if fact["official_role"]:
        official += f" ({fact['official_role']})"
    table.add_row("official", official, fact["official_rule"] or "")
    date = fact["date"] or "—"
    if fact["date_text"]:
        date += f"  ← “{fact['date_text']}”"
    table.add_row("date", date, fact["date_rule"] or "")
    console.print(table)


class SourceOutcome(str, Enum):
    ingested = "ingested"
    updated = "updated"
    unchanged = "unchanged"
    skipped = "skipped"


@app.command()
def sources(
    db: DbOption = DEFAULT_DB,
    outcome: Annotated[Optional[SourceOutcome], typer.Option("--outcome", help="Only sources whose last outcome was this.")] = None,
    reason: Annotated[Optional[str], typer.Option("--reason", help="Only skipped sources with this reason code (fetch, robots, language, ...).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows (0 = all).")] = 200,
) -> None:
    """The current state of every source ever given to ingest: last outcome, when, and why.

    One row per source (files by resolved path, URLs without fragment, default port or tracking
    parameters), newest first; the skipped table keeps the full history.

    Example:  medfacts sources --outcome skipped
    """
    where, params = [], []
    if outcome is not None:
        where.append("outcome = ?")
        params.append(outcome.value)
    if reason is not None:
        where.append("reason = ?")
        params.append(reason)
    sql = ("SELECT source, outcome, reason, detail, strftime(last_seen, '%Y-%m-%d %H:%M') AS last_seen, "
           "strftime(last_changed, '%Y-%m-%d %H:%M') AS last_changed, http_status FROM sources"
           + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY sources.last_seen DESC, source")
    with _open(db) as warehouse:
        columns, rows = warehouse.query(sql, params)
        _, [(total,)] = warehouse.query("SELECT count(*) FROM sources")
    shown = rows if limit <= 0 else rows[:limit]
    table = Table(*columns)
    for row in shown:
        table.add_row(*[escape("" if v is None else str(v)) for v in row])
    console.print(table)
    console.print(f"{len(rows)} of {total} sources" + (f"; {len(rows) - len(shown)} more: use --limit 0" if len(shown) < len(rows) else ""))


@app.command()
def summary(
    db: DbOption = DEFAULT_DB,
    samples: Annotated[int, typer.Option(help="Sample facts to show.")] = 3,
    window: WindowOption = DEFAULT_WINDOW_DAYS,
) -> None:
    """What the warehouse holds: documents by language, facts and distinct figures by item/status/region, sample facts.

    A figure stated by several sources (a corroboration) counts once among the distinct figures.

    Example:  medfacts summary --db warehouse/medfacts.duckdb --window 30
    """
    with _open(db) as warehouse:
        warehouse.set_window(window)
        counts = warehouse.figure_counts()
        console.print(
            f"{counts['facts']} facts state {counts['figures']} distinct figures: "
            f"{counts['corroborated_facts']} facts are corroborated by another source "
            f"({counts['corroborations']} corroborations, {counts['conflicts']} conflicts within {window} days; "
            "see the corroborations and conflicts views)"
        )
        _, [(repeats,)] = warehouse.query("SELECT count(*) FROM documents WHERE near_duplicate_of IS NOT NULL")
        if repeats:
            console.print(f"{repeats} documents repeat another with small changes (documents.near_duplicate_of): "
                          "kept, but their facts are not counted below")
        blocks = [
            ("Documents by language", "SELECT lang, count(*) AS documents FROM documents GROUP BY lang ORDER BY lang"),
            ("Facts by item", "SELECT category, item, count(*) AS facts, count(DISTINCT figure_id) AS figures, sum(quantity) AS total_quantity "
                              f"FROM facts JOIN figures USING (fact_id) WHERE {ORIGINALS} GROUP BY ALL ORDER BY facts DESC, item"),
            ("Facts by status", f"SELECT status, count(*) AS facts FROM facts WHERE {ORIGINALS} GROUP BY status ORDER BY facts DESC"),
            ("Facts by region", f"SELECT coalesce(region, '(unknown)') AS region, count(*) AS facts FROM facts WHERE {ORIGINALS} GROUP BY 1 ORDER BY facts DESC, 1"),
            ("Skipped sources (last run)", "SELECT source, reason, detail FROM skipped WHERE run_id = (SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1)"),
        ]
        for title, sql in blocks:
            columns, rows = warehouse.query(sql)
            if not rows:
                continue
            table = Table(*columns, title=title, title_justify="left")
            for row in rows:
                table.add_row(*["" if v is None else (f"{v:g}" if isinstance(v, float) else str(v)) for v in row])
            console.print(table)
        _, rows = warehouse.query(
            "SELECT fact_id, item, quantity_text, status, region, official, date, sentence, source FROM facts "
            "ORDER BY hash(fact_id) LIMIT ?", [samples]
        )
    for fact_id, item, quantity_text, status, region, official, date, sentence, source in rows:
        console.print(f"\n[bold]{fact_id}[/] {escape(quantity_text)} × {item} \\[{status}] region={region or '—'} "
                      f"official={escape(official or '—')} date={date or '—'}")
        console.print(Text(f"  “{sentence}”", style="italic"))
        console.print(f"  [dim]{source} — medfacts trace {fact_id}[/]")


@app.command()
def info(
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print it as one JSON object.")] = False,
    rules_path: Annotated[bool, typer.Option("--rules-path", help="Print only the folder of the rules in use (to copy it).")] = False,
) -> None:
    """Versions, paths, the rules hash and the warehouse's schema: what to quote in a bug report.

    Example:  medfacts info --db warehouse/medfacts.duckdb

    Start your own rules from a copy:  cp -r "$(medfacts info --rules-path)" my-rules && medfacts --rules my-rules ingest corpus/
    """
    from .api import info as about

    if rules_path:
        from .rulebook import rules_dir

        sys.stdout.write(f"{rules_dir()}\n")
        return
    facts = about(db)
    if as_json:
        sys.stdout.write(json.dumps(facts, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("", "", show_header=False, box=None)
    for name, version in facts["versions"].items():
        table.add_row(name, version or "—")
    table.add_row("package", facts["package"])
    table.add_row("rules", f"{facts['rules']} ({facts['rules_from']})")
    table.add_row("rules hash", facts["rules_hash"])
    table.add_row("pipeline cache", facts["pipeline_cache"] or "off (--no-cache)")
    table.add_row("schema version", str(facts["schema_version"]))
    table.add_row("storage format", f"DuckDB {facts['storage_compatibility']} (DuckDB 1.0 and later read it)")
    warehouse = facts["warehouse"]
    if not warehouse["exists"]:
        table.add_row("warehouse", f"{warehouse['path']} (none yet: medfacts ingest creates it)")
    elif "error" in warehouse:
        table.add_row("warehouse", f"{warehouse['path']} (cannot read it: {warehouse['error']})")
    else:
        table.add_row("warehouse", f"{warehouse['path']}: {warehouse['documents']} documents, {warehouse['facts']} facts, "
                      f"schema {warehouse['schema_version']}, storage {warehouse['storage_version']}")
    console.print(table)
