"""``corrections.yml``: contributors' verdicts on findings, and each story's corrections log.

One file per story folder, ``seeds/<story>/corrections.yml``.  Pydantic models
refuse unknown keys; every problem becomes a :class:`~generator.model.Problem`
naming the file, the line and the field (``verdicts[0].sources[1].url: must be
an http(s) address``), all of them at once, so a contributor fixes a file in one
go.  Entries that are valid are kept even when a neighbour is not, so one bad
verdict never hides the others from the site.

The JSON Schema editors use to validate and complete the file as it is typed is
generated from the same models (:func:`schema_text`) and committed as
``schemas/corrections.schema.json``; regenerate it with
``python -m generator.review.corrections > schemas/corrections.schema.json``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from generator.inputs.load import _Problems, _read_text, name_problem
from generator.inputs.problems import printable, problem
from generator.inputs.schema import key_line
from generator.model import LogEntry, Problem, Source, Verdict

CORRECTIONS_FILE = "corrections.yml"
"""Name of the corrections file in a story folder."""

SCHEMA_FILE = "schemas/corrections.schema.json"
"""Where the generated JSON Schema is committed, relative to the repository root."""

SCHEMA_ID = "https://verbatim.invalid/schemas/corrections.schema.json"
"""The schema's ``$id``: a name, not an address anything is fetched from."""

SCHEMA_HEADER = f"# yaml-language-server: $schema=../../{SCHEMA_FILE}"
"""First line of every corrections file: editors with the YAML language server
(VS Code's YAML extension, Neovim, Helix...) then validate and complete it."""

FINDING_KIND_SLUGS = (
    "altered-quote",
    "truncated-quote",
    "extended-quote",
    "misattributed-quote",
    "unsupported-quote",
    "omitted-quote",
    "number-drift",
    "date-drift",
    "title-drift",
    "name-drift",
    "unsupported-claim",
)
"""Finding kinds as they start a finding id (see :func:`generator.analysis.ids.finding_id`)."""

FINDING_ID_PATTERN = rf"^({'|'.join(FINDING_KIND_SLUGS)})-[0-9a-f]{{10}}(-[1-9][0-9]*)?$"
"""A finding id: kind, ten hex digits of the content hash, and ``-2``, ``-3``... for repeats."""

HTTP_URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+[^\s]*$"
"""An http or https address: the only links the site shows."""

HANDLE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}$"
"""A GitHub user name."""

SEED_PATH_PATTERN = r"^[^/\s][^\s]*$"
"""A path relative to the repository root."""

VERDICT_WORDS: dict[str, str] = {
    "confirmed-misquote": "Confirmed misquote",
    "acceptable-paraphrase": "Acceptable paraphrase",
    "translation-variant": "Translation variant",
    "verified-primary-source": "Verified against the primary source",
    "false-alarm": "False alarm",
}
"""Every verdict, in the words the site uses."""

_FINDING_ID = re.compile(FINDING_ID_PATTERN)
_HTTP_URL = re.compile(HTTP_URL_PATTERN)
_HANDLE = re.compile(HANDLE_PATTERN)


def _schema_pattern(pattern: str, **extra: Any) -> dict[str, Any]:
    """JSON Schema keywords for editors; the validators below give the readable messages."""
    return {"pattern": pattern, **extra}


