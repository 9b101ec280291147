"""Where the site's source lives on GitHub: links to edit a file and to open an issue form.

The address is a setting of ``mkdocs.yml`` (``extra.repository``, usually
``!ENV [VERBATIM_REPOSITORY, https://github.com/OWNER/REPO]``), read here by
the generator for the links it writes into pages and by the theme templates
for the "Edit this page" button, so both always agree.  No ``repo_url``: the
theme would make every reader's browser call the GitHub API.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import yaml

REPOSITORY_PATTERN = re.compile(r"^https://[A-Za-z0-9.-]+(?::[0-9]+)?/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
"""``https://github.com/OWNER/REPO`` (or a GitHub Enterprise host): nothing that could break out of a link."""

BRANCH_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$")
"""A branch name safe in a URL path."""

CORRECTION_FORM = "request-correction.yml"
"""The issue form a "Suggest a correction" link opens (``.github/ISSUE_TEMPLATE/``)."""


@dataclass(frozen=True)
class Repository:
    """The GitHub repository contributors send changes to."""

    url: str
    """``https://github.com/OWNER/REPO``, no trailing slash."""
    branch: str = "main"
    """The branch the site is published from; edit links open files on it."""

    def edit_url(self, path: str) -> str:
        """GitHub's editor for ``path`` (relative to the repository root)."""
        return f"{self.url}/edit/{quote(self.branch)}/{quote(path)}"

    def issue_url(self, fields: Mapping[str, str], form: str = CORRECTION_FORM) -> str:
        """A new issue from ``form``, its fields filled in (GitHub reads them from the query)."""
        query = urlencode({"template": form, **dict(sorted(fields.items()))}, quote_via=quote)
        return f"{self.url}/issues/new?{query}"


class _EnvLoader(yaml.SafeLoader):
    """Safe YAML that reads MkDocs' ``!ENV`` tag and ignores every other tag (``!!python/name:``...)."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = [str(v) for v in values[:-1]], values[-1] if len(values) > 1 else None
    for name in names:
        if os.environ.get(str(name)):
            return os.environ[str(name)]
    return default


def _other_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_EnvLoader.add_constructor("!ENV", _env)
_EnvLoader.add_multi_constructor("", _other_tag)


def repository_from_config(config: Mapping[str, object]) -> Repository | None:
    """The repository named by a loaded mkdocs.yml, or None when unset or not a plain https address."""
    extra = config.get("extra")
    if not isinstance(extra, Mapping):
        return None
    url = extra.get("repository")
    branch = extra.get("repository_branch") or "main"
    if not isinstance(url, str) or not REPOSITORY_PATTERN.match(url.rstrip("/")):
        return None
    if not isinstance(branch, str) or not BRANCH_PATTERN.match(branch) or ".." in branch:
        return None
    return Repository(url.rstrip("/"), branch)


def read_repository(config_path: Path) -> Repository | None:
    """The repository of ``mkdocs.yml`` at ``config_path``; None when the file or the setting is missing."""
    try:
        config = yaml.load(config_path.read_text(encoding="utf-8"), Loader=_EnvLoader)  # noqa: S506 - safe subclass
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return repository_from_config(config) if isinstance(config, Mapping) else None
