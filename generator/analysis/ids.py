"""Stable ids derived from content, so they survive re-runs and unrelated edits."""

from __future__ import annotations

import hashlib

from .normalize import key


def finding_id(story: str, version: str, kind: str, words: str) -> str:
    """``<kind>-<10 hex>`` from the story, the version, the kind and the normalised words."""
    digest = hashlib.sha1(f"{story}\n{version}\n{kind}\n{key(words)}".encode()).hexdigest()
    return f"{kind.replace('_', '-')}-{digest[:10]}"