def is_http_url(value: str) -> bool:
    """True for an absolute http or https address with a host."""
    if not _HTTP_URL.match(value) or any(ord(char) < 0x20 or ord(char) == 0x7F for char in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("date", "retrieved", mode="before", check_fields=False)
    @classmethod
    def _iso_date(cls, value: object) -> object:
        # Only YYYY-MM-DD: pydantic would also read a number as seconds since 1970.
        if value is not None and not (isinstance(value, str) and _ISO_DATE.match(value.strip())):
            raise ValueError(f"{_shown(value)} is not a date (write YYYY-MM-DD)")
        return value.strip() if isinstance(value, str) else value


class SourceEntry(_Strict):
    """Evidence for a verdict: a web page (``url``) or a file of this repository (``seed``)."""

    model_config = ConfigDict(json_schema_extra={"oneOf": [{"required": ["url"]}, {"required": ["seed"]}]})

    url: str | None = Field(None, description="Web address of the source (http or https).",
                            json_schema_extra=_schema_pattern(HTTP_URL_PATTERN, format="uri"))
    archived: str | None = Field(None, description="Address of an archived copy of the source (http or https).",
                                 json_schema_extra=_schema_pattern(HTTP_URL_PATTERN, format="uri"))
    retrieved: dt.date | None = Field(None, description="When the source was read (YYYY-MM-DD).")
    seed: str | None = Field(None, description="Path of a file in this repository cited as the source, "
                                               "such as seeds/<story>/<version>.txt.",
                             json_schema_extra=_schema_pattern(SEED_PATH_PATTERN))
    title: str | None = Field(None, description="What the source is, in a few words.", min_length=1)

    @field_validator("url", "archived")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is not None and not is_http_url(value):
            raise ValueError(f"must be an http(s) address, not {_shown(value)}")
        return value

    @field_validator("seed")
    @classmethod
    def _repository_path(cls, value: str | None) -> str | None:
        if value is None:
            return value
        path = PurePosixPath(value)
        if path.is_absolute() or "\\" in value or ".." in path.parts or value != str(path) or "://" in value:
            raise ValueError(f"must be a path inside this repository such as seeds/<story>/<version>.txt, "
                             f"not {_shown(value)}")
        return value

    @model_validator(mode="after")
    def _one_kind_of_source(self) -> SourceEntry:
        if (self.url is None) == (self.seed is None):
            raise ValueError("give either url (a web page) or seed (a file of this repository), not both or neither")
        if self.seed is not None and self.archived is not None:
            raise ValueError("archived is for web sources; a seed file is archived by the repository itself")
        return self


class VerdictEntry(_Strict):
    """A reviewer's verdict on one finding."""

    finding: str = Field(description="Id of the finding, as shown on the story page and in the report.",
                         json_schema_extra=_schema_pattern(FINDING_ID_PATTERN))
    verdict: Literal["confirmed-misquote", "acceptable-paraphrase", "translation-variant",
                     "verified-primary-source", "false-alarm"] = Field(description="What the sources show.")
    note: str = Field(description="What the sources show, in a sentence or two.", min_length=1)
    sources: list[SourceEntry] = Field(description="Evidence a reader can check; at least one.", min_length=1)
    reviewer: str = Field(description="GitHub handle of the reviewer.",
                          json_schema_extra=_schema_pattern(HANDLE_PATTERN))
    date: dt.date = Field(description="When the verdict was given (YYYY-MM-DD).")
    severity: Literal["high", "medium", "low"] | None = Field(
        None, description="Severity the reviewer sets instead of the automatic one (which stays visible).")

    @field_validator("finding")
    @classmethod
    def _finding_id(cls, value: str) -> str:
        if not _FINDING_ID.match(value):
            raise ValueError(f"{_shown(value)} is not a finding id (like altered-quote-74eba0dd62); copy it from "
                             "the story page or the report")
        return value

    @field_validator("reviewer")
    @classmethod
    def _handle(cls, value: str) -> str:
        if not _HANDLE.match(value):
            raise ValueError(f"{_shown(value)} is not a GitHub user name (letters, digits and hyphens)")
        return value

    @field_validator("note")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must say what the sources show")
        return value


class LogEntryModel(_Strict):
    """One entry of the corrections log."""

    date: dt.date = Field(description="When the correction was made (YYYY-MM-DD).")
    summary: str = Field(description="What changed, in a sentence.", min_length=1)
    type: Literal["material", "minor"] = Field(
        description="material: changes what a reader takes away; minor: a typo, a link, a clearer wording.")


class CorrectionsFile(_Strict):
    """seeds/<story>/corrections.yml: verdicts on the story's findings and its corrections log."""

    verdicts: list[VerdictEntry] = Field(default_factory=list, description="Verdicts on findings, by finding id.")
    log: list[LogEntryModel] = Field(default_factory=list, description="The corrections log, one entry per change.")


@dataclass(frozen=True)
class CitedFinding:
    """A finding id named by a verdict, valid or not (so unknown ids are reported even then)."""

    finding: str
    """The id as written."""
    line: int | None
    """Line of the ``finding:`` key."""
    field: str = "finding"
    """Where it stands in the file (``verdicts[2].finding``)."""


@dataclass(frozen=True)
class StoryCorrections:
    """What one corrections file holds, its valid entries only."""

    story: str
    """Story folder name (the story's id)."""
    path: str
    """The file as shown to contributors (``seeds/<story>/corrections.yml``)."""
    verdicts: tuple[Verdict, ...] = ()
    """Valid verdicts, in file order."""
    log: tuple[LogEntry, ...] = ()
    """Valid log entries, newest first."""
    cited: tuple[CitedFinding, ...] = ()
    """Every well-formed finding id a verdict names, valid verdict or not."""


@dataclass(frozen=True)
class CorrectionsTree:
    """The corrections files of a seeds folder."""

    stories: dict[str, StoryCorrections] = field(default_factory=dict)
    """Story folder name -> its corrections."""
    problems: tuple[Problem, ...] = ()
    """Problems with the files, in file order."""


def _shown(value: object, limit: int = 60) -> str:
    text = printable(str(value))
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def field_path(location: tuple[object, ...]) -> str:
    """``verdicts[0].sources[1].url`` for a pydantic error location."""
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(top level)"


_KNOWN_KEYS: dict[str, tuple[str, ...]] = {
    "file": tuple(CorrectionsFile.model_fields),
    "verdict": tuple(VerdictEntry.model_fields),
    "source": tuple(SourceEntry.model_fields),
    "log": tuple(LogEntryModel.model_fields),
}


def _known_keys(location: tuple[object, ...]) -> tuple[str, ...]:
    parents = [part for part in location[:-1] if isinstance(part, str)]
    if not parents:
        return _KNOWN_KEYS["file"]
    if parents[-1] == "sources":
        return _KNOWN_KEYS["source"]
    return _KNOWN_KEYS["verdict"] if parents[0] == "verdicts" else _KNOWN_KEYS["log"]


def _message(error: Mapping[str, Any]) -> str:
    location = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        name = str(location[-1])
        known = _known_keys(location)
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(known)}"
        return f"unknown key {_shown(name)} ({hint})"
    if kind == "missing":
        return "missing (required)"
    if kind == "literal_error":
        return f"{_shown(error.get('input'))} is not one of {error['ctx']['expected']}"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        return f"{_shown(error.get('input'))} is not a date (write YYYY-MM-DD)"
    if kind == "too_short" and location and location[-1] == "sources":
        return "give at least one source"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def _misspelt(errors: list[Any]) -> set[tuple[object, ...]]:
    """Locations of required keys that an unknown key next to them probably misspells."""
    meant = set()
    for item in errors:
        if item["type"] == "extra_forbidden":
            location = tuple(item["loc"])
            close = difflib.get_close_matches(str(location[-1]), _known_keys(location), n=1, cutoff=0.6)
            if close:
                meant.add(location[:-1] + (close[0],))
    return meant


