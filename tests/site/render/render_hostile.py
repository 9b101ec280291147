"""Hostile strings, and a Corpus with one of them in every string field of a story.

Each string attacks one layer: raw HTML, Markdown links and images,
CriticMarkup and snippets (preprocessors that fire before escaping could
help), attr_list, page titles and front matter, tables, control and
direction characters.
"""

from __future__ import annotations

from generator.model import (
    Corpus,
    Descent,
    Finding,
    Lineage,
    Quote,
    QuoteGroup,
    RemovedLine,
    Rendering,
    Speaker,
    Story,
    Unrelated,
    Version,
    VersionMeta,
    VersionSummary,
)

HOSTILE_STRINGS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<style>body{display:none}</style>",
    '<a href="javascript:alert(1)">click</a>',
    "[click me](javascript:alert(1))",
    '![pic](x.png "t" onerror="alert(1)")',
    "[ref][x]\n\n[x]: javascript:alert(1)",
    "<https://evil.example/>",
    "</title><script>alert(1)</script>",
    '"onmouseover="alert(1)',
    "{--deleted--}{++inserted++}",
    "{~~old~>new~~} {==marked==}{>>comment<<}",
    '--8<-- "/etc/passwd"',
    '--8<-- "mkdocs.yml"',
    '\n--8<-- "stories/_home.md"\n',
    "<!-- hidden --> visible",
    '{: onclick="alert(1)" }',
    'word{ onclick="alert(1)" .evil #id }',
    ":smile: :fontawesome-brands-github:",
    "a | b | c",
    "---\ntitle: pwned\n---",
    "\x00null\x01\x07\x1b[31mred\x7f",
    "\u202eevil\u202c gnp.exe \u2066iso\u2069",
    "# Heading\n## Another",
    "* list\n1. numbered\n> quote",
    "    indented code",
    "```js\nalert(1)\n```",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    '!!! danger "Pwned"\n    body',
    "==mark== ^^ins^^ ~~del~~ ^sup^ ~sub~",
    "{{ config.site_name }} {% include 'x' %}",
    '<div markdown="1">**bold**</div>',
    "*[HTML]: Hyper Text\n\nHTML",
    "$$x^2$$ @someone [[wiki]]",
    "line\u2028separator\u2029paragraph\r\nwindows",
    "\\*not emphasis\\* `code` __under__",
    "<<<>>>&&&;;;",
)
"""At least 30 strings, each visible as literal text once escaped."""


def hostile_corpus(strings: tuple[str, ...] = HOSTILE_STRINGS) -> Corpus:
    """One story and one unrelated file per string, with the string in every
    string field (ids, paths, meta, text, speakers, statuses, findings)."""
    stories = tuple(_story(text, number) for number, text in enumerate(strings))
    unrelated = tuple(_unrelated(text, number) for number, text in enumerate(strings))
    return Corpus(stories=stories, unrelated=unrelated)


def page_text(hostile: str) -> str:
    """Article text carrying the hostile string in narration and in a quote."""
    return f"Intro {hostile} end.\n\nShe said “{hostile}” today.\n\n{hostile}"


def _version(hostile: str, version_id: str, number: int) -> Version:
    return Version(
        id=version_id,
        path=f"{hostile}/{number}",
        folder=hostile,
        meta=VersionMeta(
            title=hostile, outlet=hostile, url=hostile, published=hostile, retrieved=hostile,
            language=hostile, author=hostile, kind=hostile,  # type: ignore[arg-type]
        ),
        text=page_text(hostile),
        headline=hostile,
        removed=(RemovedLine(text=hostile, reason=hostile),),
    )


def _quote(hostile: str, version_id: str) -> Quote:
    text = page_text(hostile)
    start = text.index("“") + 1
    return Quote(
        id=f"{version_id}:q1",
        version=version_id,
        start=start,
        end=start + len(hostile),
        text=hostile,
        form="full",
        sentence=hostile,
        speaker=Speaker(canonical=hostile, as_written=hostile + " said", title=hostile,
                        via_pronoun=True, speaks_for=hostile),
        cue=hostile,
        nested=(hostile,),
    )


def _story(hostile: str, number: int) -> Story:
    reference_id, copy_id = hostile, f"{hostile} (copy {number})"
    reference, copy = _version(hostile, reference_id, number), _version(hostile, copy_id, number)
    trusted, copied = _quote(hostile, reference_id), _quote(hostile, copy_id)
    diff = (("=", hostile), ("-", hostile), ("+", hostile), ("=", hostile))
    group = QuoteGroup(
        id=hostile,
        speaker=hostile,
        trusted=trusted,
        renderings=(
            Rendering(version=reference_id, status="reference", quote=trusted, score=1.0,
                      summary=hostile),
            Rendering(version=copy_id, status=hostile, quote=copied, score=0.5,  # type: ignore[arg-type]
                      diff=diff, summary=hostile),
        ),
    )
    finding_fields = dict(
        severity=hostile, version=copy_id, speaker=hostile, reference_version=hostile,
        reference_text=hostile, version_text=hostile, explanation=hostile,
    )
    findings = (
        Finding(id=hostile, kind=hostile, diff=diff, group=hostile, **finding_fields),  # type: ignore[arg-type]
        Finding(id=hostile + " 2", kind=hostile, diff=diff, **finding_fields),  # type: ignore[arg-type]
        Finding(id=hostile + " 3", kind=hostile, **finding_fields),  # type: ignore[arg-type]
    )
    return Story(
        id=hostile,
        title=hostile,
        references=(reference_id, f"missing {hostile}"),
        reference_reason=hostile,
        versions=(
            VersionSummary(version=reference, role="reference", similarity=1.0, quotes=(trusted,)),
            VersionSummary(version=copy, role="version", similarity=0.5, quotes=(copied,)),
        ),
        groups=(group,),
        findings=findings,
        notes=hostile,
        # The provenance map draws ids and reasons in SVG text, titles and the list under it.
        lineages=(Lineage(id=reference_id, members=(reference_id, copy_id), reason=hostile,
                          descent=(Descent(child=copy_id, parent=reference_id, shared=0.75),)),),
    )


def _unrelated(hostile: str, number: int) -> Unrelated:
    return Unrelated(version=_version(hostile, f"{hostile} {number}", number), reason=hostile)
