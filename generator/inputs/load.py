"""Load stage: read the seeds tree into typed records; the only stage that reads files.

Seeds come from the public, so nothing a file holds may stop the run: a file
that cannot be used is left out and a :class:`Problem` says which file, which
line and why; every other file is still loaded.  :func:`read_seeds` collects
the problems; :func:`load_seeds` is the all-or-nothing variant that raises the
first one.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from generator.model import Problem, ProblemLevel, SeedFile, StoryMeta, VersionMeta

from .problems import BIDI_CONTROLS, SeedError, printable, problem_from
from .schema import FrontMatter, StoryConfig, explain

ARTICLE_SUFFIXES = (".txt", ".md")
STORY_CONFIG = "story.yml"

MAX_FILE_BYTES = 1_000_000
"""Largest seed file read, in bytes (about 150,000 words, twenty times a long
news feature).  A bigger file is refused without being read, so a stray data
dump cannot exhaust memory or hold up every other story."""

MAX_CONTROL_SHARE = 0.05
"""Share of control characters above which decoded text is taken for a binary file."""

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?$\n?", re.DOTALL | re.MULTILINE)
_OPENING_FENCE = re.compile(r"\A---[ \t]*\n")
_YAML_KEY_LINE = re.compile(r"^[A-Za-z_][\w-]*[ \t]*:(\s|$)")
_SKIPPED_NAMES = {"README.md", "readme.md"}
_CP1252_FALLBACK = "verbatim-cp1252-fallback"

SKIPPED = "the file is skipped"


def _decode_byte_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read one byte that is not UTF-8 as Windows-1252.

    Byte by byte, so a file that is UTF-8 but for a pasted curly quote keeps
    its UTF-8 characters intact; raises for the five bytes Windows-1252 leaves
    undefined, which no text encoding of this kind produces."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    byte = error.object[error.start:error.start + 1]
    try:
        return byte.decode("cp1252"), error.start + 1
    except UnicodeDecodeError:
        raise UnicodeDecodeError("cp1252", error.object, error.start, error.start + 1,
                                 "undefined in Windows-1252") from None


codecs.register_error(_CP1252_FALLBACK, _decode_byte_as_cp1252)


@dataclass(frozen=True)
class SeedTree:
    """Everything under ``seeds/``."""

    files: tuple[SeedFile, ...]
    """Article versions, sorted by path."""
    stories: dict[str, StoryMeta] = field(default_factory=dict)
    """story.yml of each story folder (empty facts where there is none)."""
    problems: tuple[Problem, ...] = ()
    """What was refused or read with a fallback, in the order it was met."""


class _Problems:
    """Problems met while loading; ``fail_fast`` raises the first one instead."""

    def __init__(self, fail_fast: bool) -> None:
        self.fail_fast = fail_fast
        self.found: list[Problem] = []

    def add(self, error: SeedError, consequence: str, level: ProblemLevel = "error") -> None:
        if self.fail_fast:
            raise error
        self.found.append(problem_from(error, consequence, level))


def _line_of_byte(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _decode(data: bytes, shown: str, problems: _Problems, refused: str) -> str | None:
    """Text of a file's bytes: UTF-8 (with or without a byte-order mark),
    UTF-16 with a byte-order mark, else Windows-1252 with a warning."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            problems.add(SeedError(shown, f"starts with a UTF-16 byte-order mark but is not UTF-16 "
                                          f"(byte {error.start})"), refused)
            return None
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            problems.add(SeedError(shown, f"contains a NUL byte (byte {nul}): a binary file, not text",
                                   _line_of_byte(data, nul)), refused)
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            text = _decode_windows_1252(data, error, shown, problems, refused)
            if text is None:
                return None
    if "\x00" in text or _mostly_control(text):
        problems.add(SeedError(shown, "holds control characters, not text: a binary file"), refused)
        return None
    return text


