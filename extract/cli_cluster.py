"""``medfacts extract`` and ``load``: the same extraction as Dask tasks writing Parquet shards, and merging them."""

from __future__ import annotations


from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape

from warehouse.errors import WarehouseError


from .cli import DEFAULT_DB, DbOption, _Bar, _fail, _reasons, app, console, errors


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
    from warehouse.store import Warehouse

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
