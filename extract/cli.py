"""The ``medfacts`` command line: the app, its shared options, and ingest.

extract/load live in ``cli_cluster.py``, the commands that read the warehouse in ``cli_warehouse.py``.

Each command mirrors a small Python API (``extract.ingest.ingest``,
``warehouse.store.Warehouse``) and prints an example in its ``--help``.
"""

from __future__ import annotations

from collections import Counter
import os
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from warehouse.errors import WarehouseError

if TYPE_CHECKING:  # imported by the commands that open it: `medfacts --help` does not load DuckDB and pyarrow
    from warehouse.store import Warehouse

from . import __version__

DEFAULT_DB = Path("warehouse/medfacts.duckdb")
ORIGINALS = "doc_id NOT IN (SELECT doc_id FROM documents WHERE near_duplicate_of IS NOT NULL)"  # summary counts each story once

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
    from warehouse.store import Warehouse

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
    from warehouse.store import Warehouse

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


@app.callback(invoke_without_command=True)
def main(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
    rules: Annotated[Optional[Path], typer.Option("--rules", envvar="MEDFACTS_RULES", help="Your own rules folder (a copy of the packaged rules/, edited) instead of the packaged one. Before the command: medfacts --rules DIR ingest ...", show_default=False)] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Build the pipelines from the rules instead of loading them from $XDG_CACHE_HOME/medfacts (also: MEDFACTS_NO_CACHE=1).")] = False,
) -> None:
    if version:
        console.print(f"medfacts {__version__}")
        raise typer.Exit()
    if no_cache:
        os.environ["MEDFACTS_NO_CACHE"] = "1"  # read by extract.pipeline_cache; inherited by worker processes
    if rules is not None:
        from .rulebook import RuleFileError, use_rules

        try:
            use_rules(rules)
        except RuleFileError as exc:
            _fail(str(exc), 2)


# The other commands live in their own modules and register on ``app`` when imported.
from . import cli_cluster, cli_warehouse  # noqa: E402,F401

if __name__ == "__main__":  # `python -m extract.cli`: run the module's importable copy, which has every command
    from extract.cli import app as registered_app

    registered_app()
