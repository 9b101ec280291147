"""A real HTTP server on 127.0.0.1 for the import tests: pages, redirects, errors,
slow and oversized answers, and a web archive, so no test ever leaves the machine.

Each test adds the answers it needs (:meth:`LocalWeb.page`, :meth:`LocalWeb.redirect`...)
and reads back the requests the server received.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"

ARCHIVE_PATH = "/web/"
"""Where the server answers like the Wayback Machine."""


@dataclass
class Answer:
    """How the server answers one path."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering at all."""
    drip: float = 0.0
    """When set, the body is sent one byte at a time, this many seconds apart."""
    stream: int = 0
    """When set, this many bytes are sent with no Content-Length, the connection closed to end them."""


class LocalWeb:
    """The answers of a local HTTP server, by path (query included)."""

    def __init__(self) -> None:
        self.answers: dict[str, Answer] = {}
        self.requests: list[str] = []
        self.server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def page(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8", status: int = 200,
             **options: object) -> str:
        """Serve ``body`` at ``path``; the page's address."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        headers = {"Content-Type": content_type} if content_type else {}
        headers.update(options.pop("headers", {}))  # type: ignore[arg-type]
        self.answers[path] = Answer(status, data, headers, **options)  # type: ignore[arg-type]
        return self.url(path)

    def fixture(self, path: str, name: str, **options: object) -> str:
        """Serve the fixture page ``tests/fixtures/import/<name>`` at ``path``."""
        return self.page(path, (FIXTURES / name).read_bytes(), **options)

    def gzipped(self, path: str, body: bytes) -> str:
        return self.page(path, gzip.compress(body, mtime=0), headers={"Content-Encoding": "gzip"})

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        self.answers[path] = Answer(status, b"", {"Location": to})
        return self.url(path)

    def archive(self, stamp: str, original: str, raw: bytes, shown: bytes) -> str:
        """Keep a capture as an archive does: the bytes as captured at ``<stamp>id_``,
        the page with the archive's toolbar at ``<stamp>``; the capture's address."""
        self.page(f"{ARCHIVE_PATH}{stamp}id_/{original}", raw)
        return self.page(f"{ARCHIVE_PATH}{stamp}/{original}", shown)


def _handler(web: LocalWeb) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            web.requests.append(self.path)
            answer = web.answers.get(self.path)
            if answer is None:
                self.send_error(404, "Not Found")
                return
            if answer.delay:
                time.sleep(answer.delay)
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            if answer.stream:
                self.end_headers()
                self._stream(answer.stream)
                return
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            if answer.drip:
                for index in range(len(answer.body)):
                    self.wfile.write(answer.body[index:index + 1])
                    self.wfile.flush()
                    time.sleep(answer.drip)
            else:
                self.wfile.write(answer.body)

        def _stream(self, size: int) -> None:
            block = b"<p>" + b"word " * 1000 + b"</p>\n"
            sent = 0
            while sent < size:
                self.wfile.write(block)
                sent += len(block)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # quiet: pytest shows what matters

        def handle(self) -> None:
            try:
                super().handle()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the importer hung up, as it should on a page too large or too slow

    return Handler


def serve() -> Iterator[LocalWeb]:
    """A running server and its answers; stopped after the test."""
    web = LocalWeb()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(web))
    server.daemon_threads = True
    server.block_on_close = False  # a handler still sleeping must not hold the test up
    web.server = server
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield web
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
