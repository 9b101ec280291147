"""Load stage: read the seeds tree into typed records; the only stage that reads files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from .model import VersionMeta
from .schema import FrontMatter, SeedError, StoryConfig, explain

ARTICLE_SUFFIXES = (".txt", ".md")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?$\n?", re.DOTALL | re.MULTILINE)
_SKIPPED_NAMES = {"README.md", "readme.md"}


@dataclass(frozen=True)
class SeedFile:
    """One article version as read from disk."""

    version_id: str
    """File name without extension."""
    path: str
    """Path shown to readers and contributors, starting with the seeds folder's name."""
    folder: str | None
    """Story folder name; None for a loose file."""
    meta: VersionMeta
    """Front matter, validated."""
    body: str
    """The text after the front matter."""
    markdown: bool
    """True for ``.md`` files."""


@dataclass(frozen=True)
class SeedTree:
    """Everything under ``seeds/``."""

    files: tuple[SeedFile, ...]
    """Article versions, sorted by path."""
    stories: dict[str, StoryConfig] = field(default_factory=dict)
    """story.yml of each story folder (an empty config where there is none)."""


def _read_text(path: Path, shown: str) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SeedError(shown, f"not UTF-8 text (byte {error.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_yaml(text: str, shown: str, line_offset: int = 0) -> object:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 + line_offset if mark is not None else None
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise SeedError(shown, f"invalid YAML: {problem}", line) from None


def split_front_matter(text: str, shown: str) -> tuple[VersionMeta, str]:
    """Front matter and body of an article file."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return VersionMeta(), text
    data = _read_yaml(match.group(1), shown, line_offset=1) or {}
    if not isinstance(data, dict):
        raise SeedError(shown, "front matter must be a mapping of keys to values", 2)
    try:
        front = FrontMatter.model_validate(data)
    except ValidationError as error:
        raise explain(shown, error) from None
    return VersionMeta(**front.model_dump()), text[match.end():]


def _load_story_config(path: Path, shown: str) -> StoryConfig:
    data = _read_yaml(_read_text(path, shown), shown) or {}
    if not isinstance(data, dict):
        raise SeedError(shown, "must be a mapping of keys to values")
    try:
        return StoryConfig.model_validate(data)
    except ValidationError as error:
        raise explain(shown, error) from None


def _article(path: Path, shown: str, folder: str | None) -> SeedFile:
    meta, body = split_front_matter(_read_text(path, shown), shown)
    return SeedFile(path.stem, shown, folder, meta, body, path.suffix == ".md")


def _articles_in(directory: Path, prefix: str, folder: str | None) -> list[SeedFile]:
    found: dict[str, SeedFile] = {}
    for path in sorted(directory.iterdir()):
        if path.name.startswith(".") or path.name in _SKIPPED_NAMES or not path.is_file():
            continue
        if path.suffix not in ARTICLE_SUFFIXES:
            continue
        seed = _article(path, f"{prefix}/{path.name}", folder)
        if seed.version_id in found:
            raise SeedError(seed.path, f"version id {seed.version_id!r} is used twice in this folder")
        found[seed.version_id] = seed
    return list(found.values())


def load_seeds(seeds_dir: Path) -> SeedTree:
    """Read every story folder and loose article file under ``seeds_dir``."""
    if not seeds_dir.is_dir():
        raise SeedError(str(seeds_dir), "no such folder")
    root = seeds_dir.name
    files = _articles_in(seeds_dir, root, None)
    stories: dict[str, StoryConfig] = {}
    for folder in sorted(p for p in seeds_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
        prefix = f"{root}/{folder.name}"
        config_path = folder / "story.yml"
        stories[folder.name] = (
            _load_story_config(config_path, f"{prefix}/story.yml") if config_path.is_file() else StoryConfig()
        )
        articles = [a for a in _articles_in(folder, prefix, folder.name)
                    if a.version_id not in stories[folder.name].exclude]
        for name in stories[folder.name].references:
            if name not in {a.version_id for a in articles}:
                raise SeedError(f"{prefix}/story.yml", f"references: no version {name!r} in this folder")
        files.extend(articles)
    return SeedTree(tuple(sorted(files, key=lambda f: f.path)), stories)
