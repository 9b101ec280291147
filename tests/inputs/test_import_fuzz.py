"""Fuzzing the import's parsers: any page, any bytes, any address or headline gives a result or
the one expected refusal, and every version file an import could write loads again."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.inputs.archive import archived_copy
from generator.inputs.extract_page import ExtractedPage, PageRefused, address_in_page, extract_page
from generator.inputs.html_decode import decode_html, looks_like_html
from generator.inputs.load import name_problem
from generator.inputs.version_file import check_loads, version_text
from generator.inputs.version_ids import version_id

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MARKUP = st.sampled_from([
    "<html>", "</html>", "<head>", "<title>", "</title>", "<body>", "<article>", "</article>", "<p>", "</p>",
    "<h1>", "</h1>", "<br>", "<blockquote>", "<ul><li>", "</li></ul>", "<table><tr><td>", "</td></tr></table>",
    "<script>", "</script>", '<meta charset="koi8-r">', '<meta property="og:site_name" content="', '">',
    '<link rel="canonical" href="https://x.example/a">', "<!-- saved from url=(0020)https://x.example/ -->",
    "<!-- BEGIN WAYBACK TOOLBAR INSERT -->", "<!-- END WAYBACK TOOLBAR INSERT -->", "&amp;", "&#0;", "&#xD800;",
    "â€™", "Ã©", "“", "”", "\x00", "\r\n", "---", "\n---\n", "title: x", "😀", "שלום", "said", "The ferry ran late. ",
])
PAGE = st.lists(st.one_of(MARKUP, st.text(max_size=6)), max_size=60).map("".join)


@FUZZ
@given(PAGE)
@example("<html><head><title>Late “ferry”</title></head><body><article><p>" + "The ferry ran late. " * 12
         + "</p><p>---</p><p>title: not front matter</p></article></body></html>")
def test_any_page_gives_an_article_or_a_refusal(html: str) -> None:
    address_in_page(html)
    try:
        page = extract_page(html, "https://x.example/a")
    except PageRefused:
        return
    assert isinstance(page, ExtractedPage) and all(page.paragraphs)
    text = version_text({"title": page.title, "outlet": page.site_name, "author": page.author,
                         "url": "https://x.example/a", "sha256": "0" * 64}, page.paragraphs, ["a note"])
    meta = check_loads(text, "seeds/s/v.txt")
    assert meta.title == page.title and meta.author == page.author


@FUZZ
@given(st.binary(max_size=300), st.one_of(st.none(), st.sampled_from(["utf-8", "latin-1", "utf-16", "x-junk", ""])))
def test_any_bytes_decode(data: bytes, declared: str | None) -> None:
    assert isinstance(looks_like_html(decode_html(data, declared)), bool)


@FUZZ
@given(st.one_of(st.none(), st.text(max_size=40)), st.one_of(st.none(), st.text(max_size=80)))
def test_any_outlet_and_headline_give_a_usable_file_name(outlet: str | None, headline: str | None) -> None:
    made = version_id(outlet, headline)
    assert re.fullmatch(r"[^\W_]+(-[^\W_]+)*", made) and name_problem(made) is None


@FUZZ
@given(st.text(max_size=120).map(lambda rest: f"https://web.archive.org/web/{rest}"))
def test_any_address_is_an_archived_copy_or_not(address: str) -> None:
    copy = archived_copy(address)
    assert copy is None or copy.original.startswith(("http://", "https://"))


@FUZZ
@given(st.text(), st.text(), st.lists(st.text(min_size=1), min_size=1, max_size=4))
def test_any_title_and_author_are_written_and_read_back_as_they_were(title: str, author: str,
                                                                      paragraphs: list[str]) -> None:
    paragraphs = [" ".join(p.split()) or "words" for p in paragraphs]
    text = version_text({"title": title, "author": author}, paragraphs)
    meta = check_loads(text, "seeds/s/v.txt")
    one_line = [re.sub("[\r\n\x85\u2028\u2029]", " ", value) or None for value in (title, author)]
    assert [meta.title, meta.author] == one_line
