"""Report stage: the judged corpus as the JSON report of the design notes, or as text.

The JSON keys of the design notes are a contract; fields beyond them are
additions (a quote's form, a rendering's score and diff, a version's similarity and
language, a quote group's agreed wording and supporters, a story's lineages, a finding's
contributor verdict and a story's corrections log).
"""

from __future__ import annotations

import json

import orjson

from generator.inputs.problems import problem_line
from generator.model import Corpus, Problem, Quote, Rendering, Story, Unrelated, Verdict

REPORT_VERSION = 1


def _rendering(rendering: Rendering) -> dict:
    quote = rendering.quote
    return {
        "version": rendering.version,
        "text": quote.text if quote else "",
        "speaker": quote.speaker.canonical if quote and quote.speaker else None,
        "speaker_as_written": quote.speaker.as_written if quote and quote.speaker else None,
        "status": rendering.status,
        "score": rendering.score,
        "quote_id": quote.id if quote else None,
        "summary": rendering.summary,
        "diff": [list(op) for op in rendering.diff],
    }


def _quote(quote: Quote) -> dict:
    return {
        "id": quote.id,
        "text": quote.text,
        "form": quote.form,
        "speaker": quote.speaker.canonical if quote.speaker else None,
        "speaker_as_written": quote.speaker.as_written if quote.speaker else None,
        "title": quote.speaker.title if quote.speaker else None,
        "cue": quote.cue,
        "start": quote.start,
        "end": quote.end,
    }


def story_report(story: Story) -> dict:
    """One story as a JSON-ready dict."""
    return {
        "id": story.id,
        "title": story.title,
        "references": list(story.references),
        "reference_reason": story.reference_reason,
        "notes": story.notes,
        "versions": [
            {
                "id": s.version.id,
                "path": s.version.path,
                "outlet": s.version.meta.outlet,
                "kind": s.version.meta.kind,
                "language": s.version.language,
                "headline": s.version.headline,
                "role": s.role,
                "similarity": s.similarity,
                "quotes": [_quote(q) for q in s.quotes],
                "removed": [{"text": r.text, "reason": r.reason} for r in s.version.removed],
            }
            for s in story.versions
        ],
        "quotes": [
            {"id": g.id, "speaker": g.speaker, "trusted": g.trusted.text if g.trusted else None,
             "consensus": g.consensus.version if g.consensus else None, "supporters": list(g.supporters),
             "renderings": [_rendering(r) for r in g.renderings]}
            for g in story.groups
        ],
        "lineages": [
            {"id": lineage.id, "members": list(lineage.members), "reason": lineage.reason,
             "descent": [{"child": d.child, "parent": d.parent, "shared": d.shared} for d in lineage.descent]}
            for lineage in story.lineages
        ],
        "facts": [
            {"id": fact.id, "kind": fact.kind, "subject": fact.subject,
             "values": [{"version": v.version, "status": v.status, "text": v.text} for v in fact.values]}
            for fact in story.facts
        ],
        "findings": [
            {
                "id": f.id, "kind": f.kind, "version": f.version, "speaker": f.speaker,
                "reference_version": f.reference_version, "reference_text": f.reference_text,
                "version_text": f.version_text, "severity": f.severity, "explanation": f.explanation,
                "diff": [list(op) for op in f.diff], "quote": f.group,
                "verdict": _verdict(f.verdict),
            }
            for f in story.findings
        ],
        "corrections_log": [{"date": e.date, "summary": e.summary, "type": e.type} for e in story.corrections_log],
    }


def _verdict(verdict: Verdict | None) -> dict | None:
    """A contributor's verdict as in corrections.yml (None when the finding has none)."""
    if verdict is None:
        return None
    return {
        "verdict": verdict.verdict, "note": verdict.note, "reviewer": verdict.reviewer, "date": verdict.date,
        "severity": verdict.severity,
        "sources": [{"url": s.url, "archived": s.archived, "retrieved": s.retrieved, "seed": s.seed,
                     "title": s.title} for s in verdict.sources],
        "file": verdict.path, "line": verdict.line,
    }


def unrelated_report(item: Unrelated) -> dict:
    """A file set apart as a JSON-ready dict."""
    return {"id": item.version.id, "path": item.version.path, "reason": item.reason}


def problem_report(found: Problem) -> dict:
    """A problem as a JSON-ready dict."""
    return {"level": found.level, "path": found.path, "line": found.line, "message": found.message}


def report(corpus: Corpus) -> dict:
    """The whole report."""
    return {
        "report_version": REPORT_VERSION,
        "stories": [story_report(s) for s in corpus.stories],
        "unrelated": [unrelated_report(u) for u in corpus.unrelated],
        "problems": [problem_report(p) for p in corpus.problems],
    }


def to_json(corpus: Corpus) -> str:
    """The report as deterministic JSON text."""
    return indented_json(report(corpus)) + "\n"


def indented_json(data: dict) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, byte for byte, by orjson: the standard
    library's indenting encoder is pure Python and took seconds at 10,000 versions.  The two write
    alike all a report holds: text, integers, booleans, None and floats rounded to hundredths."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()


def json_line(kind: str, entry: dict) -> str:
    """One line of the JSON Lines report: ``{"<kind>": <entry>}`` and a newline.

    The report as JSON Lines (``--format jsonl``) is one line per record, so a
    reader can take each story as it comes: first ``{"report_version": 1}``,
    then one ``{"story": ...}`` per story in story order, then one
    ``{"unrelated": ...}`` per file set apart and one ``{"problem": ...}`` per
    problem.  Each entry is the one the JSON document holds in its list of that
    name (``stories``, ``unrelated``, ``problems``)."""
    return json.dumps({kind: entry}, ensure_ascii=False, separators=(", ", ": ")) + "\n"


def jsonl_header() -> str:
    """The first line of the JSON Lines report."""
    return json.dumps({"report_version": REPORT_VERSION}) + "\n"


def to_jsonl(corpus: Corpus) -> str:
    """The whole report as JSON Lines (what a streamed report writes, line for line)."""
    return "".join([jsonl_header(), *(json_line("story", story_report(s)) for s in corpus.stories),
                    *(json_line("unrelated", unrelated_report(u)) for u in corpus.unrelated),
                    *(json_line("problem", problem_report(p)) for p in corpus.problems)])


def to_text(corpus: Corpus) -> str:
    """A readable summary of the report."""
    lines = []
    for story in corpus.stories:
        lines.append(f"{story.title} [{story.id}]")
        lines.append(f"  references: {', '.join(story.references)} ({story.reference_reason})")
        lines.append(f"  {len(story.versions)} versions, {len(story.groups)} quotes tracked, "
                     f"{len(story.findings)} findings")
        for finding in story.findings:
            speaker = f" {finding.speaker}:" if finding.speaker else ""
            lines.append(f"  - {finding.version} {finding.severity} {finding.kind}{speaker} {finding.explanation}")
            if finding.verdict:
                lines.append(f"    verdict: {finding.verdict.verdict} by {finding.verdict.reviewer} "
                             f"on {finding.verdict.date}")
        lines.append("")
    for unrelated in corpus.unrelated:
        lines.append(f"Set apart: {unrelated.version.path}: {unrelated.reason}")
    if corpus.problems:
        lines.append("")
    for found in corpus.problems:
        lines.append(f"Problem: {problem_line(found)}")
    return "\n".join(lines).rstrip() + "\n"
