"""The ``medfacts`` command line: ingest, query, export, trace, summary.

Each command mirrors a small Python API (``extract.ingest.ingest``,
``warehouse.store.Warehouse``) and prints an example in its ``--help``.
"""

from __future__ import annotations

from collections import Counter
import json
import os
import sys
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from warehouse.store import Warehouse, WarehouseError
from warehouse.views import DEFAULT_WINDOW_DAYS

from . import __version__

DEFAULT_DB = Path("warehouse/medfacts.duckdb")

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    help=(
        "medfacts: facts about healthcare resources (ventilators, beds, doctors, ...) in Kazakh news, "
        "in Russian and English, extracted by rules into a DuckDB warehouse and traceable to the sentence.\n\n"
        "Typical session:\n\n"
        "  medfacts ingest corpus/ https://example.kz/news/123   [dim]# URLs, .html/.htm/.txt files, folders[/dim]\n\n"
        "  medfacts summary\n\n"
        "  medfacts query \"SELECT item, status, region, quantity FROM facts WHERE item = 'ventilator'\"\n\n"
        "  medfacts export --format csv --out facts.csv\n\n"
        "  medfacts trace 3f2a9c1b0d4e5f67\n\n"
        "The facts view has the columns of the contract: fact_id doc_id source lang item category quantity "
        "quantity_text status region official official_role date date_text published sentence start_char end_char rule. "
        "Other tables: documents (clean text), sentences, mentions, skipped, runs."
    ),
)
console = Console()
errors = Console(stderr=True)

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB warehouse file.", show_default=True)]
WindowOption = Annotated[int, typer.Option("--window", min=0, help="Days within which two sources' figures count as the same period (corroborations, conflicts).")]


class QueryFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    line = "line"


class ExportFormat(str, Enum):
    csv = "csv"
    parquet = "parquet"
    jsonl = "jsonl"


def _fail(message: str, code: int = 1) -> None:
    errors.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


def _open(db: Path, read_only: bool = True) -> Warehouse:
    try:
        return Warehouse(db, read_only=read_only)
    except WarehouseError as exc:
        _fail(str(exc))
        raise  # unreachable


