"""`--format json`: FORMAT.md's "`cjm diff --format json`", version 1."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from cjm.diff.run import JSON_VERSION, summary

if TYPE_CHECKING:
    from cjm.diff.review import MapDiff
    from cjm.reports import Style


def render_json(diffs: list[MapDiff], style: Style | None = None) -> str:
    document = {"version": JSON_VERSION, "maps": [diff.record() for diff in diffs], "summary": summary(diffs)}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
