#!/usr/bin/env python
"""How long does a one-page ingest take from a fresh process, next to Python itself and `import spacy`?

Each command runs in its own process, ``--runs`` times (default 5), interleaved so that a neighbour's
burst hits them alike: ``python -c pass`` and ``python -c "import spacy"`` (the baselines, measured in
the same invocation), ``medfacts --help``, and ``medfacts ingest PAGE --db <fresh file>`` for each page.
The ingest runs once untimed first so the pipeline cache (``$XDG_CACHE_HOME/medfacts``) is warm;
``--cold`` also times it with an empty cache folder each run (the pipeline built from rules/).
Reported: median, min and max of wall and CPU seconds (user + system of the child), and the medians
as a ratio to the baselines.

    python scripts/benchmark_startup.py
    python scripts/benchmark_startup.py --runs 9 --cold --json
    python scripts/benchmark.py --startup          # the same
    python scripts/benchmark_startup.py --checkout /tmp/main-copy   # and another checkout's code, interleaved
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PAGES = (ROOT / "corpus" / "ruA05_mgorod-zko-oxygen-concentrators.html",
                 ROOT / "corpus" / "enA01_kz-ventilators-over-4000.html")


def medfacts_command(checkout: Path | None = None) -> list[str]:
    """The console script next to this interpreter, else (or for another checkout's code) its entry point
    through ``-c``."""
    script = Path(sys.executable).with_name("medfacts")
    if checkout is None and script.exists():
        return [str(script)]
    path = f"import sys; sys.path.insert(0, {str(checkout)!r}); " if checkout else ""
    return [sys.executable, "-c", f"{path}from extract.cli import app; app()"]


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of one child process; a failing command stops the benchmark with its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def summary(samples: list[tuple[float, float]]) -> dict:
    walls, cpus = [w for w, _ in samples], [c for _, c in samples]
    return {"wall_median": statistics.median(walls), "wall_min": min(walls), "wall_max": max(walls),
            "cpu_median": statistics.median(cpus), "cpu_min": min(cpus), "cpu_max": max(cpus), "runs": len(samples)}


def startup(pages: list[Path], runs: int, cold: bool, checkouts: list[Path] = ()) -> dict:
    """Samples of every command, interleaved run by run; ``checkouts``: the ingests again with their code."""
    versions = {"": medfacts_command()} | {f" [{c.name}]": medfacts_command(c) for c in checkouts}
    medfacts = versions[""]
    with tempfile.TemporaryDirectory(prefix="medfacts-startup-") as work:
        workdir = Path(work)
        cold_env = dict(os.environ)
        commands: dict[str, tuple[list[str] | None, dict | None]] = {
            "python -c pass": ([sys.executable, "-c", "pass"], None),
            "import spacy": ([sys.executable, "-c", "import spacy"], None),
            "medfacts --help": ([*medfacts, "--help"], None),
        }
        ingests: dict[str, tuple[list[str], Path]] = {}
        for label, entry in versions.items():
            for page in pages:
                commands[f"ingest {page.name} (warm cache){label}"] = (None, None)
                ingests[f"ingest {page.name} (warm cache){label}"] = (entry, page)
                if cold:
                    commands[f"ingest {page.name} (cold cache){label}"] = (None, cold_env)
                    ingests[f"ingest {page.name} (cold cache){label}"] = (entry, page)
                # warms the cache and the file system; not timed
                timed([*entry, "ingest", str(page), "--db", str(workdir / f"warm-up{len(ingests)}.duckdb"), "--quiet"])
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for run in range(runs):
            for index, (name, (command, env)) in enumerate(commands.items()):
                if command is None:  # an ingest: a fresh warehouse each time, an empty cache when cold
                    entry, page = ingests[name]
                    command = [*entry, "ingest", str(page), "--db", str(workdir / f"{run}-{index}.duckdb"), "--quiet"]
                    if env is not None:
                        env = {**cold_env, "XDG_CACHE_HOME": str(workdir / f"cache-{run}-{index}")}
                samples[name].append(timed(command, env))
    results = {name: summary(values) for name, values in samples.items()}
    python, spacy = results["python -c pass"], results["import spacy"]
    for name, result in results.items():
        result["x_python_wall"] = result["wall_median"] / python["wall_median"]
        result["x_import_spacy_wall"] = result["wall_median"] / spacy["wall_median"]
    return {"runs": runs, "load_average": os.getloadavg(), "commands": results}


def print_startup(report: dict) -> None:
    print(f"start-up, {report['runs']} runs each (load average at the end {report['load_average'][0]:.1f}); "
          "seconds: median [min-max]")
    print(f"{'command':52s} {'wall':>20s} {'CPU':>20s} {'x pass':>7s} {'x spacy':>8s}")
    for name, r in report["commands"].items():
        print(f"{name:52s} {r['wall_median']:6.2f} [{r['wall_min']:.2f}-{r['wall_max']:.2f}] "
              f"{r['cpu_median']:6.2f} [{r['cpu_min']:.2f}-{r['cpu_max']:.2f}] "
              f"{r['x_python_wall']:7.1f} {r['x_import_spacy_wall']:8.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", type=Path, help="pages to ingest (default: one Russian, one English)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (default 5)")
    parser.add_argument("--cold", action="store_true", help="also time the ingest with an empty pipeline cache")
    parser.add_argument("--checkout", type=Path, action="append", default=[],
                        help="also time the ingests with the code of this checkout (e.g. a worktree of main)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    report = startup([p.resolve() for p in args.pages] or list(DEFAULT_PAGES), args.runs, args.cold,
                     [c.resolve() for c in args.checkout])
    print(json.dumps(report, indent=2)) if args.json else print_startup(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
