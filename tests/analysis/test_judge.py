"""Judge stage: findings with kind, severity, evidence and stable ids."""

from __future__ import annotations

from dataclasses import replace

from stage_helpers import group_fixture, plan, prepared

from generator.analysis.judge import judge_story, unify_speakers
from generator.model import Story

REFERENCE = ("Mara Quill said: “We will organise the centre of town around colour and light, not cars.” "
             "Tomas Brennick said the trust had been “kept in the dark about the plan”.")


def _story(*copies: tuple[str, str]) -> Story:
    return judge_story(plan(prepared(REFERENCE, "ref"), *(prepared(text, name) for name, text in copies)))


def _kinds(story: Story, version: str) -> list[tuple[str, str]]:
    return [(f.kind, f.severity) for f in story.findings if f.version == version]


def test_cosmetic_copy_has_no_quote_findings_but_the_omission() -> None:
    story = _story(("copy", 'Mara Quill said: "We will organize the center of town around color and light, not cars."'))
    assert _kinds(story, "copy") == [("omitted_quote", "low")]
    assert _kinds(story, "ref") == []


def test_altered_quote_carries_its_evidence() -> None:
    story = _story(("copy", "“We will organise the centre of town around colour and light, not buses,” Mara Quill "
                            "said. Tomas Brennick said the trust had been “kept in the dark about the plan”."))
    (finding,) = story.findings
    assert (finding.kind, finding.severity, finding.version, finding.speaker, finding.reference_version) == (
        "altered_quote", "medium", "copy", "Mara Quill", "ref")
    assert finding.explanation == "'cars' became 'buses'"
    assert finding.reference_text == "We will organise the centre of town around colour and light, not cars"
    assert finding.version_text == "We will organise the centre of town around colour and light, not buses"
    assert ("-", "cars") in finding.diff and ("+", "buses") in finding.diff
    assert finding.id.startswith("altered-quote-")


def test_a_changed_number_is_high_severity() -> None:
    reference = prepared("Mara Quill said the plan would “cut waiting lists by 40 per cent in two years”.", "ref")
    copy = prepared("Mara Quill said the plan would “cut waiting lists by 14 per cent in two years”.", "copy")
    story = judge_story(plan(reference, copy))
    # A number changed inside a quote is both an altered quote and number drift.
    assert [(f.kind, f.severity, f.explanation) for f in story.findings] == [
        ("altered_quote", "high", "'40' became '14'"),
        ("number_drift", "high", "'40 per cent' in the reference became '14 per cent'")]


def test_an_inserted_negation_is_a_high_severity_alteration() -> None:
    story = _story(("copy", "Mara Quill said: “We will not organise the centre of town around colour and light, "
                            "not cars.” Tomas Brennick said the trust had been “kept in the dark about the plan”."))
    assert _kinds(story, "copy") == [("altered_quote", "high")]


def test_extended_misattributed_and_unsupported_quotes() -> None:
    story = _story(
        ("extended", "Mara Quill said: “We will organise the centre of town around colour and light, not cars, "
                     "and we will close the ring road.” Tomas Brennick said the trust had been “kept in the dark "
                     "about the plan”."),
        ("moved", "“We will organise the centre of town around colour and light, not cars,” Tomas Brennick said. "
                  "Tomas Brennick said the trust had been “kept in the dark about the plan”."),
        ("invented", "Mara Quill said the town would have “free buses for every pensioner”."),
    )
    # Words padded onto a quote: medium; words spliced in from another speaker's quote would be high.
    assert _kinds(story, "extended") == [("extended_quote", "medium")]
    assert _kinds(story, "moved") == [("misattributed_quote", "high")]
    # Mara Quill is quoted by the reference too: more of her words, uncorroborated but from a real
    # speaker of the story, are not called unsupported (see the next test for an invented speaker).
    assert _kinds(story, "invented") == [("omitted_quote", "low"), ("omitted_quote", "low")]
    moved = next(f for f in story.findings if f.version == "moved")
    assert moved.explanation == "gives the words to Tomas Brennick; the reference gives them to Mara Quill"


def test_a_quote_from_a_speaker_no_other_source_names_is_unsupported() -> None:
    story = _story(("invented", "Professor Ilsa Varne, a transport economist, said the scheme would "
                                "“pay for itself within a decade”. Mara Quill said: “We will organise the centre of "
                                "town around colour and light, not cars.”"))
    unsupported = [f for f in story.findings if f.kind == "unsupported_quote"]
    assert [(f.version, f.severity, f.speaker) for f in unsupported] == [("invented", "medium", "Ilsa Varne")]
    assert "no other source quotes Ilsa Varne" in unsupported[0].explanation


def test_finding_ids_are_stable_and_unique() -> None:
    copies = [("a", 'Mara Quill said: "We will organise the centre of town around colour and light, not buses."'),
              ("b", "Mara Quill said the town would have “free buses for every pensioner”.")]
    first, second = _story(*copies), _story(*copies)
    assert first == second
    ids = [f.id for f in first.findings]
    assert len(ids) == len(set(ids))


def test_findings_are_sorted_by_version_then_severity() -> None:
    story = _story(("b", "Mara Quill said the town would have “free buses for every pensioner”."),
                   ("a", 'Mara Quill said: "We will organise the centre of town around colour and light, not buses."'))
    order = {"ref": 0, "a": 1, "b": 2}
    severity = {"high": 0, "medium": 1, "low": 2}
    keys = [(order[f.version], severity[f.severity]) for f in story.findings]
    assert keys == sorted(keys)


