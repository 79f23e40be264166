"""Start-up: what a command loads before it needs it."""

from __future__ import annotations

import subprocess
import sys


def test_the_cli_loads_without_duckdb_pyarrow_or_spacy():
    """`medfacts --help` and argument errors come before any warehouse or pipeline is opened."""
    heavy = ("duckdb", "pyarrow", "spacy", "trafilatura")
    code = f"import sys, extract.cli; print(' '.join(m for m in {heavy!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_a_reingest_of_unchanged_files_never_loads_spacy(tmp_path):
    """Same bytes, same rules: a hash and a look-up, so the command does not pay for importing spaCy."""
    from conftest import CORPUS, SEED1
    from extract.acquire.sources import expand
    from extract.run.ingest import ingest
    from warehouse.store import Warehouse

    db, page = tmp_path / "w.duckdb", str(CORPUS / SEED1)
    with Warehouse(db) as warehouse:
        assert ingest(expand([page]), warehouse).ingested
    code = (
        "import sys\n"
        "from extract.cli import app\n"
        f"try:\n    app(['ingest', {page!r}, '--db', {str(db)!r}, '--quiet'])\n"
        "except SystemExit as exc:\n    print('exit', exc.code, 'spacy' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "1 unchanged" in result.stdout, result.stdout + result.stderr
    assert result.stdout.strip().endswith("exit 0 False"), result.stdout + result.stderr
