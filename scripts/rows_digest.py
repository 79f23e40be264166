#!/usr/bin/env python
"""Everything an ingest stores, as sorted JSON lines, to prove that a speed change changed no answer.

Ingests the given files/folders into a temporary warehouse with the code and rules of a checkout
(this one, or ``--checkout DIR``, e.g. a worktree of main) and writes a canonical dump: documents
(doc_id, a hash of the text, metadata), sentences, mentions, facts (every column of fact_rows,
rule ids included) and skips.  Run ids and timestamps are left out; a source is written relative
to the argument it came from (``corpus/x.html``), so two checkouts' dumps compare line by line.

    python scripts/rows_digest.py corpus ../shared/corpus-dev/html --out /tmp/branch.jsonl
    python scripts/rows_digest.py corpus --checkout /work/main-copy --workers 2 --out /tmp/main.jsonl
    python scripts/rows_digest.py --compare /tmp/main.jsonl /tmp/branch.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Columns that differ between two runs, or between two versions of the code by design (code_hash
# fingerprints the extraction code): not part of an answer.
VOLATILE = {"run_id", "ingested_at", "skipped_at", "code_hash"}
TABLES = ("documents", "sentences", "mentions", "fact_rows", "skipped")


def use_checkout(checkout: Path) -> None:
    """Import ``extract``/``warehouse``/``rules`` from ``checkout`` (before anything imports them)."""
    sys.path.insert(0, str(checkout.resolve()))


def display_source(source: str, roots: list[tuple[Path, str]]) -> str:
    """``corpus/x.html`` for a file under the argument ``corpus``, whatever the checkout's path."""
    path = Path(source).resolve()
    for root, name in roots:
        if path == root or root in path.parents:
            return str(Path(name) / path.relative_to(root)) if path != root else name
    return source


def canonical(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def dump(arguments: list[str], workers: int) -> list[str]:
    """Sorted JSON lines of every row an ingest of ``arguments`` stores (see the module docstring)."""
    from extract.acquire.sources import expand
    from extract.run.ingest import ingest
    from warehouse.store import Warehouse

    roots = [(Path(a).resolve(), Path(a).resolve().name) for a in arguments]
    arguments = [str(root) for root, _ in roots]  # absolute, so a detail naming another source reads the same
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        with Warehouse(Path(tmp) / "digest.duckdb") as warehouse:
            ingest(expand(arguments), warehouse, workers=workers)
            sources = dict(warehouse.con.execute("SELECT doc_id, source FROM documents").fetchall())
            for table in TABLES:
                cursor = warehouse.con.execute(f"SELECT * FROM {table}")
                columns = [c[0] for c in cursor.description]
                for values in cursor.fetchall():
                    row = {c: canonical(v) for c, v in zip(columns, values) if c not in VOLATILE}
                    if table == "documents":
                        row["text_sha256"] = hashlib.sha256(row.pop("text").encode()).hexdigest()
                    if row.get("detail"):  # "same text as /abs/corpus/x.html"
                        for root, name in roots:
                            row["detail"] = row["detail"].replace(str(root), name)
                    if "source" in row:
                        row["source"] = display_source(row["source"], roots)
                    elif "doc_id" in row:  # rows keyed by doc_id say which file they came from
                        row["source"] = display_source(sources.get(row["doc_id"], "?"), roots)
                    lines.append(json.dumps({"table": table, **row}, ensure_ascii=False, sort_keys=True))
    return sorted(lines)


def compare(path_a: Path, path_b: Path, limit: int) -> int:
    """Print the first differences between two dumps; 0 when identical."""
    a = path_a.read_text(encoding="utf-8").splitlines()
    b = path_b.read_text(encoding="utf-8").splitlines()
    only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
    if not only_a and not only_b and Counter(a) == Counter(b):
        print(f"identical: {len(a)} rows ({summary(a)})")
        return 0
    print(f"DIFFERENT: {len(only_a)} rows only in {path_a}, {len(only_b)} only in {path_b}")
    for marker, rows in (("-", only_a), ("+", only_b)):
        for line in rows[:limit]:
            print(marker, line)
        if len(rows) > limit:
            print(f"{marker} ... {len(rows) - limit} more")
    return 1


def summary(lines: list[str]) -> str:
    counts = Counter(json.loads(line)["table"] for line in lines)
    return ", ".join(f"{table} {counts.get(table, 0)}" for table in TABLES)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", help="files and folders to ingest")
    parser.add_argument("--out", type=Path, help="write the dump here (default: stdout)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes for the ingest (default 1)")
    parser.add_argument("--checkout", type=Path, default=ROOT, help="run the code and rules of this checkout")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"), help="compare two dumps instead")
    parser.add_argument("--limit", type=int, default=20, help="differences shown per side (default 20)")
    args = parser.parse_args(argv)
    if args.compare:
        return compare(*args.compare, args.limit)
    if not args.inputs:
        parser.error("give files or folders to ingest, or --compare A B")
    use_checkout(args.checkout)
    lines = dump(args.inputs, args.workers)
    text = "".join(line + "\n" for line in lines)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        import extract
        print(f"code: {Path(extract.__file__).parent.parent}", file=sys.stderr)
        print(f"{args.out}: {len(lines)} rows ({summary(lines)}), sha256 {hashlib.sha256(text.encode()).hexdigest()[:16]}",
              file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