def _decode_windows_1252(data: bytes, error: UnicodeDecodeError, shown: str, problems: _Problems,
                         refused: str) -> str | None:
    line = _line_of_byte(data, error.start)
    try:
        text = data.decode("utf-8-sig", errors=_CP1252_FALLBACK)
    except UnicodeDecodeError as fatal:
        problems.add(SeedError(shown, f"not UTF-8 text (byte {fatal.start}) nor Windows-1252 (Latin-1)",
                               _line_of_byte(data, fatal.start)), f"{refused}; save it as UTF-8")
        return None
    problems.add(SeedError(shown, f"not UTF-8 text (byte {error.start})", line),
                 "read as Windows-1252 (Latin-1); save it as UTF-8 to be sure", "warning")
    return text


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
"""The control characters (Unicode category Cc is exactly U+0000-001F and U+007F-009F) but tab,
line feed, carriage return and form feed."""


def _mostly_control(text: str) -> bool:
    controls = len(_CONTROL.findall(text))
    return controls > MAX_CONTROL_SHARE * max(len(text), 1)


def _read_text(path: Path, shown: str, problems: _Problems, refused: str = SKIPPED) -> str | None:
    """A seed file's text with line ends made ``\\n``, or None (and a problem) when it cannot be used."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            data = b""
        else:
            with path.open("rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        problems.add(SeedError(shown, f"cannot be read ({error.strerror or error})"), refused)
        return None
    if size > MAX_FILE_BYTES or len(data) > MAX_FILE_BYTES:
        problems.add(SeedError(shown, f"{max(size, len(data)):,} bytes, over the limit of {MAX_FILE_BYTES:,} "
                                      "bytes per file"), refused)
        return None
    text = _decode(data, shown, problems, refused)
    if text is None:
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


_NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]")
"""What PyYAML's own reader refuses; libyaml may take it, so such text is left to PyYAML."""
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
"""libyaml's parser under PyYAML's safe constructor: the same data, ten times faster (front matter
is read for every version)."""


def _read_yaml(text: str, shown: str, line_offset: int = 0) -> object:
    if _FAST_LOADER is not None and not _NOT_PRINTABLE.search(text):
        try:
            return yaml.load(text, Loader=_FAST_LOADER)  # noqa: S506 - a safe loader
        except Exception:  # noqa: BLE001 - PyYAML's parser below says what is wrong, in its own words
            pass
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 + line_offset if mark is not None else None
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise SeedError(shown, f"invalid YAML: {problem}", line) from None
    except (RecursionError, ValueError, OverflowError) as error:
        # Nesting deep enough to exhaust the parser, or a value it cannot build.
        raise SeedError(shown, f"invalid YAML: {type(error).__name__}", line_offset or None) from None


def split_front_matter(text: str, shown: str) -> tuple[VersionMeta, str]:
    """Front matter and body of an article file; :class:`SeedError` when the
    front matter is malformed, unknown keys included."""
    match = _FRONT_MATTER.match(text)
    if not match:
        _check_unclosed_front_matter(text, shown)
        return VersionMeta(), text
    source = match.group(1)
    data = _read_yaml(source, shown, line_offset=1) or {}
    if not isinstance(data, dict):
        raise SeedError(shown, "front matter must be a mapping of keys to values", 2)
    try:
        front = FrontMatter.model_validate(data)
    except ValidationError as error:
        raise explain(shown, error, source, line_offset=1) from None
    return VersionMeta(**front.model_dump()), text[match.end():]


def _check_unclosed_front_matter(text: str, shown: str) -> None:
    """A file that opens front matter with ``---`` and a key but never closes it."""
    opening = _OPENING_FENCE.match(text)
    if not opening:
        return
    following = next((line for line in text[opening.end():].split("\n") if line.strip()), "")
    if _YAML_KEY_LINE.match(following):
        raise SeedError(shown, "front matter opened with '---' is never closed by a '---' line", 1)


def _parse_story_config(text: str, shown: str) -> StoryConfig:
    data = _read_yaml(text, shown) or {}
    if not isinstance(data, dict):
        raise SeedError(shown, "must be a mapping of keys to values")
    try:
        return StoryConfig.model_validate(data)
    except ValidationError as error:
        raise explain(shown, error, text) from None


def _article(path: Path, shown: str, folder: str | None, problems: _Problems) -> SeedFile | None:
    text = _read_text(path, shown, problems)
    if text is None:
        return None
    if not text.strip():
        problems.add(SeedError(shown, "empty, or only whitespace"), SKIPPED)
        return None
    try:
        meta, body = split_front_matter(text, shown)
    except SeedError as error:
        problems.add(error, SKIPPED)
        return None
    if not body.strip():
        problems.add(SeedError(shown, "front matter but no article text"), SKIPPED)
        return None
    return SeedFile(path.stem, shown, folder, meta, body, path.suffix == ".md")


