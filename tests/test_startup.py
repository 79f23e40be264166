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
