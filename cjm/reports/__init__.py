"""Every output format of `cjm check`, built from one list of plain finding records.

Machine formats (json, github, sarif, junit) return a string and import nothing heavy;
the text format is drawn with Rich, imported only on that path.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from cjm.checker import MapResult, total_coverage

FORMATS = ("text", "json", "github", "sarif", "junit", "auto")
Record = dict[str, object]

# Findings that come from no rule of the registry, with a one-line description each.
OTHER_RULES: dict[str, str] = {
    "syntax": "The file is valid YAML.",
    "load": "The file is a valid journey map (format, types, ids, references).",
    "min-coverage": "The map's coverage is at least the configured minimum.",
}


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


def render_machine(report: Report, name: str) -> str:
    """The report in a machine format, as text ready to print or write."""
    if name == "json":
        from cjm.reports.json_format import render_json

        return render_json(report)
    if name == "github":
        from cjm.reports.github import render_github

        return render_github(report)
    if name == "sarif":
        from cjm.reports.sarif import render_sarif

        return render_sarif(report)
    if name == "junit":
        from cjm.reports.junit import render_junit

        return render_junit(report)
    raise ValueError(f"not a machine format: {name}")
