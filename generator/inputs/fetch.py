"""Read one web page over http(s), within limits: the generator's only use of the network.

Only the ``import`` command calls it.  Every way a download can go wrong
becomes a :class:`FetchError` whose message fits on one line after the
address ("the server answered HTTP 404 Not Found", "timed out after 30 s"),
so one bad address never stops the others.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

WEB_SCHEMES = ("http", "https")

HTML_TYPES = ("text/html", "application/xhtml+xml")
"""Media types taken for a web page."""

UNDECLARED_TYPES = ("", "application/octet-stream", "binary/octet-stream")
"""Media types that say nothing: the bytes themselves must then look like HTML."""

USER_AGENT = "Verbatim/0.1 (quote checker; reads one page per address it is given)"

_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchLimits:
    """How long to wait and how much to read before giving up on a page."""

    timeout: float = 30.0
    """Seconds to wait for the server to accept the connection or send anything."""
    max_bytes: int = 10_000_000
    """Largest page read, in bytes after decompression (news pages are rarely over 2 MB)."""
    max_redirects: int = 5
    """Redirects followed before giving up."""

    @property
    def deadline(self) -> float:
        """Seconds the whole page may take to arrive: four waits, so a server
        that sends a byte now and then cannot hold an import up for ever."""
        return 4 * self.timeout


@dataclass(frozen=True)
class Fetched:
    """A page as the server sent it."""

    address: str
    """The address asked for."""
    final_address: str
    """Where the page was read, after redirects."""
    body: bytes
    """The page's bytes, decompressed."""
    media_type: str
    """The declared media type, lowercased (``text/html``); empty when none was sent."""
    charset: str | None
    """The character encoding the server declared, if any."""


class FetchError(Exception):
    """Why a page could not be read, in words that follow its address on one line."""


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Redirects followed up to a limit, and only to http(s) addresses."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.max_redirections = limit
        # A loop is caught by the same limit, and then reported in the same words.
        self.max_repeats = limit

    def http_error_302(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]
        # Checked before urllib's own check, which lets ftp: through and
        # words a refused file: like a redirect loop.
        target = urljoin(req.full_url, headers.get("Location") or headers.get("URI") or "")
        if urlsplit(target).scheme.lower() not in WEB_SCHEMES:
            fp.close()
            raise FetchError(f"redirected to {target!r}, which is not an http(s) address")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener(limits: FetchLimits) -> urllib.request.OpenerDirector:
    """http(s) only: no file:, ftp: or data: handlers, which build_opener would add."""
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.HTTPHandler(),
                    urllib.request.HTTPSHandler(context=ssl.create_default_context()),
                    urllib.request.HTTPDefaultErrorHandler(), _Redirects(limits.max_redirects),
                    urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


def fetch(address: str, limits: FetchLimits = FetchLimits()) -> Fetched:
    """The page at an http(s) ``address``; :class:`FetchError` when it cannot be
    had within ``limits`` or is declared as something other than HTML."""
    if urlsplit(address).scheme.lower() not in WEB_SCHEMES:
        raise FetchError("only http and https addresses can be imported")
    request = urllib.request.Request(address, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
    })
    started = time.monotonic()
    try:
        with _opener(limits).open(request, timeout=limits.timeout) as response:
            media_type = (response.headers.get_content_type() if response.headers.get("Content-Type")
                          else "").lower()
            if media_type not in HTML_TYPES + UNDECLARED_TYPES:
                raise FetchError(f"not HTML: the server sent {media_type}")
            _refuse_declared_size(response.headers.get("Content-Length"), limits)
            body = _read_body(response, response.headers.get("Content-Encoding", ""), limits, started)
            return Fetched(address, response.geturl(), body, media_type, response.headers.get_content_charset())
    except FetchError:
        raise
    except urllib.error.HTTPError as error:
        error.close()
        if 300 <= error.code < 400:
            raise FetchError(f"more than {limits.max_redirects} redirects, or a redirect loop") from None
        raise FetchError(f"the server answered HTTP {error.code} {error.reason}".rstrip()) from None
    except urllib.error.URLError as error:
        raise FetchError(_network_words(error.reason, limits)) from None
    except (TimeoutError, socket.timeout):
        raise FetchError(f"timed out: nothing arrived for {limits.timeout:g} s") from None
    except http.client.HTTPException as error:
        raise FetchError(f"the connection broke off ({type(error).__name__})") from None
    except (OSError, ValueError) as error:
        raise FetchError(_network_words(error, limits)) from None


def _network_words(reason: object, limits: FetchLimits) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"timed out: nothing arrived for {limits.timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return "no such host (the name does not resolve)"
    if isinstance(reason, ConnectionRefusedError):
        return "the connection was refused"
    if isinstance(reason, ssl.SSLError):
        return f"the secure connection failed ({reason.reason or reason})"
    if isinstance(reason, OSError) and reason.strerror:
        return f"cannot be read ({reason.strerror})"
    return f"cannot be read ({reason})"


def _refuse_declared_size(length: str | None, limits: FetchLimits) -> None:
    if length and length.strip().isdigit() and int(length) > limits.max_bytes:
        raise FetchError(f"too large: {int(length):,} bytes, over the limit of {limits.max_bytes:,}")


def _decompressor(encoding: str) -> zlib._Decompress | None:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj(zlib.MAX_WBITS)
    raise FetchError(f"the server sent the page in the {encoding!r} encoding, which cannot be read here")


def _read_body(response: http.client.HTTPResponse, encoding: str, limits: FetchLimits, started: float) -> bytes:
    """The body, decompressed, stopping as soon as it passes the size limit or the deadline."""
    decompressor = _decompressor(encoding)
    too_large = f"too large: over the limit of {limits.max_bytes:,} bytes"
    parts: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() - started > limits.deadline:
            raise FetchError(f"timed out: the page took more than {limits.deadline:g} s to arrive")
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        if decompressor is not None:
            try:
                # Never more than one byte over the limit, however well the data compresses.
                chunk = decompressor.decompress(chunk, limits.max_bytes + 1 - size)
            except zlib.error:
                raise FetchError(f"the {encoding.strip()} data of the page is damaged") from None
            if decompressor.unconsumed_tail:
                raise FetchError(too_large)
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchError(too_large)
        parts.append(chunk)
    if decompressor is not None:
        parts.append(decompressor.flush())
        size += len(parts[-1])
        if size > limits.max_bytes:
            raise FetchError(too_large)
    return b"".join(parts)
