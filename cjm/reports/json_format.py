"""`--format json`: the schema of FORMAT.md, version 1."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from cjm.reports import safe_record
from cjm.reports.escape import visible

if TYPE_CHECKING:
    from cjm.reports import Report, Style

JSON_VERSION = 1


def render_json(report: Report, style: Style | None = None) -> str:
    maps = [
        {
            "path": visible(result.path),
            "coverage": result.coverage,
            "findings": [safe_record(finding) for finding in result.findings],
        }
        for result in report.results
    ]
    document = {"version": JSON_VERSION, "maps": maps, "summary": report.summary()}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
