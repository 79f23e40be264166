"""scripts/benchmark.py (``make bench``) runs and reports the three stages against the baseline."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys

import pytest

from conftest import REPO, SEED1, SEED4


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("medfacts_benchmark", REPO / "scripts" / "benchmark.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench-corpus")
    for name in (SEED1, SEED4):
        shutil.copy(REPO / "corpus" / name, folder / name)
    return folder


def test_benchmark_json_reports_three_stages_relative_to_tokenisation(bench, small_corpus, capsys):
    assert bench.main(["--corpus", str(small_corpus), "--repeat", "2", "--json", "--no-memory"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["info"]["documents"] == 2 and report["info"]["repeat"] == 2
    stages = report["stages"]
    assert [s["name"].split()[0] for s in stages] == ["tokenise", "medfacts", "ingest"]
    assert [s["docs"] for s in stages] == [4, 4, 4]
    assert stages[0]["x_baseline_time"] == 1.0
    for stage in stages:
        assert stage["seconds"] > 0 and stage["docs_per_s"] > 0 and stage["mb_per_s"] > 0
        assert stage["max_rss_mb"] > 0
    assert stages[1]["x_baseline_time"] > 1.0  # the rules cost more than splitting into tokens


def test_benchmark_table_includes_python_peak_memory(bench, small_corpus, capsys):
    assert bench.main(["--corpus", str(small_corpus), "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "tokenise (baseline)" in out and "medfacts pipeline" in out and "ingest" in out
    assert "py peak MB" in out and "—" not in out.split("\n", 3)[3]


def test_throughput_mode_compares_an_ingest_of_distinct_pages_with_the_floor(bench, small_corpus, capsys):
    assert bench.main(["--corpus", str(small_corpus), "--pages", "4", "--workers", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    (run,) = result["runs"]
    assert result["pages"] == 4 and run["ingested"] + run["skipped"] == 4
    assert run["ratio_to_floor"] > 0 and run["reingest_unchanged"] == run["ingested"]


def test_throughput_samples_time_cpu_and_memory_at_checkpoints_of_a_parallel_run(small_corpus, capsys):
    spec = importlib.util.spec_from_file_location("medfacts_benchmark_throughput",
                                                  REPO / "scripts" / "benchmark_throughput.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        assert module.main(["--corpus", str(small_corpus), "--pages", "6", "--workers", "2", "--checkpoint", "2",
                            "--no-natasha", "--json"]) == 0
    finally:
        sys.modules.pop(spec.name, None)
    (run,) = json.loads(capsys.readouterr().out)["runs"]
    points = run["checkpoints"]
    assert [p["pages"] for p in points] == [2, 4, 6]
    assert all(b["wall_s"] >= a["wall_s"] and b["cpu_workers_s"] >= a["cpu_workers_s"] for a, b in zip(points, points[1:]))
    assert points[-1]["cpu_workers_s"] > 0  # the forked workers did the extraction, and their CPU is counted
    assert all(p["rss_main_mb"] > 50 and p["pss_total_mb"] > 0 for p in points)
    assert len(run["linearity"]["cpu_ms_per_page_by_stretch"]) == 2
