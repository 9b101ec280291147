"""Fuzzing: no stage raises on any text, and the word diff keeps its promises."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from stage_helpers import bare_quote, version

from generator.analysis.attribute import attribute
from generator.analysis.clean import clean
from generator.analysis.compare import compare
from generator.analysis.diff import word_diff
from generator.analysis.extract import extract
from generator.analysis.normalize import key, keys, tokens
from generator.model import SeedFile, VersionMeta

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that steer random text towards the paths the stages branch on.
PIECES = st.sampled_from([
    '"', "“", "”", "'", "‘", "’", "«", "»", "„", "\n", "\n\n", " ", ",", ".", ":", "—", "(", ")", "[", "]",
    "...", "…", "said", "told", "was hailed by", "billed as", " as ", "which", "who", " and ", "he", "she", "it",
    "Mara Quill", "Sir Alden", "the government", "the Prime Minister’s spokesman", "Share", "Home > News",
    "# ", "- ", "> ", "<b>", "`", "*", "[x](y)", "😀", "שלום", "مرحبا", "\u202e", "\u200b", "ﬁ", "½", "£31bn",
    "step-change", "colour", "We will act now", "3 hours ago", "\x00", "\r\n",
])
TEXT = st.one_of(st.text(), st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=40).map("".join))
WORDS = st.sampled_from(["the", "plan", "will", "cut", "waiting", "lists", "by", "half", "Mara", "Quill", "said",
                         "colour", "color", "step-change", "£31bn", "2025", "don't", "U.S.", "“", "”", ",", ".",
                         "—", "😀", "שלום"])
PROSE = st.lists(WORDS, max_size=16).map(" ".join)


@FUZZ
@given(TEXT, st.booleans())
def test_clean_extract_attribute_never_raise(body: str, markdown: bool) -> None:
    cleaned = clean(SeedFile("v", "seeds/v.txt", None, VersionMeta(), body, markdown))
    assert "\x00" not in cleaned.text
    for text in (cleaned.text, body):
        v = version(text)
        quotes = extract(v)
        attributed = attribute(v, quotes)
        assert [q.id for q in attributed] == [q.id for q in quotes]
        for quote in attributed:
            assert 0 <= quote.start <= quote.end <= len(text)
            assert quote.form in ("full", "partial", "scare")


@FUZZ
@given(TEXT, TEXT)
def test_compare_never_raises(first: str, second: str) -> None:
    for form in ("full", "partial", "scare"):
        comparison = compare(bare_quote(first), bare_quote(second, "copy", form))
        if comparison is not None:
            assert 0.0 <= comparison.score <= 1.0
            assert comparison.status in ("verbatim", "partial", "altered", "truncated", "extended")


@FUZZ
@given(TEXT)
def test_keys_never_raise(text: str) -> None:
    assert key(text) == " ".join(keys(text))
    for token in tokens(text):
        assert 0 <= token.start < token.end and token.start < len(text)
        assert token.key


@FUZZ
@example("ﬀ")
@given(TEXT)
def test_tokens_fit_the_text(text: str) -> None:
    for token in tokens(text):
        assert token.end <= len(text)
        word = text[token.start:token.end]
        assert word and word == word.strip()


@FUZZ
@given(TEXT)
def test_word_diff_of_a_text_with_itself_keeps_everything(text: str) -> None:
    diff = word_diff(text, text)
    assert all(op == "=" for op, _ in diff)
    if keys(text):
        assert "".join(part for _, part in diff) == text


@FUZZ
@given(TEXT, TEXT)
def test_kept_and_added_runs_spell_out_the_new_text(old: str, new: str) -> None:
    """Joining the '=' and '+' runs gives the new text back, less any leading
    punctuation before its first word when the diff starts with an addition."""
    diff = word_diff(old, new)
    shown = "".join(part for op, part in diff if op != "-")
    assert new.endswith(shown)
    assert tokens(new[:len(new) - len(shown)]) == []
    assert keys(shown) == keys(new)
    assert all(part for _, part in diff)


@FUZZ
@given(PROSE, PROSE)
def test_kept_and_removed_runs_carry_the_old_words(old: str, new: str) -> None:
    """On prose, the '=' runs followed by the '+' runs hold exactly the new text's words."""
    diff = word_diff(old, new)
    assert [k for op, part in diff if op != "-" for k in keys(part)] == keys(new)


@FUZZ
@example("the plan will cut waiting lists by half", "the plan cut waiting lists by a half")
@given(PROSE, PROSE)
def test_diff_runs_alternate_and_keep_the_old_words_in_order(old: str, new: str) -> None:
    """Reading the '=' and '-' runs in order gives the old text's words in order."""
    diff = word_diff(old, new)
    assert [k for op, part in diff if op != "+" for k in keys(part)] == keys(old)
    assert all(diff[i][0] != diff[i + 1][0] for i in range(len(diff) - 1))
