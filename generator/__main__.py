"""``python -m generator``: the command-line interface."""

from generator.cli import cli

cli(prog_name="python -m generator")
