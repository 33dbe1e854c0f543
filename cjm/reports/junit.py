"""`--format junit`: JUnit XML for CI test dashboards (GitLab, Jenkins, Azure DevOps).

A testsuite per map, a testcase per rule that ran on it. A testcase fails (`<failure>`)
when the rule found something at a failing severity, as the exit code does; findings
below it (warnings without --strict, infos) are listed in the testcase's `<system-out>`
and leave it passing. A map that did not load gets an `<error>` testcase. The map's
coverage is said in its suite's `<system-out>`, not as a `<property>`: readers that gather
the properties of every suite into one table (xunitparser) refuse a name that two suites share.

Every text goes through `visible` first: ElementTree escapes `<`, `&` and quotes but
writes the characters XML 1.0 forbids (NUL, ESC, U+FFFE, lone surrogates) as they are,
which makes the whole file unreadable to a strict parser.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TYPE_CHECKING

from cjm.check.run import MapResult
from cjm.i18n import gettext as _
from cjm.i18n import ngettext
from cjm.reports.escape import visible
from cjm.rules import RULES, Finding
from cjm.vocabulary import LOAD_CODES

if TYPE_CHECKING:
    from cjm.reports import Report, Style


def _line(finding: Finding) -> str:
    return visible(f"{finding.position}: {finding.rule} {finding.severity}: {finding.message}")


def _testcase(suite: ET.Element, result: MapResult, code: str, findings: list[Finding]) -> str:
    """Add one testcase; returns 'error', 'failure' or 'pass'."""
    known = RULES.get(code)
    name = f"{code} {known.name}" if known else code
    path = visible(result.path)
    case = ET.SubElement(suite, "testcase", classname=path, name=name, file=path)
    failing = [finding for finding in findings if finding.severity in result.failing]
    if code in LOAD_CODES:
        count = len(findings)
        message = ngettext("{count} problem(s) loading the map", "{count} problem(s) loading the map", count)
        error = ET.SubElement(case, "error", type=code, message=message.format(count=count))
        error.text = "\n".join(_line(finding) for finding in findings)
        return "error"
    if failing:
        worst = failing[0].severity if all(f.severity == failing[0].severity for f in failing) else "error"
        message = ngettext("{count} finding(s)", "{count} finding(s)", len(failing)).format(
            count=len(failing)
        )
        failure = ET.SubElement(case, "failure", type=worst, message=message)
        failure.text = "\n".join(_line(finding) for finding in failing)
    passing = [finding for finding in findings if finding.severity not in result.failing]
    if passing:
        ET.SubElement(case, "system-out").text = "\n".join(_line(finding) for finding in passing)
    return "failure" if failing else "pass"


def _suite(root: ET.Element, result: MapResult) -> tuple[int, int, int]:
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_rule[finding.rule].append(finding)
    codes = list(dict.fromkeys([*result.rules_run, *by_rule]))
    suite = ET.SubElement(root, "testsuite", name=visible(result.path))
    outcomes = [_testcase(suite, result, code, by_rule.get(code, [])) for code in codes]
    if result.coverage is not None:  # after the testcases, where the JUnit schema puts it
        coverage = f"{result.coverage:g}%"
        ET.SubElement(suite, "system-out").text = _("coverage {coverage}").format(coverage=coverage)
    counts = (len(outcomes), outcomes.count("failure"), outcomes.count("error"))
    suite.set("tests", str(counts[0]))
    suite.set("failures", str(counts[1]))
    suite.set("errors", str(counts[2]))
    return counts


def render_junit(report: Report, style: Style | None = None) -> str:
    root = ET.Element("testsuites", name="cjm check")
    totals = [_suite(root, result) for result in report.results]
    root.set("tests", str(sum(total[0] for total in totals)))
    root.set("failures", str(sum(total[1] for total in totals)))
    root.set("errors", str(sum(total[2] for total in totals)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
