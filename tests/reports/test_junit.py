"""JUnit XML as three real readers take it: junitparser, junit2html and the strict xunitparser.

Each reads a report of one map and of several (a failing rule, a passing one with findings
below the failing severity, a map that does not load), and must find the counts `cjm check`
wrote. xunitparser gathers the properties of every suite into one table and asserts the
totals of the root: a name two suites share, or a wrong count, makes it fail.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import junitparser
import pytest
import xunitparser

from tests.conftest import run_cjm
from tests.rules.test_rules import LOYALTY_TOUCHPOINTS, edited

MAPS = {
    "a.yaml": edited(LOYALTY_TOUCHPOINTS, "    touchpoints: []\n"),
    "b.yaml": edited("    goal: Come back\n", "").replace("        evidence: [Analytics]\n", ""),
    "c.yaml": "cjm: 1\ntitle: [unclosed\n",
    "d.yaml": edited(LOYALTY_TOUCHPOINTS, LOYALTY_TOUCHPOINTS),  # the whole map, as it is
}
RUNS = {"one map": ["a.yaml"], "several maps": list(MAPS), "a map that does not load": ["c.yaml"]}


@pytest.fixture(scope="module", params=list(RUNS))
def report(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("junit")
    for name, text in MAPS.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = run_cjm("check", "--format", "junit", "-o", "report.xml", *RUNS[request.param], cwd=folder)
    assert result.returncode in (1, 2) and "Traceback" not in result.stderr
    return folder / "report.xml"


def written_counts(path: Path) -> tuple[int, int, int]:
    root = ET.parse(path).getroot()
    return int(root.get("tests", -1)), int(root.get("failures", -1)), int(root.get("errors", -1))


def test_junitparser_reads_the_counts(report: Path) -> None:
    suites = list(junitparser.JUnitXml.fromfile(str(report)))
    cases = [case for suite in suites for case in suite]
    failures = [case for case in cases if any(isinstance(r, junitparser.Failure) for r in case.result)]
    errors = [case for case in cases if any(isinstance(r, junitparser.Error) for r in case.result)]
    assert (len(cases), len(failures), len(errors)) == written_counts(report)
    assert failures or errors


def test_xunitparser_accepts_it(report: Path) -> None:
    suite, result = xunitparser.parse(str(report))  # asserts the root's totals and unique properties
    assert (result.testsRun, len(result.failures), len(result.errors)) == written_counts(report)
    assert suite.properties == {}


def test_junit2html_renders_it(report: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    command = [sys.executable, "-m", "junit2htmlreport", str(report), str(page)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    html = page.read_text(encoding="utf-8")
    assert "Traceback" not in done.stderr and ("CJM101" in html or "syntax" in html)


def test_each_suite_says_its_coverage_in_its_output(report: Path) -> None:
    for suite in ET.parse(report).getroot().findall("testsuite"):
        assert suite.find("properties") is None
        out = suite.find("system-out")
        if suite.get("name") == "c.yaml":  # did not load: no coverage
            assert out is None
        else:
            assert out is not None and out.text is not None and out.text.startswith("coverage ")


def test_xunitparser_would_refuse_a_property_two_suites_share(tmp_path: Path) -> None:
    """What the earlier reports did: a `coverage` property in every suite."""
    shared = "<properties><property name='coverage' value='90'/></properties>"
    suites = f"<testsuite name='a'>{shared}</testsuite><testsuite name='b'>{shared}</testsuite>"
    path = tmp_path / "old.xml"
    path.write_text(f"<testsuites>{suites}</testsuites>", encoding="utf-8")
    with pytest.raises(AssertionError):
        xunitparser.parse(str(path))
