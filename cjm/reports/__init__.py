"""Every output format of `cjm check`, built from one list of plain finding records.

Machine formats (json, github, sarif, junit) return a string and import nothing heavy;
the text format is drawn with Rich, imported only on that path.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from dataclasses import dataclass

from cjm.check.run import MapResult, total_coverage

Record = dict[str, object]

# Every format of `cjm check --format`: its printer, imported only when it is used.
PRINTERS: dict[str, str] = {
    "text": "cjm.reports.text:render_text",
    "json": "cjm.reports.json_format:render_json",
    "github": "cjm.reports.github:render_github",
    "sarif": "cjm.reports.sarif:render_sarif",
    "junit": "cjm.reports.junit:render_junit",
}


@dataclass(frozen=True)
class Style:
    """How a report is printed: whether the run failed, and for people, colour and width."""

    failed: bool = False
    color: str | None = None  # a Rich colour system ('truecolor', '256', 'standard'), or none
    width: int = 120


@dataclass
class Report:
    """The results of one `cjm check` run, over every map it read."""

    results: list[MapResult]

    def records(self) -> list[Record]:
        return [finding.record() for result in self.results for finding in result.findings]

    def count(self, severity: str) -> int:
        return sum(finding.severity == severity for result in self.results for finding in result.findings)

    @property
    def coverage(self) -> float | None:
        return total_coverage(self.results)

    def summary(self) -> Record:
        return {
            "maps": len(self.results),
            "errors": self.count("error"),
            "warnings": self.count("warning"),
            "infos": self.count("info"),
            "coverage": self.coverage,
        }


def pick_format(name: str, environ: Mapping[str, str] | None = None) -> str:
    """`auto` is `github` under GitHub Actions (as yamllint does), else `text`."""
    if name != "auto":
        return name
    environ = os.environ if environ is None else environ
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def render_report(report: Report, name: str, style: Style) -> str:
    """The report in one of the PRINTERS formats, as text ready to print or write."""
    module, function = PRINTERS[name].split(":")
    return getattr(importlib.import_module(module), function)(report, style)