def _problems_of(error: ValidationError, shown: str, source: str) -> list[Problem]:
    found = []
    errors = error.errors()
    misspelt = _misspelt(errors)
    for item in errors:
        location = tuple(item["loc"])
        if item["type"] == "missing" and location in misspelt:
            continue  # the unknown key's "did you mean" says it
        line = key_line(source, location)
        found.append(problem(shown, f"{field_path(location)}: {_message(item)}", line))
    return found


def _duplicate_keys(node: yaml.Node, shown: str) -> Iterator[Problem]:
    """YAML lets a key repeat and keeps the last value: say so instead."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                line = key.start_mark.line + 1
                if key.value in seen:
                    yield problem(shown, f"{key.value}: repeated (first on line {seen[key.value]}); "
                                         "only the last value counts", line)
                seen.setdefault(key.value, line)
            yield from _duplicate_keys(value, shown)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _duplicate_keys(item, shown)


class _TextDates(yaml.SafeLoader):
    """Safe YAML that leaves dates as text: pydantic then reads them, and a
    date that does not exist (2025-13-40) is one field's problem, not the file's."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _parse_yaml(text: str, shown: str) -> tuple[object, list[Problem]]:
    try:
        data = yaml.load(text, Loader=_TextDates)  # noqa: S506 - a SafeLoader subclass
        node = yaml.compose(text, Loader=_TextDates)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        what = getattr(error, "problem", None) or "not valid YAML"
        return None, [problem(shown, f"(file): invalid YAML: {what}", mark.line + 1 if mark else None)]
    except (RecursionError, ValueError, OverflowError) as error:
        return None, [problem(shown, f"(file): invalid YAML: {type(error).__name__}")]
    return data, list(_duplicate_keys(node, shown)) if node is not None else []


def _source(entry: SourceEntry) -> Source:
    return Source(entry.url, entry.archived, entry.retrieved.isoformat() if entry.retrieved else None,
                  entry.seed, entry.title)


