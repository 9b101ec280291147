"""Pydantic models at the YAML boundary: front matter and story.yml.

Unknown keys are refused, and validation errors are reworded as
``file: field.path: message`` so a contributor sees at once what to fix.
"""

from __future__ import annotations

import datetime as dt
import re

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from generator.model import VersionKind

from .problems import SeedError

_SHA256 = re.compile(r"[0-9a-fA-F]{64}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FrontMatter(_Strict):
    """Optional YAML front matter of one article version."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    retrieved: str | None = None
    language: str | None = None
    author: str | None = None
    kind: VersionKind | None = None
    reference: bool = False
    # Written by `import`: the archive's address of a copy read from one, and
    # the SHA-256 of the page's bytes.
    archived: str | None = None
    sha256: str | None = None

    @field_validator("published", "retrieved", mode="before")
    @classmethod
    def _date_as_text(cls, value: object) -> object:
        # YAML reads 2025-12-17 as a date; keep what the contributor wrote.
        return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value

    @field_validator("url", "archived")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is not None and not value.lower().startswith(("http://", "https://")):
            raise ValueError("must be an http(s) address")
        return value

    @field_validator("sha256")
    @classmethod
    def _hex_digest(cls, value: str | None) -> str | None:
        if value is not None and not _SHA256.fullmatch(value):
            raise ValueError("must be 64 hexadecimal digits (a SHA-256 digest)")
        return value


class StoryConfig(_Strict):
    """``story.yml``: facts about a story folder."""

    title: str | None = None
    references: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    notes: str | None = None


def explain(path: str, error: ValidationError, source: str | None = None, line_offset: int = 0) -> SeedError:
    """The first validation problem as ``file:line: field.path: message``.

    ``source`` is the YAML text that was validated; when given, the line of
    the offending key is found in it (``line_offset`` lines above it in the file).
    """
    first = error.errors()[0]
    location = tuple(first["loc"])
    field_path = ".".join(str(part) for part in location) or "(top level)"
    message = first["msg"]
    if first["type"] == "extra_forbidden":
        message = "unknown key"
    line = key_line(source, location) if source is not None else None
    return SeedError(path, f"{field_path}: {message}", line + line_offset if line else None)


def key_line(source: str, location: tuple[object, ...]) -> int | None:
    """Line (from 1) of the key or item at ``location`` in a YAML mapping, if it can be found."""
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    line = None
    for part in location:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(part)),
                         None)
            if match is None:
                break
            line, node = match[0].start_mark.line + 1, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line
