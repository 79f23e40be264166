"""Python rows into one DuckDB statement: as parameters of a VALUES list when they are few, as an Arrow
table when they are many.

A one-page ingest writes a few hundred rows; importing pyarrow for them costs 0.15-0.2 s, more than
the whole write.  Past a few hundred rows a statement with a parameter per value binds slower than
Arrow (superlinearly: 1,000 rows of 8 columns take ~0.3 s), so a batch of many documents still goes
through Arrow.  Either way the statement casts each value to its column's type: the rows stored are
the same (``tests/test_warehouse_incoming.py``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb

MAX_PARAMETER_ROWS = 256  # more rows than this go through Arrow
ROWS_PER_VALUES = 64  # a VALUES list of 64 rows binds in a few ms; longer ones cost more per row


@contextmanager
def incoming(con: duckdb.DuckDBPyConnection, columns: Sequence[str],
             rows: Sequence[Sequence[Any]]) -> Iterator[list[tuple[str, list[Any]]]]:
    """(relation, parameters) pairs that together hold ``rows`` (values in ``columns`` order), each to be
    used as ``SELECT ... FROM <relation>`` with its parameters; empty for no rows."""
    if not rows:
        yield []
        return
    if len(rows) > MAX_PARAMETER_ROWS:
        import pyarrow as pa

        name = "_incoming"
        con.register(name, pa.table({column: [row[i] for row in rows] for i, column in enumerate(columns)}))
        try:
            yield [(name, [])]
        finally:
            con.unregister(name)
        return
    placeholders = "(" + ", ".join("?" * len(columns)) + ")"
    names = ", ".join(f'"{column}"' for column in columns)
    parts = []
    for start in range(0, len(rows), ROWS_PER_VALUES):
        chunk = rows[start:start + ROWS_PER_VALUES]
        relation = f"(VALUES {', '.join([placeholders] * len(chunk))}) AS _incoming({names})"
        parts.append((relation, [value for row in chunk for value in row]))
    yield parts
