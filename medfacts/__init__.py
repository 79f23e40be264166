"""medfacts: facts about healthcare resources in Kazakh news (Russian and English), by rules, into DuckDB.

One text::

    import medfacts
    [fact] = medfacts.extract("The region has only 148 ventilators.", "en")
    fact["item"], fact["quantity"], fact["status"]      # ('ventilator', 148.0, 'available')

A warehouse (the same as ``medfacts ingest`` / ``medfacts query``)::

    report = medfacts.ingest(["corpus/", "https://www.inform.kz/ru/..."], "warehouse/medfacts.duckdb")
    with medfacts.Warehouse("warehouse/medfacts.duckdb", read_only=True) as warehouse:
        columns, rows = warehouse.query("SELECT region, sum(quantity) FROM facts WHERE item = ? GROUP BY 1",
                                        ["ventilator"])
        warehouse.export("ventilators.parquet", where="item = 'ventilator'")

Your own rules (a copy of the packaged ``rules/`` folder, edited)::

    medfacts.use_rules("my-rules/")          # before the first extract/ingest; or MEDFACTS_RULES=my-rules/

The code lives in the ``extract`` and ``warehouse`` packages (``medfacts`` re-exports their API, so
each module is loaded once); the schema is ``warehouse/schema.sql``, explained in docs/schema.md.
"""

from extract import __version__
from extract.api import extract, info, ingest
from extract.rulebook import RuleFileError, packaged_rules_dir, rules_dir, use_rules
from extract.run.ingest import IngestReport
from warehouse.store import Warehouse, WarehouseError

__all__ = [
    "__version__", "extract", "ingest", "info", "Warehouse", "WarehouseError", "IngestReport",
    "use_rules", "rules_dir", "packaged_rules_dir", "RuleFileError",
]
