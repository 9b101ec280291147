"""The evaluation gate: scoring on synthetic findings, the corpus's shape, the CLI, and the gate itself."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.evaluate import (
    CORPORA,
    EXPECTED_FILE,
    FINDING_KINDS,
    Annotation,
    CaseAnnotations,
    CaseResult,
    EvaluationError,
    EvaluationResult,
    Floor,
    Score,
    SeverityScore,
    combine,
    evaluate,
    evaluate_corpus,
    load_annotations,
    load_floors,
    matches,
    score_case,
    score_lineages,
    score_parents,
    shortfalls,
)
from generator.model import Finding

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "eval"
CASES = sorted(path for path in CORPUS.iterdir() if (path / EXPECTED_FILE).is_file())
REALISTIC = ROOT / "tests" / "eval-realistic"
DEV = ROOT / "tests" / "eval-dev"
DEV2 = ROOT / "tests" / "eval-dev2"
HOLDOUT = ROOT / "tests" / "eval-holdout"
BLIND_CASES = sorted(path for corpus in (REALISTIC, DEV, DEV2, HOLDOUT) for path in corpus.iterdir()
                     if (path / EXPECTED_FILE).is_file())
ANNOTATED_KINDS = set(FINDING_KINDS) - {"omitted_quote"}


def finding(version: str, kind: str, version_text: str, explanation: str = "", reference_text: str = "",
            severity: str = "medium") -> Finding:
    return Finding(id=f"{version}-{kind}-{version_text}", kind=kind, severity=severity, version=version,
                   speaker=None, reference_version="ref", reference_text=reference_text,
                   version_text=version_text, explanation=explanation)


def case(expect: Sequence[tuple[str, ...]], forbid: Sequence[tuple[str, str, str]] = (),
         evaluates: tuple[str, ...] = ("altered_quote", "number_drift"),
         tolerate: Sequence[tuple[str, str, str]] = ()) -> CaseAnnotations:
    return CaseAnnotations("c", evaluates, tuple(Annotation(*e) for e in expect),
                           tuple(Annotation(*f) for f in forbid), tolerate=tuple(Annotation(*t) for t in tolerate))


def counts(result: CaseResult | EvaluationResult, kind: str) -> tuple[int, int, int]:
    score = next((s for s in result.scores if s.kind == kind), Score(kind))
    return score.tp, score.fp, score.fn


# --- scoring -----------------------------------------------------------------


def test_counts_true_and_false_positives_and_negatives_per_kind() -> None:
    annotations = case([("v2", "number_drift", "£2.4bn"), ("v2", "number_drift", "nine"),
                        ("v2", "altered_quote", "remodel")])
    produced = [finding("v2", "number_drift", "£2.4bn", "'£4.2bn' became '£2.4bn'"),
                finding("v2", "number_drift", "310,000"),
                finding("v2", "altered_quote", "will remodel the lives"),
                finding("v3", "altered_quote", "will remodel the lives")]  # right words, wrong version
    result = score_case(annotations, produced)
    assert counts(result, "number_drift") == (1, 1, 1)
    assert counts(result, "altered_quote") == (1, 1, 0)
    assert [(m.version, m.kind, m.text) for m in result.false_negatives] == [("v2", "number_drift", "nine")]
    assert [(m.version, m.text) for m in result.false_positives] == [("v2", "310,000"), ("v3", "will remodel the lives")]


def test_text_matches_version_text_explanation_or_reference_text_ignoring_case() -> None:
    entry = Annotation("v", "name_drift", "harbour BELIEF")
    assert matches(finding("v", "name_drift", "Wellmouth Harbour Belief"), entry)
    assert matches(finding("v", "name_drift", "x", explanation="'Trust' became 'Harbour Belief'"), entry)
    assert matches(finding("v", "name_drift", "x", reference_text="Harbour belief"), entry)
    assert not matches(finding("v", "title_drift", "Harbour Belief"), entry)
    assert not matches(finding("w", "name_drift", "Harbour Belief"), entry)
    assert matches(finding("v", "altered_quote", "St Brannock\u2019s Road"), Annotation("v", "altered_quote", "brannock's"))


def test_a_finding_matches_at_most_one_expected_entry() -> None:
    twice_expected = case([("v", "number_drift", "nine"), ("v", "number_drift", "nine")])
    result = score_case(twice_expected, [finding("v", "number_drift", "nine stops")])
    assert counts(result, "number_drift") == (1, 0, 1)

    twice_produced = case([("v", "number_drift", "nine")])
    result = score_case(twice_produced, [finding("v", "number_drift", "nine stops"),
                                         finding("v", "number_drift", "nine buses")])
    assert counts(result, "number_drift") == (1, 1, 0)


def test_matching_is_maximal_not_first_fit() -> None:
    # The first finding fits both entries; first-fit would give it "director"
    # and leave the second finding, which fits only "director", unmatched.
    annotations = case([("v", "title_drift", "director"), ("v", "title_drift", "chairman")],
                       evaluates=("title_drift",))
    produced = [finding("v", "title_drift", "The museum's chairman", "'director' became 'chairman'"),
                finding("v", "title_drift", "Museum director Esther Nwosu")]
    result = score_case(annotations, produced)
    assert counts(result, "title_drift") == (2, 0, 0)


def test_kinds_not_evaluated_are_ignored_unless_forbidden() -> None:
    annotations = case([], forbid=[("v", "date_drift", "2027")], evaluates=("number_drift",))
    produced = [finding("v", "date_drift", "2026"),            # not evaluated, not forbidden: ignored
                finding("v", "date_drift", "spring of 2027"),  # forbidden: a false positive of its kind
                finding("v", "omitted_quote", "anything")]
    result = score_case(annotations, produced)
    assert counts(result, "date_drift") == (0, 1, 0)
    assert counts(result, "omitted_quote") == (0, 0, 0)
    assert "forbidden" in result.false_positives[0].note


def test_a_forbidden_finding_of_an_evaluated_kind_counts_once() -> None:
    annotations = case([], forbid=[("v", "number_drift", "4000"), ("v", "number_drift", "4,000 jobs")])
    result = score_case(annotations, [finding("v", "number_drift", "bringing 4000 jobs", "4,000 jobs")])
    assert counts(result, "number_drift") == (0, 1, 0)


def test_a_matched_finding_is_never_a_false_positive_even_if_a_forbid_entry_fits() -> None:
    annotations = case([("v", "altered_quote", "ready for")], forbid=[("v", "altered_quote", "winter")])
    result = score_case(annotations, [finding("v", "altered_quote", "ready for a town that floods each winter")])
    assert counts(result, "altered_quote") == (1, 0, 0)


def test_a_tolerated_finding_is_not_counted_below_high_severity() -> None:
    annotations = case([], tolerate=[("v", "altered_quote", "closed doors")])
    medium = finding("v", "altered_quote", "behind closed doors")
    assert counts(score_case(annotations, [medium]), "altered_quote") == (0, 0, 0)
    high = finding("v", "altered_quote", "behind closed doors", severity="high")
    result = score_case(annotations, [high])
    assert counts(result, "altered_quote") == (0, 1, 0)
    assert "tolerated only below high" in result.false_positives[0].note
    assert result.high == SeverityScore(produced=1, true=0)


def test_a_tolerated_kind_not_evaluated_counts_only_at_high_severity() -> None:
    annotations = case([], tolerate=[("v", "date_drift", "May")], evaluates=("altered_quote",))
    assert counts(score_case(annotations, [finding("v", "date_drift", "in May")]), "date_drift") == (0, 0, 0)
    result = score_case(annotations, [finding("v", "date_drift", "in May", severity="high")])
    assert counts(result, "date_drift") == (0, 1, 0)


def test_a_forbid_entry_wins_over_a_tolerate_entry() -> None:
    annotations = case([], forbid=[("v", "altered_quote", "doors")], tolerate=[("v", "altered_quote", "doors")])
    assert counts(score_case(annotations, [finding("v", "altered_quote", "doors")]), "altered_quote") == (0, 1, 0)


def test_high_severity_precision_and_recall() -> None:
    annotations = case([("v", "altered_quote", "shift", "high"), ("v", "number_drift", "nine", "high"),
                        ("v", "number_drift", "£2.4bn")])
    produced = [finding("v", "altered_quote", "a generational shift", severity="high"),  # true, high: found
                finding("v", "number_drift", "nine stops"),                            # true, but medium: not found
                finding("v", "number_drift", "£2.4bn", severity="high"),               # true, over-rated: still true
                finding("v", "altered_quote", "the deal", severity="high")]            # false alarm at high
    result = combine([score_case(annotations, produced)])
    assert result.high == SeverityScore(produced=3, true=2, annotated=2, found=1)
    assert result.high.precision == pytest.approx(2 / 3)
    assert result.high.recall == pytest.approx(0.5)
    below = shortfalls(result, [Floor("high", 0.9, 0.4), Floor("overall", 0.5, 0.5)])
    assert [(s.kind, s.measure) for s in below] == [("high", "precision")]


def test_high_scores_with_nothing_to_count_are_perfect() -> None:
    assert (SeverityScore().precision, SeverityScore().recall) == (1.0, 1.0)


@pytest.mark.parametrize(("score", "precision", "recall"), [
    (Score("k", 0, 0, 0), 1.0, 1.0),   # nothing produced, nothing expected
    (Score("k", 0, 0, 2), 0.0, 0.0),   # nothing produced, something expected
    (Score("k", 0, 3, 0), 0.0, 1.0),   # only false alarms
    (Score("k", 3, 1, 2), 0.75, 0.6),
])
def test_precision_and_recall(score: Score, precision: float, recall: float) -> None:
    assert score.precision == pytest.approx(precision)
    assert score.recall == pytest.approx(recall)


def test_combine_sums_cases_per_kind_and_overall() -> None:
    first = score_case(case([("v", "number_drift", "nine")]), [finding("v", "number_drift", "nine")])
    second = score_case(case([("v", "number_drift", "£2.4bn"), ("v", "altered_quote", "remodel")]),
                        [finding("v", "altered_quote", "x")])
    result = combine([second, first])
    assert counts(result, "number_drift") == (1, 0, 1)
    assert counts(result, "altered_quote") == (0, 1, 1)
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (1, 1, 2)
    assert [s.kind for s in result.scores] == ["altered_quote", "number_drift"]  # design-notes order


def test_shortfalls_name_each_measure_below_its_floor() -> None:
    result = combine([score_case(case([("v", "number_drift", "nine"), ("v", "number_drift", "ten")]),
                                 [finding("v", "number_drift", "nine")])])
    floors = [Floor("number_drift", 0.9, 0.9), Floor("altered_quote", 0.9, 0.9)]
    below = shortfalls(result, floors)
    assert [(s.kind, s.measure, s.value, s.floor) for s in below] == [("number_drift", "recall", 0.5, 0.9)]


# --- files -------------------------------------------------------------------


def test_load_annotations_refuses_unknown_keys_and_kinds(tmp_path: Path) -> None:
    (tmp_path / EXPECTED_FILE).write_text("evaluates: [altered_quote]\nexpect: []\nextra: 1\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"expected\.yml: extra: "):
        load_annotations(tmp_path)
    (tmp_path / EXPECTED_FILE).write_text(
        "evaluates: [altered_quote]\nexpect:\n  - {version: v, kind: number_drift, text: x}\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"expect\.0\.kind: 'number_drift' is not listed in evaluates"):
        load_annotations(tmp_path)
    (tmp_path / EXPECTED_FILE).write_text("evaluates: [made_up]\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"evaluates\.0: "):
        load_annotations(tmp_path)


def test_load_annotations_reads_severity_tolerate_and_lineages(tmp_path: Path) -> None:
    (tmp_path / EXPECTED_FILE).write_text(
        "evaluates: [altered_quote]\n"
        "expect:\n  - {version: b, kind: altered_quote, text: shift, severity: high}\n"
        "tolerate:\n  - {version: c, kind: altered_quote, text: doors}\n"
        "lineages: {courier: [a, b], wire: [c]}\nparents: {b: a}\nlanguages: {c: es}\n", encoding="utf-8")
    annotations = load_annotations(tmp_path)
    assert annotations.expect == (Annotation("b", "altered_quote", "shift", "high"),)
    assert annotations.tolerate == (Annotation("c", "altered_quote", "doors"),)
    assert annotations.lineages == {"courier": ("a", "b"), "wire": ("c",)}
    assert (annotations.parents, annotations.languages) == ({"b": "a"}, {"c": "es"})


def test_only_expect_entries_carry_a_severity(tmp_path: Path) -> None:
    (tmp_path / EXPECTED_FILE).write_text(
        "evaluates: [altered_quote]\nforbid:\n  - {version: b, kind: altered_quote, text: x, severity: high}\n",
        encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"forbid\.0\.severity: only expect entries have a severity"):
        load_annotations(tmp_path)


def test_load_floors_checks_range(tmp_path: Path) -> None:
    path = tmp_path / "floors.yml"
    path.write_text("floors:\n  number_drift: {precision: 1.5, recall: 0.9}\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"floors\.number_drift\.precision: "):
        load_floors(path)


# --- the corpus is well formed -----------------------------------------------


def _versions(case_dir: Path) -> set[str]:
    return {path.stem for path in (case_dir / "story").iterdir() if path.suffix in (".txt", ".md")}


def test_corpus_has_enough_cases() -> None:
    assert 8 <= len(CASES) <= 12


@pytest.mark.parametrize("case_dir", CASES, ids=lambda path: path.name)
def test_case_is_well_formed(case_dir: Path) -> None:
    raw = yaml.safe_load((case_dir / EXPECTED_FILE).read_text(encoding="utf-8"))
    assert set(raw) <= {"evaluates", "expect", "forbid", "notes"} and {"evaluates", "expect", "notes"} <= set(raw)
    annotations = load_annotations(case_dir)
    assert set(annotations.evaluates) <= ANNOTATED_KINDS, "omitted_quote is informational: never annotate it"
    versions = _versions(case_dir)
    story = yaml.safe_load((case_dir / "story" / "story.yml").read_text(encoding="utf-8"))
    references = story["references"]
    assert references and set(references) <= versions
    assert len(versions) > len(references), "a case needs at least one version to judge"
    for entry in annotations.expect + annotations.forbid:
        assert entry.version in versions, f"{entry.version!r} is not a version of {case_dir.name}"
        assert entry.version not in references, "references are trusted and not judged"
    assert not set(annotations.expect) & set(annotations.forbid)
    assert annotations.notes


@pytest.mark.parametrize("case_dir", CASES, ids=lambda path: path.name)
def test_expected_words_stand_in_their_version(case_dir: Path) -> None:
    # An expected finding must be findable: its words are in the version it stands in.
    annotations = load_annotations(case_dir)
    texts = {path.stem: path.read_text(encoding="utf-8").casefold() for path in (case_dir / "story").glob("*.txt")}
    for entry in annotations.expect:
        assert entry.text.casefold() in texts[entry.version], entry


def test_every_annotated_kind_has_a_floor_and_is_covered() -> None:
    floors = {floor.kind for floor in load_floors(CORPUS / "floors.yml")}
    evaluated = {kind for case_dir in CASES for kind in load_annotations(case_dir).evaluates}
    expected = {entry.kind for case_dir in CASES for entry in load_annotations(case_dir).expect}
    assert evaluated <= floors
    assert floors == ANNOTATED_KINDS == expected, "every kind needs a floor and at least one expected finding"


# --- the blind corpora are well formed ---------------------------------------


def _folded(text: str) -> str:
    return " ".join(text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")).split()).casefold()


def _story_texts(case_dir: Path) -> dict[str, str]:
    return {path.stem: _folded(path.read_text(encoding="utf-8")) for path in (case_dir / "story").iterdir()
            if path.suffix in (".txt", ".md")}


def test_the_realistic_corpus_has_six_stories_or_more() -> None:
    assert len([case for case in BLIND_CASES if case.parent == REALISTIC]) >= 6


@pytest.mark.parametrize("case_dir", BLIND_CASES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_blind_case_is_well_formed(case_dir: Path) -> None:
    annotations = load_annotations(case_dir)
    texts = _story_texts(case_dir)
    assert 8 <= len(texts) <= 20
    assert set(annotations.evaluates) == ANNOTATED_KINDS, "every kind is annotated in a blind case"
    story_file = case_dir / "story" / "story.yml"
    references = (yaml.safe_load(story_file.read_text(encoding="utf-8")) or {}).get("references", []) \
        if story_file.is_file() else []
    assert set(references) <= set(texts)
    entries = annotations.expect + annotations.forbid + annotations.tolerate
    for entry in entries:
        assert entry.version in texts, f"{entry.version!r} is not a version of {case_dir.name}"
        assert _folded(entry.text) in texts[entry.version], entry
    # References are trusted and not judged: nothing is expected of them (a forbid entry on one is a control).
    assert not [entry for entry in annotations.expect if entry.version in references]
    assert len(annotations.forbid) + len(annotations.tolerate) >= len(annotations.expect)
    assert any(entry.severity == "high" for entry in annotations.expect)
    in_lineages = [version for members in annotations.lineages.values() for version in members]
    assert sorted(in_lineages) == sorted(texts), "every version is in exactly one lineage"
    assert set(annotations.parents) | set(annotations.parents.values()) <= set(texts)
    assert set(annotations.languages) <= set(texts)
    assert annotations.notes


# --- the command -------------------------------------------------------------


def _tiny_corpus(root: Path, expect: str) -> Path:
    story = root / "copy" / "story"
    story.mkdir(parents=True)
    text = ('Mayor Ada Quist said the bridge would open in May. "We kept our promise to the town," '
            'she said. The bridge cost £4m.\n')
    (story / "original.txt").write_text(text, encoding="utf-8")
    (story / "wire.txt").write_text(text, encoding="utf-8")
    (story / "story.yml").write_text("references: [original]\n", encoding="utf-8")
    (root / "copy" / EXPECTED_FILE).write_text(
        f"evaluates: [altered_quote]\nexpect: {expect}\nnotes: a word-for-word copy\n", encoding="utf-8")
    (root / "floors.yml").write_text("floors:\n  altered_quote: {precision: 0.9, recall: 0.9}\n", encoding="utf-8")
    return root


def test_command_prints_the_table_and_passes(tmp_path: Path) -> None:
    corpus = _tiny_corpus(tmp_path, "[]")
    result = CliRunner().invoke(evaluate, ["--corpus", str(corpus)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    title, header, row, overall, high = result.stdout.splitlines()
    assert title == f"{corpus} (1 case)"
    assert header.split() == ["kind", "TP", "FP", "FN", "precision", "recall", "floor", "P/R", "status"]
    assert row.split() == ["altered_quote", "0", "0", "0", "1.00", "1.00", "0.90/0.90", "OK"]
    assert overall.split()[0] == "overall"
    assert high.startswith("high severity: precision 1.00 (0 of 0 high findings true), recall 1.00")
    assert f"Evaluating {corpus.name}/copy" in result.stderr


def test_command_scores_each_corpus_on_its_own(tmp_path: Path) -> None:
    first = _tiny_corpus(tmp_path / "first", "[]")
    second = _tiny_corpus(tmp_path / "second", "[{version: wire, kind: altered_quote, text: 'kept our word'}]")
    result = CliRunner().invoke(evaluate, ["--corpus", str(first), "--corpus", str(second)], catch_exceptions=False)
    assert result.exit_code == 1
    blocks = result.stdout.split("\n\n")
    assert blocks[0].startswith(f"{first} (1 case)") and "BELOW" not in blocks[0]
    assert blocks[1].startswith(f"{second} (1 case)") and "BELOW" in blocks[1]
    assert "second: altered_quote recall 0.00 < 0.90" in result.stderr


def test_command_fails_below_a_floor_and_lists_the_miss(tmp_path: Path) -> None:
    corpus = _tiny_corpus(tmp_path, "[{version: wire, kind: altered_quote, text: 'kept our word'}]")
    result = CliRunner().invoke(evaluate, ["--corpus", str(corpus), "--details"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "BELOW" in result.stdout
    assert "FN  copy  wire  altered_quote  'kept our word'" in result.stdout
    assert result.stderr.splitlines()[-1].startswith(
        f"Error: 2 score(s) below their floors: {corpus.name}: altered_quote precision")


def test_command_reports_a_broken_corpus_as_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(evaluate, ["--corpus", str(tmp_path / "missing")], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "no such corpus folder" in result.stderr


def test_command_and_every_option_have_help() -> None:
    assert evaluate.help
    for param in evaluate.params:
        assert getattr(param, "help", None), param.name


# --- the gate ----------------------------------------------------------------


@pytest.mark.parametrize("corpus", [ROOT / path for path in CORPORA], ids=lambda path: path.name)
def test_every_corpus_meets_its_floors(corpus: Path) -> None:
    result = evaluate_corpus(corpus)
    below = shortfalls(result, load_floors(corpus / "floors.yml"))
    assert not below, "; ".join(f"{s.kind} {s.measure} {s.value:.2f} < {s.floor:.2f}" for s in below)


def test_the_default_corpora_are_the_five_in_tests() -> None:
    assert [str(path) for path in CORPORA] == ["tests/eval", "tests/eval-realistic", "tests/eval-dev",
                                               "tests/eval-dev2", "tests/eval-holdout"]
    assert all((ROOT / path / "floors.yml").is_file() for path in CORPORA)


def test_parents_are_scored_against_the_descent() -> None:
    annotated = {"b": "a", "c": "b", "d": "a", "e": "a"}
    found = {"b": "a", "c": "a", "d": "a"}  # e is placed under nobody: not counted
    score = score_parents(annotated, found)
    assert (score.parents_right, score.parents_annotated) == (2, 3)
    assert score.parent_accuracy == pytest.approx(2 / 3)
    assert score_parents({}, found).parent_accuracy == 1.0


def test_lineages_are_scored_by_pairs_of_versions() -> None:
    annotated = {"courier": ("a", "b", "c"), "wire": ("d", "e")}
    found = [("a", "b"), ("c", "d", "e")]
    score = score_lineages(annotated, found)
    # a-b right; c-d and c-e wrongly together; d-e right; a-c and b-c missed.
    assert (score.together, score.wrongly_together, score.wrongly_apart) == (2, 2, 2)
    assert (score.precision, score.recall) == (0.5, 0.5)


def test_lineages_of_versions_only_one_side_knows_are_left_out() -> None:
    score = score_lineages({"courier": ("a", "b")}, [("a", "b", "z")])
    assert (score.together, score.wrongly_together, score.wrongly_apart) == (1, 0, 0)
