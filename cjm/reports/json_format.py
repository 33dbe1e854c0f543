"""`--format json`: the schema of FORMAT.md, version 1."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cjm.reports import Report, Style

JSON_VERSION = 1


def render_json(report: Report, style: Style | None = None) -> str:
    maps = [
        {
            "path": result.path,
            "coverage": result.coverage,
            "findings": [finding.record() for finding in result.findings],
        }
        for result in report.results
    ]
    document = {"version": JSON_VERSION, "maps": maps, "summary": report.summary()}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
