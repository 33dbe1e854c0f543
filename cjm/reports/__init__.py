"""Every output format of `cjm check`, built from one list of plain finding records.

Machine formats (json, github, sarif, junit) return a string and import nothing heavy;
the text format is drawn with Rich, imported only on that path. Every text that came from
a map or a file name goes through `escape.visible` before it is printed (see there why).
"""

from __future__ import annotations

import codecs
import importlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cjm.reports.escape import visible

if TYPE_CHECKING:
    from cjm.check.run import MapResult
    from cjm.rules import Finding

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
        return [safe_record(finding) for result in self.results for finding in result.findings]

    def count(self, severity: str) -> int:
        return sum(finding.severity == severity for result in self.results for finding in result.findings)

    @property
    def coverage(self) -> float | None:
        from cjm.check.run import total_coverage

        return total_coverage(self.results)

    def summary(self) -> Record:
        return {
            "maps": len(self.results),
            "errors": self.count("error"),
            "warnings": self.count("warning"),
            "infos": self.count("info"),
            "coverage": self.coverage,
        }


def safe_record(finding: Finding) -> Record:
    """A finding's record with its texts made inert: message, path and element label."""
    record = finding.record()
    for key in ("message", "path", "element"):
        if isinstance(record[key], str):
            record[key] = visible(record[key])  # type: ignore[arg-type]
    return record


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


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def for_encoding(text: str, name: str, encoding: str | None) -> str:
    """The report, still valid in its format, for an output whose encoding is not UTF-8.

    JSON (RFC 8259) and JUnit XML (declared UTF-8) are read as UTF-8 whatever the locale, so
    where stdout has another encoding (PYTHONIOENCODING=ascii or latin-1, a C locale without
    UTF-8) they are written in ASCII: other characters as \\u escapes and as XML character
    references, which mean the same. Text and github are left to the stream, which writes
    backslash escapes for what its encoding lacks.
    """
    if encoding is None or codecs.lookup(encoding).name == "utf-8" or text.isascii():
        return text
    if name in ("json", "sarif"):
        return _NON_ASCII.sub(lambda match: json.dumps(match.group())[1:-1], text)
    if name == "junit":
        return text.encode("ascii", "xmlcharrefreplace").decode("ascii")
    return text