def test_version_summaries() -> None:
    story = _story(("copy", 'Mara Quill said: "We will organize the center of town around color and light, not cars."'))
    assert [(s.version.id, s.role) for s in story.versions] == [("ref", "reference"), ("copy", "version")]
    assert story.versions[0].similarity == 1.0
    assert 0 < story.versions[1].similarity < 1
    assert [q.id for q in story.versions[1].quotes] == ["copy:q1"]


def test_unify_speakers_across_versions() -> None:
    first = prepared("Health Secretary Mara Quill said the plan was “ready for winter”.", "first")
    second = prepared("Quill said the plan was “ready for winter”.", "second")
    unified = unify_speakers(plan(first, second))
    assert [q.speaker.canonical for p in unified.versions for q in p.quotes] == ["Mara Quill", "Mara Quill"]
    assert [q.speaker.as_written for p in unified.versions for q in p.quotes] == [
        "Health Secretary Mara Quill", "Quill"]


def test_no_false_misattribution_in_the_ferry_story() -> None:
    versions = [prepared(group_fixture(f"ferry-{name}.txt"), name) for name in ("original", "wire", "rewrite")]
    story = judge_story(plan(*versions))
    assert [f.kind for f in story.findings if f.kind == "misattributed_quote"] == []


def test_ferry_story_findings() -> None:
    versions = [prepared(group_fixture(f"ferry-{name}.txt"), name) for name in ("original", "wire", "rewrite")]
    story = judge_story(plan(*versions))
    altered = [f for f in story.findings if f.kind == "altered_quote"]
    assert [(f.version, f.speaker, f.severity, f.explanation) for f in altered] == [
        # A reworded quote is medium; high is kept for a negation, a condition or a number turned.
        ("rewrite", "Tomas Brennick", "medium", "'held' became 'frozen'; 'hold' became 'freeze'")]
    unsupported = [f for f in story.findings if f.kind == "unsupported_quote"]
    assert [(f.version, f.version_text) for f in unsupported] == [
        ("wire", "We will look again at season tickets for island workers before the summer")]


def test_story_keeps_plan_facts() -> None:
    story_plan = replace(plan(prepared(REFERENCE, "ref")), notes="Checked.")
    story = judge_story(story_plan)
    assert (story.id, story.title, story.references, story.reference_reason, story.notes) == (
        "story", "A story", ("ref",), "named by the test", "Checked.")
    assert story.findings == ()


def _in(language: str, text: str, version_id: str):
    from dataclasses import replace as _replace
    item = prepared(text, version_id)
    return _replace(item, version=_replace(item.version, language=language))


GERMAN = ("Die Direktorin Karin Voss sagte: „Wir werden das Gemälde nicht aufgeben, bis es wieder in "
          "unserem Haus hängt.“ Die Polizei sucht Zeugen.")
REFERENCE_TRANSLATION = ("Director Karin Voss said: “We will not give up on the painting until it hangs in our "
                         "house again.” Police are looking for witnesses.")


def test_an_independent_translation_is_no_misquote_unless_the_meaning_turns() -> None:
    # The story's original is German; two outlets translated the director's words each their own way.
    variant = ("The museum's director, Karin Voss, told reporters: “We shall not abandon the painting until it "
               "is back on our walls.” Detectives have appealed for witnesses to come forward.")
    turned = ("The museum's director, Karin Voss, told reporters: “We shall abandon the painting until it "
              "is back on our walls.” Detectives have appealed for witnesses to come forward.")
    story = judge_story(plan(_in("en", REFERENCE_TRANSLATION, "ref"), _in("de", GERMAN, "original"),
                             _in("en", variant, "variant"), _in("en", turned, "turned")))
    assert [f for f in story.findings if f.version == "original"] == []  # another language: listed, not judged
    assert not [f for f in story.findings if f.version == "variant" and f.kind == "altered_quote"]
    assert [(f.kind, f.severity) for f in story.findings if f.version == "turned" and f.kind == "altered_quote"] == [
        ("altered_quote", "high")]


INVENTED_BASE = (
    "The ferry operator collapsed into administration on Monday, the company said.\n\n"
    "Transport Minister Anwen Pryce said: “We will not allow the island to be cut off.”"
)


def test_a_speaker_only_one_version_quotes_is_one_finding() -> None:
    """An expert an AI rewrite made up: one unsupported_quote, not one per quote plus a claim
    for the sentence that introduces them."""
    rewrite = (INVENTED_BASE + "\n\n"
               "Dr Helena Marsk, a maritime economist at the University of Portholm, said the collapse "
               "had been coming for years. “Routes of this size almost never make money on their own,” she "
               "said. “The question was never whether the state would step in, only when.”")
    story = judge_story(plan(prepared(INVENTED_BASE, "ref"), prepared(rewrite, "rewrite")))
    found = [f for f in story.findings if f.version == "rewrite"]
    assert [f.kind for f in found] == ["unsupported_quote"], found
    assert "almost never make money" in found[0].version_text
    assert "the first of 2 such quotes of Helena Marsk" in found[0].explanation


def test_an_introduction_that_also_claims_a_fact_stays_a_claim() -> None:
    rewrite = (INVENTED_BASE + "\n\n"
               "Dr Helena Marsk, who has studied 14 ferry routes since 2009, said the collapse was no "
               "surprise. “Routes of this size almost never make money on their own,” she said.")
    story = judge_story(plan(prepared(INVENTED_BASE, "ref"), prepared(rewrite, "rewrite")))
    kinds = sorted(f.kind for f in story.findings if f.version == "rewrite")
    assert kinds == ["unsupported_claim", "unsupported_quote"]
