"""Reading a page over HTTP within limits, from a real server on 127.0.0.1:
every way a download fails is one FetchError whose words fit on one line."""

from __future__ import annotations

import gzip
import socket
import time
import zlib

import pytest
from local_web import LocalWeb

from generator.inputs.fetch import FetchError, FetchLimits, fetch

PAGE = b"<!DOCTYPE html><html><body><p>Fares rise by a third.</p></body></html>"
QUICK = FetchLimits(timeout=0.5, max_bytes=100_000, max_redirects=3)


def test_a_page_with_its_type_and_charset(local_web: LocalWeb) -> None:
    address = local_web.page("/news/fares", PAGE, "text/html; charset=ISO-8859-1")
    fetched = fetch(address, QUICK)
    assert (fetched.body, fetched.media_type, fetched.charset, fetched.final_address) == (
        PAGE, "text/html", "iso-8859-1", address)


@pytest.mark.parametrize("encoding, compress", [
    ("gzip", lambda data: gzip.compress(data, mtime=0)),
    ("deflate", zlib.compress),
])
def test_a_compressed_page_is_decompressed(local_web: LocalWeb, encoding: str, compress) -> None:
    address = local_web.page("/z", compress(PAGE), headers={"Content-Encoding": encoding})
    assert fetch(address, QUICK).body == PAGE


def test_redirects_are_followed_up_to_the_limit(local_web: LocalWeb) -> None:
    final = local_web.page("/final", PAGE)
    local_web.redirect("/r3", final)
    local_web.redirect("/r2", local_web.url("/r3"), status=301)
    start = local_web.redirect("/r1", local_web.url("/r2"), status=307)
    fetched = fetch(start, QUICK)
    assert fetched.final_address == final and fetched.address == start


def _error(address: str, limits: FetchLimits = QUICK) -> str:
    with pytest.raises(FetchError) as caught:
        fetch(address, limits)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_too_many_redirects(local_web: LocalWeb) -> None:
    for number in range(1, 6):
        local_web.redirect(f"/r{number}", local_web.url(f"/r{number + 1}"))
    local_web.page("/r6", PAGE)
    assert _error(local_web.url("/r1")) == "more than 3 redirects, or a redirect loop"


def test_a_redirect_loop(local_web: LocalWeb) -> None:
    local_web.redirect("/a", local_web.url("/b"))
    local_web.redirect("/b", local_web.url("/a"))
    assert "redirect loop" in _error(local_web.url("/a"))


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://files.example/page.html"])
def test_a_redirect_away_from_the_web_is_refused(local_web: LocalWeb, target: str) -> None:
    assert "not an http(s) address" in _error(local_web.redirect("/away", target))


@pytest.mark.parametrize("status, words", [(404, "HTTP 404 Not Found"), (410, "HTTP 410 Gone"),
                                           (500, "HTTP 500 Internal Server Error"), (403, "HTTP 403 Forbidden")])
def test_an_error_status(local_web: LocalWeb, status: int, words: str) -> None:
    assert _error(local_web.page("/e", PAGE, status=status)) == f"the server answered {words}"


def test_nothing_at_all_for_the_timeout(local_web: LocalWeb) -> None:
    address = local_web.page("/slow", PAGE, delay=3)
    started = time.monotonic()
    assert _error(address) == "timed out: nothing arrived for 0.5 s"
    assert time.monotonic() - started < 2.5


def test_a_page_that_trickles_in_is_given_up_at_the_deadline(local_web: LocalWeb) -> None:
    address = local_web.page("/drip", PAGE * 3, drip=0.05)  # about 10 s in all, a byte every 0.05 s
    started = time.monotonic()
    assert _error(address) == "timed out: the page took more than 2 s to arrive"
    assert time.monotonic() - started < 4


def test_too_large_by_its_declared_length(local_web: LocalWeb) -> None:
    address = local_web.page("/big", b"<html>" + b" " * 200_000)
    assert _error(address) == "too large: 200,006 bytes, over the limit of 100,000"


def test_too_large_without_a_declared_length(local_web: LocalWeb) -> None:
    local_web.page("/stream", b"", stream=5_000_000)
    assert _error(local_web.url("/stream")) == "too large: over the limit of 100,000 bytes"


def test_too_large_once_decompressed(local_web: LocalWeb) -> None:
    bomb = local_web.gzipped("/bomb", b"<html>" + b"\0" * 50_000_000)  # 50 MB in about 50 KB
    assert _error(bomb) == "too large: over the limit of 100,000 bytes"


@pytest.mark.parametrize("content_type", ["application/pdf", "image/jpeg", "application/json", "text/plain"])
def test_not_html_is_refused_before_it_is_read(local_web: LocalWeb, content_type: str) -> None:
    address = local_web.page("/file", b"%PDF-1.7", content_type)
    assert _error(address) == f"not HTML: the server sent {content_type}"


def test_an_undeclared_type_is_left_to_the_bytes(local_web: LocalWeb) -> None:
    address = local_web.page("/untyped", PAGE, content_type="")
    assert fetch(address, QUICK).media_type == ""


def test_an_unknown_content_encoding(local_web: LocalWeb) -> None:
    address = local_web.page("/br", b"\x1b\x00", headers={"Content-Encoding": "br"})
    assert "'br' encoding" in _error(address)


def test_damaged_compressed_data(local_web: LocalWeb) -> None:
    address = local_web.page("/broken", b"not gzip at all", headers={"Content-Encoding": "gzip"})
    assert _error(address) == "the gzip data of the page is damaged"


def test_nobody_listening() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert _error(f"http://127.0.0.1:{port}/") == "the connection was refused"


@pytest.mark.parametrize("address", ["ftp://files.example/page.html", "file:///etc/passwd",
                                     "javascript:alert(1)"])
def test_only_http_and_https(address: str) -> None:
    assert _error(address) == "only http and https addresses can be imported"
