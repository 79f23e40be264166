#!/usr/bin/env python
"""CPU milliseconds per document for each stage of a worker's job, to know where a page's time goes.

Runs the steps of ``extract.run.process`` one by one over real pages (default: corpus/*.html and
../shared/corpus-dev/html/*.html) in this process: trafilatura (``to_text``), language,
``make_doc`` (tokeniser + title regions), then every spaCy component of the pipeline, and the rows.
Times are CPU (``time.process_time``), so a busy machine inflates them less than the wall clock.
Pass 1 starts with empty per-form caches (unseen text); later passes repeat the same pages (warm
caches, what the benchmark's copies of the same pages see); "best warm" is the least of those.

    python scripts/stage_costs.py
    python scripts/stage_costs.py --passes 3 corpus/*.html
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_PAGES = [ROOT / "corpus", ROOT.parent / "shared" / "corpus-dev" / "html"]


def raw_documents(paths: list[Path]):
    from extract.run.process import RawDocument

    files = []
    for path in paths:
        files.extend(sorted(path.glob("*.html")) if path.is_dir() else [path])
    return [RawDocument(str(f), "html", f.read_bytes()) for f in files]


def one_pass(raws) -> dict[str, float]:
    """CPU seconds per stage over all ``raws``."""
    from extract.acquire.language import detect
    from extract.facts.records import to_rows
    from extract.pipeline import make_doc, pipeline
    from extract.run.process import to_text

    spent: dict[str, float] = defaultdict(float)
    clock = time.process_time
    for raw in raws:
        t0 = clock()
        document = to_text(raw)
        t1 = clock()
        lang = detect(document.text)
        t2 = clock()
        doc = make_doc(lang, document.text, document.title, document.published)
        t3 = clock()
        spent["trafilatura"] += t1 - t0
        spent["language"] += t2 - t1
        spent["make_doc + title"] += t3 - t2
        for name, component in pipeline(lang).pipeline:
            start = clock()
            doc = component(doc)
            spent[name] += clock() - start
        start = clock()
        to_rows(document, lang, doc, "")
        spent["rows"] += clock() - start
    return spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="*", type=Path, help="HTML files or folders (default: corpus + dev html)")
    parser.add_argument("--passes", type=int, default=2, help="passes over the pages (default 2)")
    args = parser.parse_args(argv)
    from extract.pipeline import pipeline

    raws = raw_documents(args.pages or DEFAULT_PAGES)
    for lang in ("en", "ru"):
        pipeline(lang)
    passes = [one_pass(raws) for _ in range(args.passes)]
    n = len(raws)
    print(f"{n} pages, CPU ms per page")
    warm = passes[1:] or passes  # the least disturbed warm pass is the best estimate on a shared machine
    print(f"{'stage':<22}" + "".join(f"{'pass ' + str(i + 1):>10}" for i in range(len(passes))) + f"{'best warm':>11}")
    for stage in passes[0]:
        print(f"{stage:<22}" + "".join(f"{1000 * p[stage] / n:>10.2f}" for p in passes)
              + f"{1000 * min(p[stage] for p in warm) / n:>11.2f}")
    print(f"{'total':<22}" + "".join(f"{1000 * sum(p.values()) / n:>10.2f}" for p in passes)
          + f"{1000 * min(sum(p.values()) for p in warm) / n:>11.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
