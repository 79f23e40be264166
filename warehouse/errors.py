"""The warehouse's one exception, in a module of its own so the CLI can catch it without importing DuckDB.

``medfacts --help`` and every command's parsing run before a warehouse is opened; importing
``warehouse.store`` (DuckDB and pyarrow, ≈ 0.3 s) is left to the commands that open one.
"""

from __future__ import annotations


class WarehouseError(RuntimeError):
    """A readable problem with the warehouse file or a query."""
