"""Browser test set-up: the seed site, a hostile site and the site of an invented
story in twenty versions, each built once per session and served over HTTP on
127.0.0.1, and the system Chromium driven by Playwright (never a downloaded
browser: ``playwright install`` is not used)."""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hostile_seeds import write_hostile_seeds

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
import twenty_versions  # noqa: E402 - the story lives with the other fixtures

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
LOCAL_HOST = "127.0.0.1"

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (make test installs it)"
)


def build_site(seeds: Path, out: Path) -> Path:
    """``python -m generator build --seeds <seeds> --out <out>``; the built site folder."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        """Keep the test output clean."""


@dataclass
class Served:
    """A built site served over HTTP on 127.0.0.1."""

    root: Path
    """The site folder."""
    base: str
    """``http://127.0.0.1:<port>/``."""

    def url(self, path: str = "") -> str:
        """Absolute URL of a site path ("stories/x/")."""
        return self.base + path.lstrip("/")


def _serve(root: Path) -> Iterator[Served]:
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(root, f"http://{LOCAL_HOST}:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The repository's seeds, built and served."""
    site = build_site(ROOT / "seeds", tmp_path_factory.mktemp("seed-site") / "out")
    yield from _serve(site)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A seeds tree full of hostile strings, built and served."""
    seeds = write_hostile_seeds(tmp_path_factory.mktemp("hostile-seeds") / "seeds")
    site = build_site(seeds, tmp_path_factory.mktemp("hostile-site") / "out")
    yield from _serve(site)


@pytest.fixture(scope="session")
def twenty_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The invented story of twenty versions in three lineages (tests/fixtures/twenty_versions.py), built and served."""
    seeds = twenty_versions.write_story(tmp_path_factory.mktemp("twenty-seeds") / "seeds")
    site = build_site(seeds, tmp_path_factory.mktemp("twenty-site") / "out")
    yield from _serve(site)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """The system Chromium, headless."""
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is missing (make test installs the Debian package chromium)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Watch:
    """What a page did while a test drove it."""

    requests: list[str] = field(default_factory=list)
    """Every URL the page requested."""
    dialogs: list[str] = field(default_factory=list)
    """Messages of dialogs (alert, confirm, prompt) it opened; each was dismissed."""
    errors: list[str] = field(default_factory=list)
    """Console errors and uncaught exceptions."""

    def foreign_requests(self) -> list[str]:
        """Requests to any host but 127.0.0.1."""
        return [url for url in self.requests if urlsplit(url).hostname != LOCAL_HOST]


def open_page(browser: object, watch: Watch, width: int = 1280, height: int = 900) -> object:
    """A new page in a fresh context, every request, dialog and error recorded in ``watch``."""
    context = browser.new_context(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    page = context.new_page()
    page.on("request", lambda request: watch.requests.append(request.url))
    page.on("dialog", lambda dialog: (watch.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: message.type == "error" and watch.errors.append(message.text))
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    return page


@pytest.fixture
def watch() -> Iterator[Watch]:
    """A record of what the test's pages did; no page may reach another host."""
    record = Watch()
    yield record
    assert record.foreign_requests() == []


@pytest.fixture
def page(browser: object, watch: Watch) -> Iterator[object]:
    """A desktop-sized page."""
    opened = open_page(browser, watch)
    yield opened
    opened.context.close()