def name_problem(name: str) -> str | None:
    """Why a file or folder name cannot become a version or story id, or None."""
    if ".." in name:
        return "'..' in a file or folder name is refused"
    if any(0xDC80 <= ord(char) <= 0xDCFF for char in name):
        return "the name is not valid UTF-8"
    if any(unicodedata.category(char) == "Cc" or char in BIDI_CONTROLS for char in name):
        return "the name holds control or text-direction characters"
    return None


@dataclass(frozen=True)
class _Listing:
    """The entries of one folder the loader looks at."""

    articles: tuple[Path, ...]
    """Article files (.txt, .md) with usable names, by name."""
    folders: tuple[Path, ...]
    """Sub-folders with usable names, by name."""
    story_config: Path | None
    """story.yml, when present."""


def _list(directory: Path, shown_dir: str, seeds_root: Path, problems: _Problems,
          names: Collection[str] | None = None) -> _Listing:
    """The usable entries of ``directory``; with ``names``, only those of them
    that exist (a worker reading 8 folders of 2,000 must not list all 2,000)."""
    articles, folders, config = [], [], None
    try:
        if names is None:
            entries = sorted(directory.iterdir(), key=lambda entry: entry.name)
        else:
            entries = [directory / name for name in sorted(names)
                       if "/" not in name and os.sep not in name and os.path.lexists(directory / name)]
    except OSError as error:
        problems.add(SeedError(shown_dir, f"cannot be listed ({error.strerror or error})"),
                     "nothing in it is loaded")
        return _Listing((), (), None)
    for path in entries:
        name = path.name
        if name.startswith(".") or name in _SKIPPED_NAMES:
            continue
        shown = f"{shown_dir}/{name}"
        if path.is_symlink() and not _link_stays_inside(path, shown, seeds_root, problems):
            continue
        if path.is_dir():
            wanted = folders
        elif path.is_file() and path.suffix in ARTICLE_SUFFIXES:
            wanted = articles
        elif path.is_file() and name == STORY_CONFIG:
            config = path
            continue
        else:
            continue
        reason = name_problem(name)
        if reason:
            problems.add(SeedError(shown, reason), "it is skipped")
            continue
        wanted.append(path)
    return _Listing(tuple(articles), tuple(folders), config)


