"""build_site and prepare_out_dir on small throwaway projects."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site.mkdocs import OUT_MARKER, OutDirError, SiteBuildError, build_site, prepare_out_dir
from generator.site.write import write_generated


def make_project(folder: Path, index: str = "# Home\n") -> Path:
    """A minimal MkDocs project with a strict link check."""
    (folder / "docs").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(
        "site_name: Test\nvalidation:\n  unrecognized_links: warn\n", encoding="utf-8"
    )
    (folder / "docs" / "index.md").write_text(index, encoding="utf-8")
    return folder


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_build_site_builds_into_the_site_folder(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    build_site(project)
    assert (project / "site" / "index.html").is_file()


def test_build_site_honours_a_site_dir(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    build_site(project, site_dir=tmp_path / "elsewhere")
    assert (tmp_path / "elsewhere" / "index.html").is_file()
    assert not (project / "site").exists()


def test_build_site_reports_the_first_warning_in_strict_mode(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", "# Home\n\n[broken](missing-page.md)\n")
    with pytest.raises(SiteBuildError) as failure:
        build_site(project)
    message = str(failure.value)
    assert message.startswith("mkdocs build failed")
    assert "WARNING" in message and "missing-page.md" in message
    build_site(project, strict=False)
    assert (project / "site" / "index.html").is_file()


def test_build_site_needs_a_configuration(tmp_path: Path) -> None:
    with pytest.raises(SiteBuildError, match="no MkDocs configuration"):
        build_site(tmp_path)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with hand-written docs, an override, and generated pages."""
    project = make_project(tmp_path / "repo")
    (project / "docs" / "methodology.md").write_text("# Method\n", encoding="utf-8")
    (project / "docs" / "stylesheets").mkdir()
    (project / "docs" / "stylesheets" / "verbatim.css").write_text("p {}\n", encoding="utf-8")
    (project / "overrides").mkdir()
    (project / "overrides" / "main.html").write_text("{% extends 'base.html' %}\n", encoding="utf-8")
    write_generated({"stories/index.md": "# Stories\n"}, project / "docs")
    return project


def test_prepare_out_dir_copies_everything_but_the_generated_pages(repo: Path, tmp_path: Path) -> None:
    before = files_under(repo)
    out = prepare_out_dir(repo, tmp_path / "out")
    assert out == tmp_path / "out"
    copied = files_under(out)
    assert copied.pop(OUT_MARKER)
    assert copied == {
        "mkdocs.yml": before["mkdocs.yml"],
        "docs/index.md": before["docs/index.md"],
        "docs/methodology.md": before["docs/methodology.md"],
        "docs/stylesheets/verbatim.css": before["docs/stylesheets/verbatim.css"],
        "overrides/main.html": before["overrides/main.html"],
    }
    assert files_under(repo) == before


def test_prepare_out_dir_refreshes_an_earlier_output(repo: Path, tmp_path: Path) -> None:
    out = prepare_out_dir(repo, tmp_path / "out")
    write_generated({"stories/index.md": "# Stories\n"}, out / "docs")
    (repo / "docs" / "methodology.md").unlink()
    prepare_out_dir(repo, out)
    assert not (out / "docs" / "methodology.md").exists()
    assert (out / "docs" / "stories" / "index.md").is_file()


def test_prepared_out_dir_builds(repo: Path, tmp_path: Path) -> None:
    out = prepare_out_dir(repo, tmp_path / "out")
    write_generated({"stories/index.md": "# Stories\n"}, out / "docs")
    build_site(out, strict=False)
    assert (out / "site" / "stories" / "index.html").is_file()
    assert (out / "site" / "methodology" / "index.html").is_file()


def test_prepare_out_dir_refuses_a_foreign_non_empty_folder(repo: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "foreign"
    (foreign / "docs").mkdir(parents=True)
    (foreign / "docs" / "thesis.md").write_text("mine\n", encoding="utf-8")
    with pytest.raises(OutDirError, match="not empty"):
        prepare_out_dir(repo, foreign)
    assert files_under(foreign) == {"docs/thesis.md": b"mine\n"}


@pytest.mark.parametrize("inside", [".", "docs", "docs/stories", "overrides", "site"])
def test_prepare_out_dir_refuses_to_overlap_the_repository(repo: Path, inside: str) -> None:
    before = files_under(repo)
    with pytest.raises(OutDirError):
        prepare_out_dir(repo, repo / inside)
    assert files_under(repo) == before


def test_prepare_out_dir_refuses_a_parent_of_the_repository(repo: Path) -> None:
    with pytest.raises(OutDirError):
        prepare_out_dir(repo, repo.parent)
