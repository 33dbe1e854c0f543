"""Reviews of map texts in process: the pure part of `cjm diff`, for the tests of its logic."""

from __future__ import annotations

import textwrap

from cjm.check.config import CheckOptions, resolve_config
from cjm.check.run import check_map
from cjm.diff.review import MapDiff, Version, review
from cjm.load.journey import load_map_text
from cjm.load.settings import Settings

CONFIG = resolve_config(Settings(), CheckOptions())


def version(text: str, label: str) -> Version:
    journey = load_map_text(textwrap.dedent(text), label)
    return Version(label, check_map(journey, "journey.yaml", CONFIG))


def review_texts(old: str, new: str) -> MapDiff:
    return review("journey.yaml", version(old, "old"), version(new, "new"), CONFIG.failing)


def records(old: str, new: str) -> list[tuple[str, str, str | None, object, object]]:
    """(change, element, field, old, new) of every change, in the review's order."""
    return [
        (change.change, change.element, change.field, change.old, change.new)
        for change in review_texts(old, new).changes
    ]


def one_stage(*touchpoints: str, extra: str = "") -> str:
    """A small map whose only stage has these touchpoints (YAML flow mappings)."""
    items = "".join(f"      - {touchpoint}\n" for touchpoint in touchpoints)
    head = (
        "cjm: 1\ntitle: T\nbusiness: b2c\npersonas: [{id: p, name: P}]\nchannels: [{id: web}, {id: shop}]\n"
    )
    return f"{head}stages:\n  - id: s\n    name: S\n    touchpoints:\n{items}{extra}"
