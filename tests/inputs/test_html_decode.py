"""A page's bytes as text: byte-order mark, declared charset, <meta charset>, then UTF-8 or Windows-1252."""

from __future__ import annotations

import pytest

from generator.inputs.html_decode import decode_html, looks_like_html

WORDS = "“Fares,” she said, “rise by a third” — café"


@pytest.mark.parametrize("data, declared, text", [
    (WORDS.encode("utf-8"), None, WORDS),
    (b"\xef\xbb\xbf" + WORDS.encode("utf-8"), "windows-1252", WORDS),  # the byte-order mark wins
    (b"\xff\xfe" + WORDS.encode("utf-16-le"), None, WORDS),
    (WORDS.encode("cp1252"), "windows-1252", WORDS),
    (WORDS.encode("cp1252"), "ISO-8859-1", WORDS),  # on the web, Latin-1 means Windows-1252
    (WORDS.encode("cp1252"), None, WORDS),  # not UTF-8: Windows-1252, as browsers assume
    (WORDS.encode("cp1252"), "utf-8", WORDS),  # declared wrongly: read from the bytes
    (b'<meta charset="windows-1252">' + WORDS.encode("cp1252"), None, '<meta charset="windows-1252">' + WORDS),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">\xf0\xd2\xc9',
     None, '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">При'),
    (WORDS.encode("utf-8"), "no-such-encoding", WORDS),
    (WORDS.encode("utf-8"), "utf-16", WORDS),  # no byte-order mark: not UTF-16, whatever it says
])
def test_decoding(data: bytes, declared: str | None, text: str) -> None:
    assert decode_html(data, declared) == text


@pytest.mark.parametrize("text, html", [
    ("<!DOCTYPE html><html><body></body></html>", True),
    ("\n  <!-- saved from url=(0022)https://x.example/ -->\n<html lang=en>", True),
    ('<?xml version="1.0"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml">', True),
    ("<head><title>Fares</title></head>", True),
    ("%PDF-1.7\n%âãÏÓ", False),
    ('{"headline": "Fares"}', False),
    ('<?xml version="1.0"?><rss version="2.0"><channel>', False),
    ("Harbour board statement\n\nFares will rise.", False),
])
def test_what_looks_like_html(text: str, html: bool) -> None:
    assert looks_like_html(text) is html