def _link_stays_inside(path: Path, shown: str, seeds_root: Path, problems: _Problems) -> bool:
    """True for a symbolic link to an existing place inside the seeds folder."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        problems.add(SeedError(shown, "a symbolic link that leads nowhere (broken, or a loop)"), "it is skipped")
        return False
    if not target.is_relative_to(seeds_root):
        problems.add(SeedError(shown, "a symbolic link to a place outside the seeds folder"), "it is not followed")
        return False
    return True


def _articles(listing: _Listing, shown_dir: str, folder: str | None, excluded: set[str],
              problems: _Problems) -> list[SeedFile]:
    found: dict[str, SeedFile] = {}
    for path in listing.articles:
        if path.stem in excluded:
            continue
        seed = _article(path, f"{shown_dir}/{path.name}", folder, problems)
        if seed is None:
            continue
        if seed.version_id in found:
            problems.add(SeedError(seed.path, f"version id {seed.version_id!r} is used twice in this folder"),
                         f"kept {found[seed.version_id].path}, skipped this file")
            continue
        found[seed.version_id] = seed
    return list(found.values())


def _story_config(listing: _Listing, shown_dir: str, problems: _Problems) -> StoryConfig:
    if listing.story_config is None:
        return StoryConfig()
    shown = f"{shown_dir}/{STORY_CONFIG}"
    consequence = f"{STORY_CONFIG} is ignored and the story built without it"
    text = _read_text(listing.story_config, shown, problems, consequence)
    if text is None:
        return StoryConfig()
    try:
        return _parse_story_config(text, shown)
    except SeedError as error:
        problems.add(error, consequence)
        return StoryConfig()


def _checked_names(config: StoryConfig, loaded: set[str], listed: set[str], shown: str,
                   problems: _Problems) -> StoryConfig:
    """The config without references to versions that are not there."""
    references = []
    for name in config.references:
        if name in loaded:
            references.append(name)
            continue
        if name in listed:
            message = f"references: version {name!r} could not be loaded (see its own problem)"
        else:
            message = f"references: no version {name!r} in this folder"
        consequence = ("the other references are used" if any(n in loaded for n in config.references)
                       else "the generator chooses the reference itself")
        problems.add(SeedError(shown, message), consequence)
    for name in config.exclude:
        if name not in listed:
            problems.add(SeedError(shown, f"exclude: no version {name!r} in this folder"),
                         "nothing to exclude", "warning")
    return config.model_copy(update={"references": references})


def read_seeds(seeds_dir: Path, folders: Collection[str] | None = None,
               loose: Collection[str] | None = None) -> SeedTree:
    """Every story folder and loose article file under ``seeds_dir``; files
    that cannot be used are left out and described in ``problems``.

    With ``folders``, only those story folders are read, and no loose file
    (for working on a few stories at a time; the other entries of
    ``seeds_dir`` are not even listed); with ``loose`` (names of loose files,
    as :func:`list_seeds` gives them), those loose files too.  Files whose
    names differ only in their extension must be read together: their ids
    clash.  Raises :class:`SeedError` only when ``seeds_dir`` is not a folder."""
    if folders is None and loose is None:
        return _load(seeds_dir, fail_fast=False)
    return _load(seeds_dir, fail_fast=False, only=set(folders or ()), loose=set(loose or ()))


@dataclass(frozen=True)
class SeedsListing:
    """The top level of a seeds folder, listed without reading any file."""

    root: str
    """The seeds folder's name as paths show it."""
    folders: tuple[str, ...]
    """Story folder names that :func:`read_seeds` reads, by name."""
    loose: tuple[str, ...]
    """Names of the loose article files, by name."""
    problems: tuple[Problem, ...]
    """Problems with the top-level entries (refused names, links leading outside)."""


def list_seeds(seeds_dir: Path) -> SeedsListing:
    """The story folders and loose files of ``seeds_dir``; raises
    :class:`SeedError` when it is not a folder."""
    if not seeds_dir.is_dir():
        raise SeedError(str(seeds_dir), "no such folder")
    problems = _Problems(fail_fast=False)
    root = printable(seeds_dir.name)
    top = _list(seeds_dir, root, seeds_dir.resolve(), problems)
    return SeedsListing(root, tuple(path.name for path in top.folders), tuple(path.name for path in top.articles),
                        tuple(problems.found))


def load_seeds(seeds_dir: Path) -> SeedTree:
    """Like :func:`read_seeds`, but raise :class:`SeedError` at the first problem, warnings included."""
    return _load(seeds_dir, fail_fast=True)


def _load(seeds_dir: Path, fail_fast: bool, only: Collection[str] | None = None,
          loose: Collection[str] = ()) -> SeedTree:
    if not seeds_dir.is_dir():
        raise SeedError(str(seeds_dir), "no such folder")
    problems = _Problems(fail_fast)
    seeds_root = seeds_dir.resolve()
    root = printable(seeds_dir.name)
    top = _list(seeds_dir, root, seeds_root, problems, None if only is None else {*only, *loose})
    files = _articles(top, root, None, set(), problems) if only is None or loose else []
    stories: dict[str, StoryMeta] = {}
    for folder in top.folders:
        if only is not None and folder.name not in only:
            continue
        shown_dir = f"{root}/{folder.name}"
        listing = _list(folder, shown_dir, seeds_root, problems)
        config = _story_config(listing, shown_dir, problems)
        articles = _articles(listing, shown_dir, folder.name, set(config.exclude), problems)
        listed = {path.stem for path in listing.articles}
        checked = _checked_names(config, {a.version_id for a in articles}, listed,
                                 f"{shown_dir}/{STORY_CONFIG}", problems)
        stories[folder.name] = StoryMeta(checked.title, tuple(checked.references), tuple(checked.exclude),
                                         checked.notes)
        if not listing.articles:
            problems.add(SeedError(shown_dir, "no .txt or .md article in this story folder"),
                         "no story is built from it", "warning")
        files.extend(articles)
    return SeedTree(tuple(sorted(files, key=lambda f: f.path)), stories, tuple(problems.found))
