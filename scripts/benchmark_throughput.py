#!/usr/bin/env python
"""Throughput of one machine: `medfacts ingest` of N distinct pages against a floor measured in the same run.

Pages: copies of corpus/ and ../shared/corpus-dev/html, each with a unique figure appended to its last
paragraph, so every clean text differs (no copy hits a cache a real corpus would miss).

    floor      trafilatura extraction + bare spaCy tokenisation of the same pages, one process (measured
               before and after the ingest; the ratio uses their mean, as the machine's speed drifts)
    ingest     extract.run.ingest.ingest with ``--workers`` processes into a fresh DuckDB
    reingest   the same pages again: all unchanged, each should cost a hash and a look-up

The machine may be shared, so next to wall-clock ratios the script reports CPU-time ratios: the floor's
CPU seconds over the run's busiest share of its cores, ``max(main, (main + workers) / cores)``, i.e. what
the wall-clock ratio would be on an idle machine if the work spreads evenly.

Every ``--checkpoint`` pages it samples wall time, CPU (main and live workers) and memory (RSS of the
main process and of each worker, and PSS of the whole process tree, which counts the pages the forked
workers share copy-on-write once), so a long run shows whether time is linear in the count and memory
flat.  The Russian pipeline's KB per CPU second is measured against natasha's segment + morph + NER on
the same texts when natasha is installed (`pip install -e '.[bench]'`; it is not a dependency).

    python scripts/benchmark_throughput.py --pages 2000 --json
    python scripts/benchmark_throughput.py --pages 500 --runs 3        # spreads over repeated runs
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

# One thread per BLAS: the figures are per core, and natasha's numpy would otherwise spin extra threads whose
# CPU time counts against it (set before anything imports numpy).
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

DEFAULT_CORPORA = [ROOT / "corpus", ROOT.parent / "shared" / "corpus-dev" / "html"]
TICKS = os.sysconf("SC_CLK_TCK")


# -- pages ----------------------------------------------------------------------------------


def make_pages(folder: Path, count: int, templates: list[Path]) -> list[Path]:
    """``count`` distinct pages: the templates in turn, each copy with its number at the end of a paragraph
    of its main text (so the clean text differs, not only the boilerplate)."""
    from extract.acquire.fetch import Skip, fetch
    from extract.acquire.sources import Source
    from extract.acquire.text import to_document

    folder.mkdir(parents=True, exist_ok=True)
    spots: dict[Path, tuple[str, int]] = {}
    for template in templates:
        html = template.read_text(encoding="utf-8", errors="replace")
        spots[template] = (html, -1)
        try:
            lines = to_document(fetch(Source(str(template), "html"))).text.split("\n")
        except Skip:
            continue
        for line in reversed(lines):
            snippet = line.rstrip()[-24:]
            at = html.find(snippet) if len(snippet) >= 12 else -1
            if at >= 0:
                spots[template] = (html, at + len(snippet))
                break
    pages = []
    for i in range(count):
        template = templates[i % len(templates)]
        html, at = spots[template]
        html = f"{html[:at]} [{i}]{html[at:]}" if at >= 0 else html.replace("</body>", f"<p>[{i}]</p></body>")
        page = folder / f"{i:05d}-{template.name}"
        page.write_text(html, encoding="utf-8")
        pages.append(page)
    return pages


def floor_seconds(pages: list[Path]) -> tuple[float, float, dict[str, list[str]]]:
    """(wall, CPU) of trafilatura extraction + bare spaCy tokenisation of every page in this process;
    the clean text of each distinct template, by language."""
    import spacy

    from extract.acquire.fetch import Skip, fetch
    from extract.acquire.language import detect
    from extract.acquire.sources import Source
    from extract.acquire.text import to_document

    languages: dict[str, str] = {}
    for page in pages[: min(len(pages), 200)]:  # languages (untimed), so the floor pays no detection
        template = page.name.split("-", 1)[1]
        if template not in languages:
            try:
                languages[template] = detect(to_document(fetch(Source(str(page), "html"))).text)
            except Skip:
                pass
    blank = {lang: spacy.blank(lang) for lang in ("en", "ru")}
    by_language: dict[str, list[str]] = {"en": [], "ru": []}
    seen: set[str] = set()
    gc.collect()
    start, cpu_start = time.perf_counter(), time.process_time()
    for page in pages:
        try:
            document = to_document(fetch(Source(str(page), "html")))
        except Skip:
            continue
        template = page.name.split("-", 1)[1]
        lang = languages.get(template, "en")
        blank[lang].make_doc(document.text)
        if template not in seen:  # distinct articles only: copies would flatter every cache
            seen.add(template)
            by_language[lang].append(document.text)
    return time.perf_counter() - start, time.process_time() - cpu_start, by_language


# -- process-tree probes (Linux /proc) ----------------------------------------------------------


def children() -> list[int]:
    """Live child processes of this process (the ingest workers)."""
    pids: list[int] = []
    for task in Path("/proc/self/task").iterdir():
        try:
            pids += [int(pid) for pid in (task / "children").read_text().split()]
        except OSError:
            continue
    return pids


def cpu_of(pid: int) -> float:
    """User + system CPU seconds of a live process (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime: fields 14 and 15 of stat(5)


def memory_of(pid: int | str) -> tuple[float, float]:
    """(RSS, PSS) in MB of a live process, from smaps_rollup (0, 0 if it is gone)."""
    values = {"Rss:": 0.0, "Pss:": 0.0}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            key, *rest = line.split()
            if key in values:
                values[key] = int(rest[0]) / 1024
    except OSError:
        pass
    return values["Rss:"], values["Pss:"]


def cpu_seconds() -> tuple[float, float]:
    """(this process, its reaped children) user + system CPU seconds."""
    own, reaped = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, reaped.ru_utime + reaped.ru_stime


@dataclass
class Checkpoint:
    pages: int
    wall_s: float
    cpu_main_s: float
    cpu_workers_s: float  # reaped + live children since the run began
    rss_main_mb: float
    rss_worker_max_mb: float
    pss_total_mb: float  # the whole process tree, shared pages counted once


class Sampler:
    """A progress callback for ingest that samples time, CPU and memory every ``every`` documents."""

    def __init__(self, every: int):
        self.every, self.seen, self.points = every, 0, []
        self.start, (self.cpu_main0, self.cpu_reaped0) = time.perf_counter(), cpu_seconds()
        self.peak_pss = 0.0

    def __call__(self, source: str, outcome: str) -> None:
        self.seen += 1
        if self.seen % self.every == 0:
            self.points.append(self.sample())

    def sample(self) -> Checkpoint:
        main_cpu, reaped = cpu_seconds()
        workers = children()
        rss_main, pss_main = memory_of("self")
        worker_memory = [memory_of(pid) for pid in workers]
        pss = pss_main + sum(p for _, p in worker_memory)
        self.peak_pss = max(self.peak_pss, pss)
        return Checkpoint(
            self.seen, round(time.perf_counter() - self.start, 3), round(main_cpu - self.cpu_main0, 3),
            round(reaped - self.cpu_reaped0 + sum(cpu_of(pid) for pid in workers), 3), round(rss_main, 1),
            round(max((r for r, _ in worker_memory), default=0.0), 1), round(pss, 1))


def linearity(points: list[Checkpoint]) -> dict | None:
    """CPU per page over each stretch between checkpoints (the first includes start-up and is left out):
    a run whose time is linear in its count has a flat series (last / second stretch ≈ 1)."""
    if len(points) < 3:
        return None
    stretches = []
    for before, after in zip(points, points[1:]):
        cpu = (after.cpu_main_s + after.cpu_workers_s) - (before.cpu_main_s + before.cpu_workers_s)
        stretches.append(round(1000 * cpu / (after.pages - before.pages), 2))
    return {"cpu_ms_per_page_by_stretch": stretches, "last_over_first": round(stretches[-1] / stretches[0], 3)}


# -- the Russian pipeline against natasha --------------------------------------------------------


def kb_per_cpu_s(texts: list[str], run) -> float:
    size = sum(len(t.encode("utf-8")) for t in texts) / 1000
    start = time.process_time()
    for text in texts:
        run(text)
    return size / (time.process_time() - start)


def russian_speeds(texts: list[str]) -> dict:
    """KB per CPU second (one core) of the medfacts Russian pipeline and, if installed, natasha's
    segment + morph + NER, side by side on the same distinct articles.

    Both first read one half of the articles (the "cold" figure: lazy loads, empty caches), then the other
    half is measured warm — as on a real corpus, whose new articles share much of their vocabulary with
    earlier ones but are never copies of them.
    """
    from extract.pipeline import extract

    speeds: dict = {"ru_texts": len(texts), "medfacts_ru_kb_s": None, "medfacts_ru_cold_kb_s": None,
                    "natasha_kb_s": None, "x_natasha": None}
    if len(texts) < 2:
        return speeds
    first, second = texts[::2], texts[1::2]
    speeds["medfacts_ru_cold_kb_s"] = round(kb_per_cpu_s(first, lambda t: extract(t, "ru")), 1)
    speeds["medfacts_ru_kb_s"] = round(kb_per_cpu_s(second, lambda t: extract(t, "ru")), 1)
    try:
        from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
    except ImportError:
        return speeds
    segmenter, embedding = Segmenter(), NewsEmbedding()
    morph, ner = NewsMorphTagger(embedding), NewsNERTagger(embedding)

    def natasha(text: str) -> None:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.tag_ner(ner)

    kb_per_cpu_s(first, natasha)
    speeds["natasha_kb_s"] = round(kb_per_cpu_s(second, natasha), 1)
    speeds["x_natasha"] = round(speeds["medfacts_ru_kb_s"] / speeds["natasha_kb_s"], 2)
    return speeds


# -- one run, several runs ------------------------------------------------------------------------


def one_run(pages: list[Path], workers: int, checkpoint: int, workdir: Path) -> tuple[dict, dict[str, list[str]]]:
    from extract.acquire.sources import Source
    from extract.run.ingest import ingest
    from warehouse.store import Warehouse

    floor_before, floor_cpu_before, by_language = floor_seconds(pages)
    sources = [Source(str(p), "html") for p in pages]
    db = workdir / f"run-{time.monotonic_ns()}.duckdb"
    with Warehouse(db) as warehouse:
        gc.collect()
        sampler = Sampler(checkpoint)
        first = ingest(sources, warehouse, workers=workers, progress=sampler)
        ingest_s = time.perf_counter() - sampler.start
        main_cpu, reaped = cpu_seconds()
        main_cpu, worker_cpu = main_cpu - sampler.cpu_main0, reaped - sampler.cpu_reaped0
        gc.collect()
        start, cpu_start = time.perf_counter(), cpu_seconds()
        again = ingest(sources, warehouse, workers=workers)
        reingest_s, cpu_end = time.perf_counter() - start, cpu_seconds()
    # The floor again after the run: this machine's speed drifts by a third within minutes, so the ratio uses
    # the mean of a floor measured on each side of the ingest.
    floor_after, floor_cpu_after, _ = floor_seconds(pages)
    floor, floor_cpu = (floor_before + floor_after) / 2, (floor_cpu_before + floor_cpu_after) / 2
    cores = min(max(workers, 1), os.cpu_count() or 1)
    busiest = max(main_cpu, (main_cpu + worker_cpu) / cores)  # on an idle machine the run takes at least this
    points = sampler.points
    result = {
        "pages": len(pages), "workers": workers, "ingested": len(first.ingested), "skipped": len(first.skipped),
        "facts": first.facts, "floor_s": round(floor, 3), "floor_cpu_s": round(floor_cpu, 3),
        "floor_s_before_after": [round(floor_before, 3), round(floor_after, 3)],
        "ingest_s": round(ingest_s, 3), "ingest_cpu_main_s": round(main_cpu, 3),
        "ingest_cpu_workers_s": round(worker_cpu, 3),
        "worker_cpu_ms_per_page": round(1000 * worker_cpu / len(pages), 2),
        "main_cpu_ms_per_page": round(1000 * main_cpu / len(pages), 2),
        "ratio_to_floor": round(floor / ingest_s, 3), "ratio_to_floor_cpu": round(floor_cpu / busiest, 3),
        "floor_docs_s": round(len(pages) / floor, 1), "ingest_docs_s": round(len(pages) / ingest_s, 1),
        "reingest_s": round(reingest_s, 3), "reingest_cpu_s": round(sum(cpu_end) - sum(cpu_start), 3),
        "reingest_unchanged": len(again.unchanged), "reingest_speedup": round(ingest_s / reingest_s, 1),
        "max_rss_main_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "max_rss_worker_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        "peak_pss_total_mb": round(sampler.peak_pss), "linearity": linearity(points),
        "checkpoints": [asdict(p) for p in points],
    }
    for suffix in ("", ".wal"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    return result, by_language


def spread(values: list[float]) -> dict:
    return {"min": min(values), "median": round(statistics.median(values), 3), "max": max(values)}


def throughput(count: int, workers: int, corpora: list[Path], runs: int = 1, checkpoint: int = 500,
               natasha: bool = True) -> dict:
    templates = sorted({p.name: p for c in corpora if c.is_dir() for p in c.glob("*.html")}.values(),
                       key=lambda p: p.name)
    workdir = Path(tempfile.mkdtemp(prefix="medfacts-throughput-"))
    try:
        pages = make_pages(workdir / "pages", count, templates)
        results, by_language = [], {}
        for _ in range(runs):
            result, by_language = one_run(pages, workers, checkpoint, workdir)
            results.append(result)
        summary = {key: spread([r[key] for r in results]) for key in (
            "ratio_to_floor", "ratio_to_floor_cpu", "worker_cpu_ms_per_page", "main_cpu_ms_per_page",
            "reingest_speedup")}
        speeds = russian_speeds(by_language.get("ru", [])) if natasha else {}
        return {"pages": count, "workers": workers, "templates": len(templates), "runs": results,
                "summary": summary, **speeds}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def print_throughput(result: dict) -> None:
    for i, run in enumerate(result["runs"], 1):
        print(f"run {i}: {run['pages']} distinct pages ({result['templates']} templates), {run['workers']} workers: "
              f"{run['ingested']} ingested, {run['skipped']} skipped, {run['facts']} facts")
        print(f"  floor (trafilatura + bare tokenisation, 1 process): {run['floor_s']:.1f} s wall "
              f"(before / after the ingest: {run['floor_s_before_after'][0]:.1f} / {run['floor_s_before_after'][1]:.1f}), "
              f"{run['floor_cpu_s']:.1f} s CPU, {run['floor_docs_s']} docs/s")
        print(f"  ingest: {run['ingest_s']:.1f} s, {run['ingest_docs_s']} docs/s = {run['ratio_to_floor']:.2f} of the floor")
        print(f"  by CPU: main {run['ingest_cpu_main_s']:.1f} s ({run['main_cpu_ms_per_page']} ms/page) + workers "
              f"{run['ingest_cpu_workers_s']:.1f} s ({run['worker_cpu_ms_per_page']} ms/page) = "
              f"{run['ratio_to_floor_cpu']:.2f} of the floor on {run['workers']} cores")
        print(f"  re-ingest ({run['reingest_unchanged']} unchanged): {run['reingest_s']:.2f} s, "
              f"{run['reingest_speedup']}x faster than the first ingest")
        print(f"  memory: peak RSS main {run['max_rss_main_mb']} MB, largest worker {run['max_rss_worker_mb']} MB, "
              f"process tree PSS {run['peak_pss_total_mb']} MB")
        if run["linearity"]:
            print(f"  CPU ms/page by stretch of checkpoints: {run['linearity']['cpu_ms_per_page_by_stretch']} "
                  f"(last/first {run['linearity']['last_over_first']})")
            print("  RSS main by checkpoint: " + " ".join(f"{p['rss_main_mb']:.0f}" for p in run["checkpoints"]))
    if len(result["runs"]) > 1:
        print("spread over runs: " + "; ".join(f"{k} {v['min']}–{v['max']} (median {v['median']})"
                                                for k, v in result["summary"].items()))
    if "medfacts_ru_kb_s" in result:
        natasha = (f"{result['natasha_kb_s']} KB/s → medfacts = {result['x_natasha']}x natasha"
                   if result["natasha_kb_s"] else "not installed (pip install -e '.[bench]')")
        print(f"Russian pipeline (1 core, CPU, {result['ru_texts']} distinct articles): "
              f"{result['medfacts_ru_kb_s'] or '—'} KB/s warm, {result['medfacts_ru_cold_kb_s'] or '—'} KB/s cold; "
              f"natasha segment+morph+NER: {natasha}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=500, help="distinct pages to ingest (default 500)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="worker processes (default: cores)")
    parser.add_argument("--runs", type=int, default=1, help="repeat the whole measurement (spreads; default 1)")
    parser.add_argument("--checkpoint", type=int, default=500, help="sample time/CPU/memory every N pages")
    parser.add_argument("--corpus", type=Path, action="append",
                        help="folder of .html templates (repeatable; default corpus/ and ../shared/corpus-dev/html)")
    parser.add_argument("--no-natasha", action="store_true", help="skip the Russian pipeline vs natasha measurement")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a summary")
    args = parser.parse_args(argv)
    if args.pages < 1 or args.runs < 1 or args.checkpoint < 1:
        parser.error("--pages, --runs and --checkpoint must be at least 1")
    result = throughput(args.pages, args.workers, args.corpus or DEFAULT_CORPORA, args.runs, args.checkpoint,
                        natasha=not args.no_natasha)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_throughput(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