@app.command()
def ingest(
    sources: Annotated[Optional[list[str]], typer.Argument(help="URLs, .html/.htm/.txt files, .warc/.warc.gz web archives or directories (walked recursively).", show_default=False)] = None,
    db: DbOption = DEFAULT_DB,
    urls: Annotated[Optional[list[Path]], typer.Option("--urls", help="File with one URL a line (# comments allowed). Repeatable.")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds for each URL, redirects and retries included.")] = 20,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow URLs on private/loopback addresses (intranet mirrors, tests).")] = False,
    manifest: Annotated[Optional[list[Path]], typer.Option("--manifest", help="JSON-lines sidecar (file or url, title, published, url) filling what pages leave empty; alone, its entries are the sources. Repeatable.")] = None,
    feed: Annotated[Optional[list[str]], typer.Option("--feed", help="RSS or Atom feed URL: ingest the pages it lists. Repeatable.")] = None,
    sitemap: Annotated[Optional[list[str]], typer.Option("--sitemap", help="XML sitemap (or sitemap index) URL: ingest the pages it lists. Repeatable.")] = None,
    since: Annotated[Optional[datetime], typer.Option("--since", formats=["%Y-%m-%d"], help="With --feed/--sitemap: only pages dated on or after this day (undated ones are kept).")] = None,
    max_pages: Annotated[Optional[int], typer.Option("--max", min=0, help="With --feed/--sitemap: at most this many pages from each, newest first.")] = None,
    ignore_robots: Annotated[bool, typer.Option("--ignore-robots", help="Fetch pages that robots.txt disallows (only for sites you may crawl).")] = False,
    fetchers: Annotated[int, typer.Option("--fetchers", help="URLs fetched at the same time.")] = 8,
    per_host: Annotated[int, typer.Option("--per-host", help="Of which at most this many from one host.")] = 2,
    delay: Annotated[float, typer.Option("--delay", help="Seconds between requests to one host (robots.txt Crawl-delay may ask for more).")] = 0.5,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, only the closing line.")] = False,
    workers: Annotated[Optional[int], typer.Option("--workers", "-w", min=1, help="Processes extracting facts in parallel (default: the number of cores).", show_default=False)] = None,
) -> None:
    """Read press releases and store their facts in the warehouse.

    Each source is fetched (URLs concurrently, politely: robots.txt, a few requests per host,
    retries only for 429/503, User-Agent medfacts), reduced to its main text, checked for
    language (Russian and English are read; Kazakh and others are skipped with a reason), run
    through the rules, and written in one transaction. Ingesting the same text again changes
    nothing; changed text at the same source replaces that document's facts.

    Every HTML response record of a WARC file is a document; its source is the record's
    WARC-Target-URI, and documents.warc_path / warc_offset / warc_date say where it was.

    Example:  medfacts ingest corpus/ https://www.inform.kz/ru/some-article --urls more_urls.txt

    Example:  medfacts ingest corpus/ --manifest corpus/manifest.jsonl

    Example:  medfacts ingest --feed https://www.inform.kz/rss/rus.xml --since 2025-01-01 --max 50

    Example:  medfacts ingest crawl/CC-NEWS-20250101-00000.warc.gz

    Documents are processed by --workers processes and written in batches; Ctrl-C writes what
    was processed, marks the run interrupted, and the same command run again completes it.

    Example:  medfacts ingest archive/ --workers 4
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .acquire.fetch import FetchSettings
    from .acquire.manifest import Manifest, ManifestError
    from .run.ingest import ingest as run_ingest
    from .acquire.sources import expand

    fetch_settings = FetchSettings(timeout=timeout, allow_private=allow_private, ignore_robots=ignore_robots,
                                   workers=fetchers, per_host=per_host, delay=delay)

    try:
        sidecars = Manifest.read(list(manifest or []))
    except ManifestError as exc:
        _fail(str(exc), 2)
    given = list(sources or []) or ([] if urls or feed or sitemap else sidecars.sources())
    listed = []
    if feed or sitemap:
        from .acquire.download import Downloader
        from .acquire.feeds import listed_sources

        listed = listed_sources(Downloader(fetch_settings), list(feed or []), list(sitemap or []),
                                since.date() if since else None, max_pages)
    expanded = expand(given + [s.locator for s in listed if s.kind == "url"], [str(u) for u in urls or []])
    expanded += [s for s in listed if s.kind == "invalid"]
    if not expanded:
        _fail("nothing to ingest: give URLs, files or directories (see medfacts ingest --help)", 2)
    try:
        warehouse = Warehouse(db)
    except WarehouseError as exc:
        _fail(str(exc))
    with warehouse:
        if quiet:
            report = run_ingest(expanded, warehouse, fetch_settings=fetch_settings, manifest=sidecars, workers=workers or os.cpu_count() or 1)
        else:
            with Progress(
                TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                TextColumn("{task.description}"), console=errors, transient=True,
            ) as bar:
                task = bar.add_task("", total=len(expanded))

                def advance(source: str, outcome: str) -> None:
                    bar.update(task, advance=1, description=f"{Path(source).name[:40]}: {outcome[:60]}")

                report = run_ingest(expanded, warehouse, fetch_settings=fetch_settings, manifest=sidecars, workers=workers or os.cpu_count() or 1, progress=advance)
        _, [(held,)] = warehouse.query("SELECT count(*) FROM facts")
    for source, reason, message in report.skipped:
        errors.print(f"[yellow]skipped[/] {escape(source)}: {escape(message)} [dim]({reason})[/]")
    reasons = ", ".join(f"{n} {r}" for r, n in sorted(Counter(r for _, r, _ in report.skipped).items()))
    console.print(
        f"{len(report.ingested)} ingested, {len(report.updated)} updated, {len(report.unchanged)} unchanged, "
        f"{len(report.skipped)} skipped{f' ({reasons})' if reasons else ''}; {report.facts} facts → {escape(str(db))}, "
        f"which now holds {held} facts"
    )
    if report.interrupted:
        written = len(report.ingested) + len(report.updated)
        errors.print(f"[yellow]interrupted[/]: {written} documents written, the run is marked interrupted; "
                     "run the same command again to complete it")
        raise typer.Exit(130)
    if report.skipped and len(report.skipped) == report.sources:
        _fail("every source was skipped: nothing was ingested")


class _Bar:
    """A rich progress bar on stderr, or nothing with --quiet."""

    def __init__(self, label: str, total: int, quiet: bool):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = None if quiet else Progress(
            TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.description}"), console=errors, transient=True,
        )
        self.total = total

    def __enter__(self) -> "_Bar":
        if self.progress:
            self.progress.start()
            self.task = self.progress.add_task("", total=self.total)
        return self

    def __exit__(self, *exc) -> None:
        if self.progress:
            self.progress.stop()

    def advance(self, description: str) -> None:
        if self.progress:
            self.progress.update(self.task, advance=1, description=description)


def _reasons(counts: Counter) -> str:
    return f" ({', '.join(f'{n} {r}' for r, n in sorted(counts.items()))})" if counts else ""


@app.command()
def extract(
    sources: Annotated[Optional[list[str]], typer.Argument(help="WARC files (.warc, .warc.gz), URLs, .html/.htm/.txt files or directories.", show_default=False)] = None,
    out: Annotated[str, typer.Option("--out", "-o", help="Folder (or fsspec URL, e.g. s3://bucket/run1) for the Parquet shards.")] = "shards",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786.")] = None,
    local_cluster: Annotated[int, typer.Option("--local-cluster", help="Without --scheduler: start a LocalCluster of this many worker processes.")] = 2,
    urls: Annotated[Optional[list[Path]], typer.Option("--urls", help="File with one URL a line (# comments allowed). Repeatable.")] = None,
    chunk_size: Annotated[int, typer.Option("--chunk-size", help="Files or URLs per task (a WARC file is always one task).")] = 64,
    domain: Annotated[Optional[list[str]], typer.Option("--domain", help="Only pages on this host or under it, e.g. kz or inform.kz (WARC records and URLs). Repeatable.")] = None,
    timeout: Annotated[int, typer.Option(help="Seconds to wait for each URL.")] = 20,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow URLs on private/loopback addresses.")] = False,
    resume: Annotated[bool, typer.Option("--resume", help="Keep the complete shards of an earlier run over the same inputs; extract only the rest.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, only the closing line.")] = False,
) -> None:
    """Run ingest's extraction as Dask tasks and write Parquet shards of the warehouse tables.

    One task per WARC file, per chunk of files, per chunk of URLs; each writes one shard named
    after its input (OUT/<table>/<shard>.parquet, then OUT/_shards/<shard>.json), so a task
    retried after a worker died replaces its shard. Merge the shards with `medfacts load`, or
    query them in place with DuckDB's read_parquet('OUT/fact_rows/*.parquet').

    Example:  medfacts extract crawl/*.warc.gz --out shards/ --local-cluster 2

    Example:  medfacts extract CC-NEWS-2025-01/*.warc.gz --domain kz --out shards/2025-01   # only .kz outlets

    Example:  medfacts extract s3://bucket/cc-news/CC-NEWS-20250101-00000.warc.gz --out s3://bucket/medfacts/2025-01 --scheduler tcp://10.0.0.5:8786
    """
    from .acquire.sources import expand
    from .acquire.fetch import FetchSettings
    from .run.cluster import dashboard_link, dask_client, extract as run_extract, plan

    expanded = expand(list(sources or []), [str(u) for u in urls or []], split_warc=False)
    if not expanded:
        _fail("nothing to extract: give WARC files, URLs, files or directories (see medfacts extract --help)", 2)
    if local_cluster < 1:
        _fail("--local-cluster needs at least 1 worker", 2)
    try:
        with dask_client(scheduler, local_cluster) as client:
            tasks = len(plan(expanded, chunk_size))
            workers = len(client.scheduler_info().get("workers", {}))
            where = scheduler or "LocalCluster"
            errors.print(f"[dim]{where}: {workers} workers; {tasks} tasks → {out}[/]")
            if not quiet:
                link = dashboard_link(client)
                errors.print(f"[dim]Dask dashboard: {link}[/]" if link else "[dim]no Dask dashboard (pip install bokeh for one)[/]")
            counts = Counter()
            with _Bar("extract", tasks, quiet) as bar:
                def advance(info, name: str) -> None:
                    if info is not None:
                        counts.update(documents=info.rows.get("documents", 0), facts=info.rows.get("fact_rows", 0))
                    bar.advance(f"{counts['documents']} documents, {counts['facts']} facts")

                settings = FetchSettings(timeout=timeout, allow_private=allow_private)
                report = run_extract(expanded, out, client, chunk_size=chunk_size, settings=settings,
                                     domains=tuple(domain or ()), progress=advance, resume=resume)
    except OSError as exc:
        _fail(f"cannot reach the Dask scheduler {scheduler}: {exc}")
    for name, message in report.failed:
        errors.print(f"[red]failed[/] {name}: {escape(message)}")
    rate = (report.documents - report.reused_documents) / report.seconds if report.seconds else 0.0
    console.print(
        f"{len(report.shards)} shards ({len(report.failed)} failed{f', {report.reused} kept' if report.reused else ''}): "
        f"{report.documents} documents, "
        f"{report.skipped} skipped{_reasons(report.skip_reasons)}; {report.facts} facts in {report.seconds:.1f} s "
        f"({rate:.1f} documents/s) → {out}"
    )
    if report.failed:
        raise typer.Exit(1)


@app.command()
def load(
    shards: Annotated[str, typer.Argument(help="The --out folder (or fsspec URL) of medfacts extract.")],
    db: DbOption = DEFAULT_DB,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, only the closing line.")] = False,
) -> None:
    """Merge the Parquet shards of `medfacts extract` into the warehouse, by ingest's rules.

    Same ids as ingest; loading again changes nothing; a newer version of a source (later WARC
    capture, else later extraction) replaces the stored one; the same text under another source
    is skipped as a duplicate. Only complete shards (with their _shards/ marker) are read.

    Example:  medfacts load shards/ --db warehouse/medfacts.duckdb
    """
    from warehouse.shards import complete_shards

    from .run.load import load as run_load

    try:
        total = len(complete_shards(shards))
    except OSError as exc:
        _fail(f"cannot read shards at {shards}: {exc}")
    if total == 0:
        _fail(f"no complete shards under {shards}: run medfacts extract --out {shards} first", 2)
    try:
        warehouse = Warehouse(db)
    except WarehouseError as exc:
        _fail(str(exc))
    with warehouse, _Bar("load", total, quiet) as bar:
        report = run_load(shards, warehouse, progress=lambda name, docs, facts: bar.advance(f"{name[:40]}: {docs} documents"))
    superseded = f", {len(report.superseded)} superseded" if report.superseded else ""
    console.print(
        f"{report.shards} shards: {len(report.ingested)} ingested, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged{superseded}, {len(report.skipped)} skipped"
        f"{_reasons(Counter(r for _, r, _ in report.skipped))}; {report.facts} facts → {db}"
    )


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


ORIGINALS = "doc_id NOT IN (SELECT doc_id FROM documents WHERE near_duplicate_of IS NOT NULL)"


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


@app.callback(invoke_without_command=True)
def main(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
    rules: Annotated[Optional[Path], typer.Option("--rules", envvar="MEDFACTS_RULES", help="Your own rules folder (a copy of the packaged rules/, edited) instead of the packaged one. Before the command: medfacts --rules DIR ingest ...", show_default=False)] = None,
) -> None:
    if version:
        console.print(f"medfacts {__version__}")
        raise typer.Exit()
    if rules is not None:
        from .rulebook import RuleFileError, use_rules

        try:
            use_rules(rules)
        except RuleFileError as exc:
            _fail(str(exc), 2)


if __name__ == "__main__":
    app()
