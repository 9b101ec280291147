"""Load stage and the YAML boundary: seeds tree, front matter, story.yml, and errors that name the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from stage_helpers import write_tree

from generator.inputs.load import list_seeds, load_seeds, read_seeds, split_front_matter
from generator.inputs.problems import SeedError
from generator.inputs.schema import FrontMatter, StoryConfig
from generator.model import StoryMeta, VersionMeta

BODY = "The harbour board said fares would rise by a third.\n"


def _error(tmp_path: Path, files: dict[str, str | bytes]) -> SeedError:
    with pytest.raises(SeedError) as caught:
        load_seeds(write_tree(tmp_path, files))
    return caught.value


def test_a_tree_read_in_parts_is_the_tree_read_whole(tmp_path: Path) -> None:
    seeds = write_tree(tmp_path, {
        "ferry/original.txt": BODY, "ferry/story.yml": "title: Ferry fares\n", "bakery/one.txt": BODY,
        "a.txt": BODY, "b.txt": BODY, "b.md": BODY, "empty.txt": " \n", "broken.txt": b"\x81\n"})
    whole = read_seeds(seeds)
    listing = list_seeds(seeds)
    parts = [read_seeds(seeds, loose=["a.txt", "b.md", "b.txt"]), read_seeds(seeds, loose=["broken.txt", "empty.txt"]),
             read_seeds(seeds, folders=["ferry"]), read_seeds(seeds, folders=["bakery"], loose=[])]
    assert [f for part in parts for f in part.files] != [] and \
        sorted((f for part in parts for f in part.files), key=lambda f: f.path) == list(whole.files)
    assert {k: v for part in parts for k, v in part.stories.items()} == whole.stories
    assert set(listing.problems) | {p for part in parts for p in part.problems} == set(whole.problems)
    assert parts[2].files[0].folder == "ferry" and not parts[0].stories


def test_tree_with_folders_loose_files_and_front_matter(tmp_path: Path) -> None:
    seeds = write_tree(tmp_path, {
        "ferry/original.txt": "---\ntitle: Fares to rise\noutlet: The Gullrock Gazette\npublished: 2025-03-04\n"
                              "kind: original\nreference: true\n---\n" + BODY,
        "ferry/copy.md": BODY,
        "ferry/story.yml": "title: Ferry fares\nnotes: Two copies.\n",
        "ferry/README.md": "Not an article.\n",
        "ferry/.draft.txt": "Hidden.\n",
        "ferry/photo.jpg": "not text",
        "loose.txt": BODY,
    })
    tree = load_seeds(seeds)
    assert [(f.path, f.version_id, f.folder, f.markdown) for f in tree.files] == [
        ("seeds/ferry/copy.md", "copy", "ferry", True),
        ("seeds/ferry/original.txt", "original", "ferry", False),
        ("seeds/loose.txt", "loose", None, False),
    ]
    original = tree.files[1]
    assert original.meta == VersionMeta(title="Fares to rise", outlet="The Gullrock Gazette", published="2025-03-04",
                                        kind="original", reference=True)
    assert original.body == BODY
    assert tree.stories == {"ferry": StoryMeta(title="Ferry fares", notes="Two copies.")}


def test_folder_without_story_yml_gets_an_empty_config(tmp_path: Path) -> None:
    tree = load_seeds(write_tree(tmp_path, {"ferry/a.txt": BODY}))
    assert tree.stories == {"ferry": StoryMeta()}


def test_excluded_versions_are_not_loaded(tmp_path: Path) -> None:
    tree = load_seeds(write_tree(tmp_path, {
        "ferry/a.txt": BODY, "ferry/b.txt": BODY, "ferry/story.yml": "exclude: [b]\n"}))
    assert [f.version_id for f in tree.files] == ["a"]


def test_byte_order_mark_and_windows_line_endings(tmp_path: Path) -> None:
    tree = load_seeds(write_tree(tmp_path, {"a.txt": "\ufeff---\r\ntitle: T\r\n---\r\nOne.\r\nTwo.\rThree.\r\n"}))
    assert tree.files[0].meta.title == "T"
    assert tree.files[0].body == "One.\nTwo.\nThree.\n"


def test_unknown_front_matter_key(tmp_path: Path) -> None:
    error = _error(tmp_path, {"ferry/a.txt": "---\ntitle: T\nheadline: H\n---\n" + BODY})
    assert str(error) == "seeds/ferry/a.txt:3: headline: unknown key"
    assert error.path == "seeds/ferry/a.txt"


def test_the_front_matter_import_writes_is_read(tmp_path: Path) -> None:
    digest = "0123456789abcdef" * 4
    archived = "https://web.archive.org/web/20250306101500/https://gullrock-gazette.example/fares"
    tree = load_seeds(write_tree(tmp_path, {"ferry/a.txt": f"---\nurl: https://gullrock-gazette.example/fares\n"
                                                          f"archived: {archived}\nsha256: {digest}\n---\n" + BODY}))
    meta = tree.files[0].meta
    assert (meta.url, meta.archived, meta.sha256) == ("https://gullrock-gazette.example/fares", archived, digest)


def test_bad_front_matter_yaml_gives_the_file_line(tmp_path: Path) -> None:
    error = _error(tmp_path, {"ferry/a.txt": "---\ntitle: T\n\n\noutlet: a: b\n---\n" + BODY})
    assert error.line == 5
    assert str(error).startswith("seeds/ferry/a.txt:5: invalid YAML: ")


def test_front_matter_that_is_not_a_mapping(tmp_path: Path) -> None:
    error = _error(tmp_path, {"a.txt": "---\n- title\n---\n" + BODY})
    assert str(error) == "seeds/a.txt:2: front matter must be a mapping of keys to values"


@pytest.mark.parametrize(("front", "message"), [
    ("kind: blog", "kind: Input should be"),
    ("url: ftp://example.org/x", "url: Value error, must be an http(s) address"),
    ("title: 5", "title: Input should be a valid string"),
    ("reference: maybe", "reference: Input should be a valid boolean"),
    ("archived: web.archive.org/web/2025/x", "archived: Value error, must be an http(s) address"),
    ("sha256: abc123", "sha256: Value error, must be 64 hexadecimal digits"),
])
def test_invalid_front_matter_values_name_the_field(tmp_path: Path, front: str, message: str) -> None:
    error = _error(tmp_path, {"a.txt": f"---\n{front}\n---\n" + BODY})
    assert str(error).startswith(f"seeds/a.txt:2: {message}")


def test_non_utf8_bytes_name_the_file(tmp_path: Path) -> None:
    error = _error(tmp_path, {"ferry/a.txt": b"Caf\xe9 owner said \x93hello\x94.\n"})
    assert error.path == "seeds/ferry/a.txt"
    assert "not UTF-8" in str(error) and str(error).startswith("seeds/ferry/a.txt")


def test_duplicate_version_ids_in_a_folder(tmp_path: Path) -> None:
    error = _error(tmp_path, {"ferry/a.txt": BODY, "ferry/a.md": BODY})
    assert str(error) == "seeds/ferry/a.txt: version id 'a' is used twice in this folder"


def test_story_yml_unknown_key(tmp_path: Path) -> None:
    error = _error(tmp_path, {"ferry/a.txt": BODY, "ferry/story.yml": "reference: [a]\n"})
    assert str(error) == "seeds/ferry/story.yml:1: reference: unknown key"


def test_story_yml_bad_yaml_line(tmp_path: Path) -> None:
    error = _error(tmp_path, {"ferry/a.txt": BODY, "ferry/story.yml": "title: T\nnotes: a: b\n"})
    assert str(error).startswith("seeds/ferry/story.yml:2: invalid YAML")


def test_story_yml_not_a_mapping(tmp_path: Path) -> None:
    error = _error(tmp_path, {"ferry/a.txt": BODY, "ferry/story.yml": "- a\n"})
    assert str(error) == "seeds/ferry/story.yml: must be a mapping of keys to values"


def test_story_yml_reference_to_a_missing_version(tmp_path: Path) -> None:
    error = _error(tmp_path, {"ferry/a.txt": BODY, "ferry/story.yml": "references: [a, gone]\n"})
    assert str(error) == "seeds/ferry/story.yml: references: no version 'gone' in this folder"


def test_missing_seeds_folder(tmp_path: Path) -> None:
    with pytest.raises(SeedError, match="no such folder"):
        load_seeds(tmp_path / "nowhere")


def test_split_front_matter_without_front_matter() -> None:
    assert split_front_matter("---not front matter\nBody", "x.txt") == (VersionMeta(), "---not front matter\nBody")


def test_schemas_refuse_unknown_keys() -> None:
    assert FrontMatter.model_config["extra"] == "forbid"
    assert StoryConfig.model_config["extra"] == "forbid"
    assert set(FrontMatter.model_fields) == set(VersionMeta.__dataclass_fields__)
