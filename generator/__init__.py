"""Verbatim: lines up the quotes of a story's versions and publishes what changed."""

__version__ = "0.1.0"
