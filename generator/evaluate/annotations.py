"""The files of an evaluation corpus: ``<case>/expected.yml`` and ``floors.yml``, validated at the YAML boundary."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator.model import FindingKind

from .scoring import Annotation, CaseAnnotations, Floor, kind_rank

EXPECTED_FILE = "expected.yml"
"""Annotation file of a case folder."""

FLOORS_FILE = "floors.yml"
"""Default floors file, inside the corpus folder."""


class EvaluationError(Exception):
    """A corpus, annotation or floors file that cannot be used; the message names the file."""


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str = Field(min_length=1)
    kind: FindingKind
    text: str = Field(min_length=1)
    severity: Literal["high"] | None = None


class _Expected(BaseModel):
    model_config = ConfigDict(extra="forbid")
    evaluates: list[FindingKind] = Field(min_length=1)
    expect: list[_Entry] = []
    forbid: list[_Entry] = []
    tolerate: list[_Entry] = []
    lineages: dict[str, list[str]] = {}
    parents: dict[str, str] = {}
    languages: dict[str, str] = {}
    notes: str = ""


class _FloorPair(BaseModel):
    model_config = ConfigDict(extra="forbid")
    precision: float = Field(ge=0.0, le=1.0)
    recall: float = Field(ge=0.0, le=1.0)


class _Floors(BaseModel):
    model_config = ConfigDict(extra="forbid")
    floors: dict[FindingKind | Literal["overall", "high"], _FloorPair]


def _explained(path: Path, error: ValidationError) -> EvaluationError:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "(top)"
    return EvaluationError(f"{path}: {where}: {first['msg']}")


def _read_yaml(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise EvaluationError(f"{path}: cannot read: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise EvaluationError(f"{path}: not valid YAML: {' '.join(str(error).split())}") from None


def load_annotations(case_dir: Path) -> CaseAnnotations:
    """Read and validate ``<case_dir>/expected.yml``.

    An expect entry must name an evaluated kind, since only those are counted;
    only expect entries carry a severity (the severity a reader should see).
    """
    path = case_dir / EXPECTED_FILE
    try:
        data = _Expected.model_validate(_read_yaml(path))
    except ValidationError as error:
        raise _explained(path, error) from None
    for index, entry in enumerate(data.expect):
        if entry.kind not in data.evaluates:
            raise EvaluationError(f"{path}: expect.{index}.kind: {entry.kind!r} is not listed in evaluates")
    for listing in ("forbid", "tolerate"):
        for index, entry in enumerate(getattr(data, listing)):
            if entry.severity is not None:
                raise EvaluationError(f"{path}: {listing}.{index}.severity: only expect entries have a severity")

    def annotation(entry: _Entry) -> Annotation:
        return Annotation(entry.version, entry.kind, entry.text, entry.severity)

    return CaseAnnotations(
        case_dir.name, tuple(data.evaluates), tuple(map(annotation, data.expect)),
        tuple(map(annotation, data.forbid)), " ".join(data.notes.split()),
        tolerate=tuple(map(annotation, data.tolerate)),
        lineages={name: tuple(members) for name, members in data.lineages.items()},
        parents=dict(data.parents), languages=dict(data.languages))


def load_floors(path: Path) -> tuple[Floor, ...]:
    """Read and validate a floors file, in kind order (then ``overall``, then ``high``)."""
    try:
        data = _Floors.model_validate(_read_yaml(path))
    except ValidationError as error:
        raise _explained(path, error) from None
    floors = (Floor(kind, pair.precision, pair.recall) for kind, pair in data.floors.items())
    return tuple(sorted(floors, key=lambda f: kind_rank(f.kind)))


def case_dirs(root: Path) -> tuple[Path, ...]:
    """Case folders of a corpus (those holding ``expected.yml``), by name."""
    if not root.is_dir():
        raise EvaluationError(f"{root}: no such corpus folder")
    found = tuple(sorted((p for p in root.iterdir() if (p / EXPECTED_FILE).is_file()), key=lambda p: p.name))
    if not found:
        raise EvaluationError(f"{root}: no case folder with {EXPECTED_FILE}")
    return found

