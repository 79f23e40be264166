"""``python -m medfacts`` = the ``medfacts`` command."""

from extract.cli import app

app(prog_name="medfacts")