def parse_corrections(text: str, shown: str, story: str,
                      seed_exists: Callable[[str], bool] = lambda path: True) -> tuple[StoryCorrections, list[Problem]]:
    """Pure: the valid entries of one corrections file's text, and a problem for each fault.

    ``seed_exists`` says whether a ``seed:`` source names a file that is there."""
    data, problems = _parse_yaml(text, shown)
    empty = StoryCorrections(story, shown)
    if data is None:
        return empty, problems
    if not isinstance(data, dict):
        problems.append(problem(shown, "(top level): must be a mapping with the keys verdicts and log", 1))
        return empty, problems
    try:
        CorrectionsFile.model_validate(data)
    except ValidationError as error:
        problems.extend(_problems_of(error, shown, text))
    verdicts, cited = _valid_verdicts(data.get("verdicts"), shown, text, seed_exists, problems)
    log = _valid_log(data.get("log"))
    return StoryCorrections(story, shown, verdicts, log, cited), problems


def _valid_verdicts(items: object, shown: str, text: str, seed_exists: Callable[[str], bool],
                    problems: list[Problem]) -> tuple[tuple[Verdict, ...], tuple[CitedFinding, ...]]:
    verdicts: list[Verdict] = []
    cited: list[CitedFinding] = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            continue
        finding = item.get("finding")
        if isinstance(finding, str) and _FINDING_ID.match(finding):
            location = ("verdicts", index, "finding")
            cited.append(CitedFinding(finding, key_line(text, location), field_path(location)))
        try:
            entry = VerdictEntry.model_validate(item)
        except ValidationError:
            continue  # reported above, from the whole file
        missing = [number for number, source in enumerate(entry.sources)
                   if source.seed is not None and not seed_exists(source.seed)]
        for number in missing:
            location = ("verdicts", index, "sources", number, "seed")
            problems.append(problem(shown, f"{field_path(location)}: no file {_shown(entry.sources[number].seed)} "
                                           "in this repository", key_line(text, location)))
        if missing:
            continue
        verdicts.append(Verdict(entry.finding, entry.verdict, entry.note.strip(),
                                tuple(_source(source) for source in entry.sources), entry.reviewer,
                                entry.date.isoformat(), entry.severity, shown,
                                key_line(text, ("verdicts", index))))
    return tuple(verdicts), tuple(cited)


def _valid_log(items: object) -> tuple[LogEntry, ...]:
    entries = []
    for item in items if isinstance(items, list) else []:
        try:
            entry = LogEntryModel.model_validate(item)
        except ValidationError:
            continue
        entries.append(LogEntry(entry.date.isoformat(), entry.summary.strip(), entry.type))
    # Newest first; entries of one day keep their file order.
    return tuple(sorted(entries, key=lambda e: e.date, reverse=True))


def read_corrections(seeds_dir: Path) -> CorrectionsTree:
    """The corrections file of every story folder under ``seeds_dir``; problems instead of exceptions."""
    root = printable(seeds_dir.name)
    stories: dict[str, StoryCorrections] = {}
    problems: list[Problem] = []
    if not seeds_dir.is_dir():
        return CorrectionsTree()
    loose = seeds_dir / CORRECTIONS_FILE
    if loose.is_file():
        problems.append(problem(f"{root}/{CORRECTIONS_FILE}", "(file): a corrections file belongs in a story "
                                "folder (seeds/<story>/corrections.yml); this one is ignored"))
    for folder in sorted(seeds_dir.iterdir(), key=lambda entry: entry.name):
        path = folder / CORRECTIONS_FILE
        if folder.name.startswith(".") or name_problem(folder.name) or not folder.is_dir() or not path.is_file():
            continue
        shown = f"{root}/{folder.name}/{CORRECTIONS_FILE}"
        collected = _Problems(fail_fast=False)
        text = _read_text(path, shown, collected, "the corrections file is ignored")
        problems.extend(collected.found)
        if text is None:
            continue
        found, file_problems = parse_corrections(text, shown, folder.name,
                                                 lambda seed: _seed_exists(seeds_dir, root, seed))
        stories[folder.name] = found
        problems.extend(file_problems)
    return CorrectionsTree(stories, tuple(problems))


def _seed_exists(seeds_dir: Path, root: str, seed: str) -> bool:
    """True when ``seed`` (``seeds/<story>/<file>``) names a file inside the seeds folder."""
    parts = PurePosixPath(seed).parts
    if len(parts) < 2 or parts[0] != root:
        return False
    target = seeds_dir.joinpath(*parts[1:])
    try:
        return target.is_file() and target.resolve().is_relative_to(seeds_dir.resolve())
    except (OSError, RuntimeError):
        return False


def corrections_schema() -> dict[str, Any]:
    """The JSON Schema of corrections.yml, generated from the models."""
    schema = CorrectionsFile.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "Verbatim corrections file", **schema}


def schema_text() -> str:
    """The schema as the committed file holds it (sorted keys, two-space indent, final newline)."""
    return json.dumps(corrections_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
