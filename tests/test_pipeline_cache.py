"""Built pipelines cached on disk: the same rows as a pipeline built from the rules, one folder per rule set."""

from __future__ import annotations

import pickle
import shutil

import pytest
from typer.testing import CliRunner

import extract.pipeline as pipeline_module
from conftest import CORPUS
from extract import pipeline_cache
from extract.cli import app
from extract.rulebook import packaged_rules_dir, use_rules
from extract.run.process import RawDocument, process_batch


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    """An empty cache folder; pipelines of this process are dropped before and after, so they come from it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(pipeline_cache.NO_CACHE_ENV, raising=False)
    pipeline_module.pipeline.cache_clear()
    yield tmp_path / "cache" / "medfacts"
    pipeline_module.pipeline.cache_clear()


def corpus_pages() -> list[RawDocument]:
    """A third of the corpus, both languages: enough rules fire to tell a wrong matcher."""
    return [RawDocument(str(path), "html", path.read_bytes()) for path in sorted(CORPUS.glob("*.html"))[::3]]


def without_times(outcomes) -> list:
    for rows in outcomes:
        rows.document.pop("ingested_at", None)
    return outcomes


def test_a_pipeline_loaded_from_the_cache_gives_exactly_the_rows_of_a_built_one(cache_home, monkeypatch):
    pages = corpus_pages()
    built = without_times(process_batch(pages))  # builds both pipelines and stores them
    assert sorted(p.name for p in pipeline_cache.cache_dir().iterdir()) == ["pipeline-en.pickle", "pipeline-ru.pickle"]

    pipeline_module.pipeline.cache_clear()
    monkeypatch.setattr(pipeline_module, "build", lambda lang: pytest.fail(f"{lang} pipeline built, not loaded"))
    loaded = without_times(process_batch(pages))
    assert sum(len(rows.facts) for rows in loaded) > 20
    assert loaded == built


def test_no_cache_builds_and_writes_nothing(cache_home, monkeypatch):
    monkeypatch.setenv(pipeline_cache.NO_CACHE_ENV, "1")
    assert pipeline_module.pipeline("en").pipe_names
    assert not cache_home.exists()


def test_an_unreadable_cache_file_is_rebuilt_and_replaced(cache_home):
    target = pipeline_cache.cache_dir() / "pipeline-en.pickle"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"\x80\x05 truncated by a full disk")
    assert pipeline_module.pipeline("en").pipe_names
    assert pickle.loads(target.read_bytes()).pipe_names == pipeline_module.pipeline("en").pipe_names
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")]  # no temporary file left behind


def test_another_rules_folder_has_its_own_cache_folder(cache_home, tmp_path):
    packaged = pipeline_cache.cache_dir()
    mine = shutil.copytree(packaged_rules_dir(), tmp_path / "my-rules")
    with (mine / "en" / "items.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"id": "en-item-iron-lung", "pattern": "iron lung", "item": "ventilator"}\n')
    try:
        use_rules(mine)
        assert pipeline_cache.cache_dir() != packaged
        assert pipeline_cache.cache_dir().parent == packaged.parent
    finally:
        use_rules(None)
    assert pipeline_cache.cache_dir() == packaged


def test_no_cache_option_turns_the_cache_off_for_the_command(corpus_db, monkeypatch):
    monkeypatch.setenv(pipeline_cache.NO_CACHE_ENV, "0")
    assert pipeline_cache.enabled()
    result = CliRunner().invoke(app, ["--no-cache", "query", "--db", str(corpus_db), "SELECT 1"])
    assert result.exit_code == 0, result.output
    assert not pipeline_cache.enabled()


def test_info_names_the_cache_folder_of_the_rules_in_use(cache_home, monkeypatch):
    from extract.api import info

    assert info(None)["pipeline_cache"] == str(pipeline_cache.cache_dir())
    assert pipeline_cache.cache_dir().parent == cache_home
    monkeypatch.setenv(pipeline_cache.NO_CACHE_ENV, "1")
    assert info(None)["pipeline_cache"] is None


def test_old_cache_folders_are_removed_when_a_new_one_is_written(cache_home):
    import os

    import spacy

    for age in range(12):  # folders of rules and code long replaced, the oldest first
        stale = cache_home / f"stale-{age:02d}"
        stale.mkdir(parents=True)
        os.utime(stale, (1_000_000 + age, 1_000_000 + age))
    pipeline_cache.store("en", spacy.blank("en"))
    kept = sorted(p.name for p in cache_home.iterdir())
    assert len(kept) == pipeline_cache.KEEP and pipeline_cache.cache_dir().name in kept
    assert "stale-11" in kept and "stale-00" not in kept  # the most recently written ones stay
