"""Results as users read them: export files by extension, query output for the terminal and for scripts.

``export_facts`` writes the facts view (or a filtered part of it) with DuckDB's
COPY; the format follows the file's extension.  ``Result`` holds a query's
rows as Arrow and prints them as DuckDB's own box table, as CSV (LF line
endings), JSON lines or one ``column = value`` line each.  Whole numbers in
DOUBLE columns print without ``.0``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

import duckdb

if TYPE_CHECKING:  # pyarrow is imported by what reads query results, not by every warehouse (0.15-0.2 s)
    import pyarrow as pa

COPY_OPTIONS = {"csv": "(FORMAT CSV, HEADER)", "parquet": "(FORMAT PARQUET)", "jsonl": "(FORMAT JSON)"}
SUFFIXES = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl",
            ".json": "jsonl"}
FACTS_ORDER = "ORDER BY source, start_char"


class ExportError(ValueError):
    """A readable reason an export cannot be written."""


def export_format(out: str | Path, fmt: str | None = None) -> str:
    """The format for ``out``: from its extension, checked against ``fmt`` if both are given."""
    if fmt is not None and fmt not in COPY_OPTIONS:
        raise ExportError(f"unknown format {fmt!r}; use one of {', '.join(COPY_OPTIONS)}")
    if str(out) == "-":
        return fmt or "csv"
    by_suffix = SUFFIXES.get(Path(out).suffix.lower())
    if fmt is None:
        if by_suffix is None:
            raise ExportError(f"cannot tell the format of {out}: name it .csv, .parquet or .jsonl, or give --format")
        return by_suffix
    if by_suffix is not None and by_suffix != fmt:
        raise ExportError(f"{out} looks like {by_suffix} but --format is {fmt}: change one of them")
    return fmt


def facts_sql(where: str | None = None) -> str:
    condition = f" WHERE ({where})" if where and where.strip() else ""
    return f"SELECT * FROM facts{condition} {FACTS_ORDER}"


def copy_to(con: duckdb.DuckDBPyConnection, sql: str, out: str | Path, fmt: str, stdout: IO[bytes] | None = None) -> int:
    """COPY the result of ``sql`` to ``out`` (``-``: to ``stdout``); returns the number of rows."""
    try:
        (count,) = con.execute(f"SELECT count(*) FROM ({sql})").fetchone()
        if str(out) == "-":
            with tempfile.TemporaryDirectory() as scratch:
                path = Path(scratch) / f"export.{fmt}"
                _copy(con, sql, path, fmt)
                target = stdout or sys.stdout.buffer
                with path.open("rb") as handle:
                    shutil.copyfileobj(handle, target)
                target.flush()
        else:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            _copy(con, sql, Path(out), fmt)
    except duckdb.Error as exc:
        raise ExportError(str(exc).strip()) from exc
    return count


def _copy(con: duckdb.DuckDBPyConnection, sql: str, path: Path, fmt: str) -> None:
    target = str(path).replace("'", "''")
    con.execute(f"COPY ({sql}) TO '{target}' {COPY_OPTIONS[fmt]}")


@dataclass
class Result:
    """The rows of one query, as an Arrow table whose integral DOUBLE columns are BIGINT."""

    table: pa.Table

    @classmethod
    def of(cls, con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> "Result":
        import pyarrow as pa

        relation = con.sql(sql, params=params or None)
        if relation is None:  # a statement without rows (SET, CHECKPOINT ...)
            return cls(pa.table({}))
        fetch = getattr(relation, "to_arrow_table", None) or relation.arrow  # DuckDB 2 / DuckDB 1
        return cls(whole_numbers(fetch()))

    @property
    def columns(self) -> list[str]:
        return self.table.column_names

    def __len__(self) -> int:
        return self.table.num_rows

    def write_csv(self, stream: IO[str]) -> None:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self._rows():
            writer.writerow(["" if v is None else v for v in row])

    def write_jsonl(self, stream: IO[str]) -> None:
        for row in self._rows():
            stream.write(json.dumps(dict(zip(self.columns, row)), ensure_ascii=False, default=str) + "\n")

    def write_lines(self, stream: IO[str]) -> None:
        """One ``column = value`` line per column, a blank line between rows (DuckDB's ``.mode line``)."""
        width = max((len(c) for c in self.columns), default=0)
        for i, row in enumerate(self._rows()):
            if i:
                stream.write("\n")
            for column, value in zip(self.columns, row):
                stream.write(f"{column.rjust(width)} = {'NULL' if value is None else value}\n")

    def render(self, con: duckdb.DuckDBPyConnection, max_width: int, max_rows: int) -> str:
        """DuckDB's own box rendering (column types, wide values wrapped or elided) of the first ``max_rows`` rows."""
        if not self.columns:
            return ""
        shown = self.table if max_rows <= 0 else self.table.slice(0, max_rows)
        text = _shown(con.from_arrow(shown), max_width, 0)
        if shown.num_rows < self.table.num_rows:
            text += f"{self.table.num_rows - shown.num_rows} more rows; use --limit 0 or --format csv\n"
        return text

    def _rows(self):
        columns = [self.table.column(name).to_pylist() for name in self.columns]
        return zip(*columns)


def _shown(relation: duckdb.DuckDBPyRelation, max_width: int, max_rows: int) -> str:
    """``relation.show`` prints through Python's stdout; catch it as text."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        relation.show(max_width=max_width if max_width > 0 else None, max_rows=max_rows if max_rows > 0 else 2**62)
    return buffer.getvalue()


def whole_numbers(table: pa.Table) -> pa.Table:
    """DOUBLE columns holding only whole numbers become BIGINT, so 4000.0 prints as 4000."""
    import pyarrow as pa
    import pyarrow.compute as pc  # 0.6 s to import: only when a query prints, not for every command

    for index, field in enumerate(table.schema):
        if not pa.types.is_floating(field.type) or table.num_rows == 0:
            continue
        column = table.column(index)
        values = pc.drop_null(column)
        if len(values) == 0:
            continue
        finite = pc.all(pc.is_finite(values)).as_py()
        if not finite or not pc.all(pc.equal(values, pc.trunc(values))).as_py():
            continue
        if pc.max(pc.abs(values)).as_py() >= 2**53:
            continue
        table = table.set_column(index, field.name, pc.cast(column, pa.int64()))
    return table
