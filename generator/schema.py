"""Pydantic models at the YAML boundary: front matter and story.yml.

Unknown keys are refused, and validation errors are reworded as
``file: field.path: message`` so a contributor sees at once what to fix.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator


class SeedError(Exception):
    """A seed file that cannot be used; the message names the file."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


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
    kind: Literal["original", "wire", "syndicated", "translation", "rewrite", "primary"] | None = None
    reference: bool = False

    @field_validator("published", "retrieved", mode="before")
    @classmethod
    def _date_as_text(cls, value: object) -> object:
        # YAML reads 2025-12-17 as a date; keep what the contributor wrote.
        return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is not None and not value.lower().startswith(("http://", "https://")):
            raise ValueError("must be an http(s) address")
        return value


class StoryConfig(_Strict):
    """``story.yml``: facts about a story folder."""

    title: str | None = None
    references: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    notes: str | None = None


def explain(path: str, error: ValidationError) -> SeedError:
    """The first validation problem as ``file: field.path: message``."""
    problem = error.errors()[0]
    field_path = ".".join(str(part) for part in problem["loc"]) or "(top level)"
    message = problem["msg"]
    if problem["type"] == "extra_forbidden":
        message = "unknown key"
    return SeedError(path, f"{field_path}: {message}")
