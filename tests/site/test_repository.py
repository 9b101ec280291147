"""The repository setting of mkdocs.yml: read the way MkDocs reads it, links built from it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.site.repository import CORRECTION_FORM, Repository, read_repository, repository_from_config

ROOT = Path(__file__).resolve().parents[2]


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_repositorys_mkdocs_yml_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERBATIM_REPOSITORY", "https://github.com/acme/verbatim")
    assert read_repository(ROOT / "mkdocs.yml") == Repository("https://github.com/acme/verbatim", "main")
    monkeypatch.delenv("VERBATIM_REPOSITORY")
    assert read_repository(ROOT / "mkdocs.yml") == Repository("https://github.com/OWNER/REPO", "main")


def test_other_tags_do_not_stop_the_reading(tmp_path: Path) -> None:
    text = ("markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
            "extra:\n  repository: https://github.com/a/b/\n  repository_branch: gh-pages\n")
    assert read_repository(_config(tmp_path, text)) == Repository("https://github.com/a/b", "gh-pages")


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "http://github.com/a/b", "https://github.com/a", "https://github.com/a/b/c",
    "https://github.com/a/b)", "https://github.com/a/b?x=1", None, 42,
])
def test_anything_but_a_plain_https_repository_gives_no_links(url: object) -> None:
    assert repository_from_config({"extra": {"repository": url}}) is None


def test_a_missing_file_or_setting_gives_no_links(tmp_path: Path) -> None:
    assert read_repository(tmp_path / "absent.yml") is None
    assert read_repository(_config(tmp_path, "site_name: x\n")) is None
    assert read_repository(_config(tmp_path, "extra: [1\n")) is None


def test_issue_links_name_the_form_and_fill_its_fields() -> None:
    url = Repository("https://github.com/a/b").issue_url({"finding": "altered-quote-74eba0dd62", "title": "A & B #1"})
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/a/b/issues/new")
    assert parse_qs(parts.query) == {"template": [CORRECTION_FORM], "finding": ["altered-quote-74eba0dd62"],
                                     "title": ["A & B #1"]}
    assert " " not in url and "#" not in url


def test_edit_links_open_the_file_on_the_branch() -> None:
    repository = Repository("https://github.com/a/b", "main")
    assert repository.edit_url("seeds/x y/corrections.yml") == (
        "https://github.com/a/b/edit/main/seeds/x%20y/corrections.yml")
