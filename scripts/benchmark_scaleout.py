#!/usr/bin/env python
"""Scale-out in one run: `ingest` of WARCs in one process against `extract` on a LocalCluster + `load`.

The pages are corpus/*.html made distinct (a sentence "Archive copy number N ..." after the
first paragraph, so every copy has its own text and ids), written round-robin into --warcs
gzipped WARC files.  Both sides run warm: the pipelines are built in this process and on every
worker before the clocks start (start-up is reported apart).  Stages:

  scan     warcio reading every record of the WARCs (no extraction): the floor of reading input
  ingest   extract.run.ingest.ingest of the same WARCs into a fresh DuckDB, one process
  extract  extract.run.cluster.extract on a LocalCluster of --workers processes → Parquet shards
           (worker-seconds split into extraction and Parquet writing, from the shard markers)
  load     extract.run.load.load of the shards into a fresh DuckDB

    python scripts/benchmark_scaleout.py                      # 420 pages, 2 workers, 8 WARCs
    python scripts/benchmark_scaleout.py --pages 2000 --json
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))


def variant(html: bytes, copy: int) -> bytes:
    return re.sub(rb"</p>", f"</p>\n<p>Archive copy number {copy} of this article, kept for the benchmark.</p>".encode(),
                  html, count=1)


def write_warcs(folder: Path, corpus: Path, pages: int, files: int) -> list[str]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    originals = sorted(corpus.glob("*.html"))
    streams = [open(folder / f"bench-{i:03d}.warc.gz", "wb") for i in range(files)]
    writers = [WARCWriter(stream, gzip=True) for stream in streams]
    for n in range(pages):
        page = originals[n % len(originals)]
        body = variant(page.read_bytes(), n // len(originals))
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer = writers[n % files]
        writer.write_record(writer.create_warc_record(f"https://bench.medfacts.test/{n}/{page.name}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    for stream in streams:
        stream.close()
    return [stream.name for stream in streams]


def warm() -> bool:
    """Build both pipelines and load the lazy libraries, so that timing starts warm."""
    from extract.acquire.language import detect
    from extract.pipeline import extract

    extract("Акимат закупил 5 аппаратов ИВЛ.", "ru")
    extract("The region bought 5 ventilators.", "en")
    detect("The region bought 5 ventilators for the hospital in Taraz.")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--pages", type=int, default=420)
    parser.add_argument("--warcs", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from extract.acquire.sources import expand
    from extract.acquire.warc import pages as warc_pages
    from extract.run.cluster import dask_client, extract
    from extract.run.ingest import ingest
    from extract.run.load import load
    from warehouse.store import Warehouse

    results: dict = {"pages": args.pages, "warcs": args.warcs, "workers": args.workers, "cpus": os.cpu_count(),
                     "load_average_before": round(os.getloadavg()[0], 2)}
    with tempfile.TemporaryDirectory(prefix="medfacts-scaleout-") as tmp:
        folder = Path(tmp)
        warcs = write_warcs(folder, args.corpus, args.pages, args.warcs)
        results["warc_mb"] = round(sum(Path(w).stat().st_size for w in warcs) / 1e6, 3)

        started = time.perf_counter()
        scanned = sum(1 for w in warcs for _ in warc_pages(w))
        results["scan_s"] = round(time.perf_counter() - started, 3)
        assert scanned == args.pages

        started = time.perf_counter()
        warm()
        results["warm_in_process_s"] = round(time.perf_counter() - started, 3)
        started, cpu_started = time.perf_counter(), time.process_time()
        with Warehouse(folder / "ingest.duckdb") as warehouse:
            ingested = ingest(expand(warcs), warehouse)
        results["ingest_s"] = round(time.perf_counter() - started, 3)
        results["ingest_cpu_s"] = round(time.process_time() - cpu_started, 3)
        results["ingest_documents"] = len(ingested.ingested)
        results["ingest_facts"] = ingested.facts

        started = time.perf_counter()
        with dask_client(local_cluster=args.workers, dashboard=False) as client:
            results["cluster_start_s"] = round(time.perf_counter() - started, 3)
            started = time.perf_counter()
            client.run(warm)
            results["warm_workers_s"] = round(time.perf_counter() - started, 3)
            started = time.perf_counter()
            extracted = extract(expand(warcs, split_warc=False), str(folder / "shards"), client)
            results["extract_s"] = round(time.perf_counter() - started, 3)
        results["extract_documents"] = extracted.documents
        results["extract_worker_s_extraction"] = round(sum(s.seconds_extract for s in extracted.shards), 3)
        results["extract_worker_s_parquet"] = round(sum(s.seconds_write for s in extracted.shards), 3)
        results["extract_worker_cpu_s"] = round(sum(s.seconds_cpu for s in extracted.shards), 3)

        started, cpu_started = time.perf_counter(), time.process_time()
        with Warehouse(folder / "load.duckdb") as warehouse:
            loaded = load(str(folder / "shards"), warehouse)
        results["load_s"] = round(time.perf_counter() - started, 3)
        results["load_cpu_s"] = round(time.process_time() - cpu_started, 3)
        results["load_facts"] = loaded.facts
        results["same_facts"] = loaded.facts == ingested.facts and len(loaded.ingested) == len(ingested.ingested)
    results["load_average_after"] = round(os.getloadavg()[0], 2)

    n = args.pages
    worker_s = results["extract_worker_s_extraction"] + results["extract_worker_s_parquet"]
    derived = {
        "scan_pages_per_s": n / results["scan_s"],
        "ingest_pages_per_s": n / results["ingest_s"],
        "extract_pages_per_s": n / results["extract_s"],
        "extract_speedup_vs_ingest": results["ingest_s"] / results["extract_s"],
        "load_pages_per_s": n / results["load_s"],
        "extract_plus_load_pages_per_s": n / (results["extract_s"] + results["load_s"]),
        "pages_per_hour_per_worker": 3600 * n / worker_s,
        "ingest_pages_per_cpu_s": n / results["ingest_cpu_s"],
        "extract_pages_per_worker_cpu_s": n / results["extract_worker_cpu_s"],
        "load_pages_per_cpu_s": n / results["load_cpu_s"],
        "pages_per_cpu_hour_per_worker": 3600 * n / results["extract_worker_cpu_s"],
        "share_extraction": results["extract_worker_s_extraction"] / (worker_s + results["load_s"]),
        "share_parquet": results["extract_worker_s_parquet"] / (worker_s + results["load_s"]),
        "share_load": results["load_s"] / (worker_s + results["load_s"]),
    }
    results.update({key: round(value, 3) for key, value in derived.items()})
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    print(f"{n} pages in {args.warcs} WARCs ({results['warc_mb']} MB), {args.workers} local workers, "
          f"{results['cpus']} CPUs, load average {results['load_average_before']} → {results['load_average_after']}")
    rows = [
        ("scan (warcio only)", results["scan_s"], results["scan_pages_per_s"]),
        ("ingest, 1 process", results["ingest_s"], results["ingest_pages_per_s"]),
        (f"extract, {args.workers} workers", results["extract_s"], results["extract_pages_per_s"]),
        ("load", results["load_s"], results["load_pages_per_s"]),
        ("extract + load", results["extract_s"] + results["load_s"], results["extract_plus_load_pages_per_s"]),
    ]
    print(f"{'stage':<22} {'seconds':>9} {'pages/s':>9}")
    for name, seconds, rate in rows:
        print(f"{name:<22} {seconds:>9.2f} {rate:>9.1f}")
    print(f"extract is {results['extract_speedup_vs_ingest']:.2f}× ingest; worker time: extraction "
          f"{results['extract_worker_s_extraction']:.2f} s, Parquet {results['extract_worker_s_parquet']:.2f} s; "
          f"split extraction/Parquet/load = {results['share_extraction']:.0%}/{results['share_parquet']:.0%}/"
          f"{results['share_load']:.0%}")
    print(f"CPU time: ingest {results['ingest_cpu_s']:.1f} s ({results['ingest_pages_per_cpu_s']:.1f} pages/CPU-s), "
          f"extract {results['extract_worker_cpu_s']:.1f} worker-CPU-s ({results['extract_pages_per_worker_cpu_s']:.1f} pages/CPU-s), "
          f"load {results['load_cpu_s']:.1f} s ({results['load_pages_per_cpu_s']:.1f} pages/CPU-s); "
          f"{results['pages_per_cpu_hour_per_worker']:,.0f} pages per worker per hour of a whole core")
    print(f"{results['pages_per_hour_per_worker']:,.0f} pages/hour per worker (wall); start-up: cluster "
          f"{results['cluster_start_s']:.1f} s, warming workers {results['warm_workers_s']:.1f} s, "
          f"in-process {results['warm_in_process_s']:.1f} s; same facts as ingest: {results['same_facts']}")
    return 0 if results["same_facts"] else 1


if __name__ == "__main__":
    sys.exit(main())
