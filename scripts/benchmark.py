#!/usr/bin/env python
"""How fast is medfacts, relative to bare spaCy tokenisation on the same text?

Three stages over the clean texts of corpus/*.html, the corpus repeated N times:

  tokenise  spacy.blank(lang).make_doc — the baseline, measured in this same process
  pipeline  the full medfacts spaCy pipeline (extract.pipeline: lemmas, sentences, matchers, facts)
  ingest    extract.run.ingest.ingest into a fresh temporary DuckDB per repetition
            (fetch + trafilatura + language + pipeline + warehouse writes)

For each: documents/s, MB/s (UTF-8 bytes of clean text), and the time per document
as a multiple of the baseline's.  Memory: the peak of Python-tracked allocations
(tracemalloc, in a separate untimed pass over the corpus once; spaCy's Cython
structures are tracked, DuckDB's native buffers are not) and the process's peak
resident set size after each stage (ru_maxrss, a high-water mark for the whole process).

    python scripts/benchmark.py                 # --repeat 5
    python scripts/benchmark.py --repeat 20 --json

Throughput (many distinct pages on all cores against a same-run floor, linearity, memory, natasha):
scripts/benchmark_throughput.py; ``--pages N`` here runs it.

    python scripts/benchmark.py --pages 2000 --json

Start-up (a one-page ingest from a fresh process, next to `python -c pass` and `import spacy`):
scripts/benchmark_startup.py; ``--startup`` here runs it.

    python scripts/benchmark.py --startup
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

DEFAULT_CORPUS = ROOT / "corpus"


@dataclass
class Stage:
    name: str
    docs: int
    megabytes: float
    seconds: float
    peak_python_mb: float | None = None
    max_rss_mb: float | None = None
    x_baseline_time: float | None = None
    x_baseline_memory: float | None = None

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else float("inf")

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.seconds if self.seconds else float("inf")

    def as_dict(self) -> dict:
        record = asdict(self)
        record.update(seconds=round(self.seconds, 4), megabytes=round(self.megabytes, 4),
                      docs_per_s=round(self.docs_per_s, 2), mb_per_s=round(self.mb_per_s, 4))
        return record


def max_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB on Linux


def load_corpus(corpus: Path):
    """(html paths, [(lang, text, title, published)]) — texts as the pipeline sees them."""
    from extract.acquire.fetch import Skip, fetch
    from extract.acquire.language import detect
    from extract.acquire.sources import Source
    from extract.acquire.text import to_document

    paths = sorted(p for p in corpus.iterdir() if p.suffix.lower() in {".html", ".htm"})
    documents = []
    for path in paths:
        try:
            document = to_document(fetch(Source(str(path), "html")))
            documents.append((detect(document.text), document.text, document.title, document.published))
        except Skip as exc:
            print(f"skipping {path.name}: {exc.message}", file=sys.stderr)
    if not documents:
        raise SystemExit(f"no readable pages under {corpus}")
    return paths, documents


def run_tokenise(documents, blank) -> None:
    for lang, text, _, _ in documents:
        blank[lang].make_doc(text)


def run_pipeline(documents) -> int:
    from extract.pipeline import extract

    facts = 0
    for lang, text, title, published in documents:
        facts += len(extract(text, lang, title, published)._.facts)
    return facts


def run_ingest(paths, workdir: Path, label: str) -> int:
    from extract.run.ingest import ingest
    from extract.acquire.sources import Source
    from warehouse.store import Warehouse

    db = workdir / f"{label}.duckdb"
    with Warehouse(db) as warehouse:
        report = ingest([Source(str(p), "html") for p in paths], warehouse)
    for suffix in ("", ".wal"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    if report.skipped:
        print(f"ingest skipped {len(report.skipped)}: {report.skipped[:3]}", file=sys.stderr)
    return len(report.ingested)


def timed(fn, repeat: int) -> float:
    gc.collect()
    start = time.perf_counter()
    for i in range(repeat):
        fn(i)
    return time.perf_counter() - start


def python_peak(fn) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        fn(-1)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1e6


def benchmark(corpus: Path, repeat: int, memory: bool = True) -> tuple[list[Stage], dict]:
    import spacy

    from extract.pipeline import pipeline

    paths, documents = load_corpus(corpus)
    megabytes = sum(len(text.encode("utf-8")) for _, text, _, _ in documents) / 1e6
    langs = sorted({lang for lang, _, _, _ in documents})

    setup_start = time.perf_counter()
    blank = {lang: spacy.blank(lang) for lang in langs}
    blank_setup = time.perf_counter() - setup_start
    setup_start = time.perf_counter()
    for lang in langs:
        pipeline(lang)
    pipeline_setup = time.perf_counter() - setup_start
    # Warm-up (untimed): lazy loads of pymorphy3 dictionaries, lemma tables, dateparser.
    for lang in langs:
        first = next(d for d in documents if d[0] == lang)
        run_pipeline([first])

    workdir = Path(tempfile.mkdtemp(prefix="medfacts-bench-"))
    try:
        stages = []
        n = len(documents)

        seconds = timed(lambda i: run_tokenise(documents, blank), repeat)
        stages.append(Stage("tokenise (baseline)", n * repeat, megabytes * repeat, seconds, max_rss_mb=max_rss_mb()))

        seconds = timed(lambda i: run_pipeline(documents), repeat)
        stages.append(Stage("medfacts pipeline", n * repeat, megabytes * repeat, seconds, max_rss_mb=max_rss_mb()))

        ingested = []
        seconds = timed(lambda i: ingested.append(run_ingest(paths, workdir, f"run{i}")), repeat)
        stages.append(Stage("ingest → DuckDB", sum(ingested), megabytes * repeat, seconds, max_rss_mb=max_rss_mb()))

        if memory:
            stages[0].peak_python_mb = python_peak(lambda i: run_tokenise(documents, blank))
            stages[1].peak_python_mb = python_peak(lambda i: run_pipeline(documents))
            stages[2].peak_python_mb = python_peak(lambda i: run_ingest(paths, workdir, "memory"))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    base = stages[0]
    for stage in stages:
        per_doc, base_per_doc = stage.seconds / max(stage.docs, 1), base.seconds / max(base.docs, 1)
        stage.x_baseline_time = round(per_doc / base_per_doc, 2) if base_per_doc else None
        if stage.peak_python_mb is not None and base.peak_python_mb:
            stage.x_baseline_memory = round(stage.peak_python_mb / base.peak_python_mb, 2)
    info = {
        "corpus": str(corpus), "documents": n, "languages": langs, "text_mb": round(megabytes, 4),
        "repeat": repeat, "setup_s": {"spacy_blank": round(blank_setup, 3), "medfacts_pipelines": round(pipeline_setup, 3)},
        "python": sys.version.split()[0], "spacy": spacy.__version__,
    }
    return stages, info


def print_table(stages: list[Stage], info: dict) -> None:
    print(f"corpus: {info['documents']} documents ({', '.join(info['languages'])}), {info['text_mb'] * 1000:.1f} kB of clean text, "
          f"repeated {info['repeat']}x; pipelines built in {info['setup_s']['medfacts_pipelines']:.2f} s "
          f"(blank spaCy {info['setup_s']['spacy_blank']:.2f} s)")
    header = f"{'stage':<22}{'docs':>7}{'seconds':>10}{'docs/s':>11}{'MB/s':>10}{'x time':>9}{'py peak MB':>12}{'x mem':>8}{'max RSS MB':>12}"
    print(header)
    print("-" * len(header))
    for s in stages:
        peak = f"{s.peak_python_mb:.1f}" if s.peak_python_mb is not None else "—"
        xmem = f"{s.x_baseline_memory:.1f}" if s.x_baseline_memory is not None else "—"
        print(f"{s.name:<22}{s.docs:>7}{s.seconds:>10.3f}{s.docs_per_s:>11.1f}{s.mb_per_s:>10.3f}"
              f"{s.x_baseline_time:>9.1f}{peak:>12}{xmem:>8}{s.max_rss_mb:>12.0f}")
    print("x time: time per document as a multiple of bare tokenisation; x mem: Python peak as a multiple of it.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .html pages (default: corpus/)")
    parser.add_argument("--repeat", type=int, default=5, help="passes over the corpus per stage (default 5)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc pass")
    parser.add_argument("--pages", type=int, help="throughput mode: ingest this many distinct pages against the floor")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="worker processes in --pages mode (default: cores)")
    parser.add_argument("--startup", action="store_true", help="start-up mode: one-page ingests in fresh processes")
    args = parser.parse_args(argv)
    if args.startup:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import benchmark_startup

        return benchmark_startup.main(["--runs", str(args.repeat), *(["--json"] if args.json else [])])
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.pages:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import benchmark_throughput

        corpora = ["--corpus", str(args.corpus)] if args.corpus != DEFAULT_CORPUS else []
        return benchmark_throughput.main(["--pages", str(args.pages), "--workers", str(args.workers), *corpora,
                                          *(["--json"] if args.json else [])])
    stages, info = benchmark(args.corpus, args.repeat, memory=not args.no_memory)
    if args.json:
        print(json.dumps({"info": info, "stages": [s.as_dict() for s in stages]}, ensure_ascii=False, indent=2))
    else:
        print_table(stages, info)
    return 0


if __name__ == "__main__":
    sys.exit(main())
