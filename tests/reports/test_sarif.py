"""SARIF as GitHub code scanning ingests it: Microsoft's SARIF Multitool, rule kinds `Sarif` and `Gh`.

The Multitool is a .NET program from npm (@microsoft/sarif-multitool); where it is not installed
the test that runs it is skipped and says so. The facts it checks that matter most to a user
(every code explained, linked to its section of docs/rules.md) are also checked here directly.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from cjm.reports.codes import all_codes, github_anchor, reference_markdown, semantic_version
from tests.conftest import run_cjm
from tests.rules.test_rules import LOYALTY_TOUCHPOINTS, edited

ROOT = Path(__file__).resolve().parents[2]
MULTITOOL = Path(
    os.environ.get(
        "CJM_SARIF_MULTITOOL",
        "/work/tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool",
    )
)

# A finding of every kind: rules at each severity, a file that is not YAML, one that is not a
# map, a cjm.yaml that is wrong, a coverage under the minimum and a file that is missing.
PROJECT = {
    "low/cjm.yaml": "check:\n  min_coverage: 100\n",
    "low/journey.yaml": edited(LOYALTY_TOUCHPOINTS, "    touchpoints: []\n").replace(
        "        evidence: [Analytics]\n", ""
    ),
    "syntax.journey.yaml": "cjm: 1\ntitle: [unclosed\n",
    "load.journey.yaml": "cjm: 1\ntitle: x\nbogus: 1\n",
    "bad/cjm.yaml": "check:\n  rules: {CJM999: error}\n",
    "bad/journey.yaml": edited(LOYALTY_TOUCHPOINTS, LOYALTY_TOUCHPOINTS),
}


@pytest.fixture(scope="module")
def sarif_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sarif")
    for name, text in PROJECT.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    names = ["low", "syntax.journey.yaml", "load.journey.yaml", "bad", "missing.journey.yaml"]
    result = run_cjm("check", "--format", "sarif", "--output", "check.sarif", *names, cwd=folder)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    return folder / "check.sarif"


def result_codes(log: dict) -> set[str]:
    return {found["ruleId"] for found in log["runs"][0]["results"]}


def test_the_sample_covers_every_kind_of_code(sarif_file: Path) -> None:
    codes = result_codes(json.loads(sarif_file.read_text(encoding="utf-8")))
    assert {"syntax", "load", "settings", "min-coverage", "CJM101", "CJM208"} <= codes


def multitool_findings(path: Path, tmp_path: Path) -> list[str]:
    """The Multitool's errors and warnings on a SARIF file (it exits 0 even when it has some)."""
    out = tmp_path / "validation.sarif"
    command = [str(MULTITOOL), "validate", str(path), "--rule-kind", "Sarif;Gh"]
    subprocess.run([*command, "--output", str(out), "--log", "ForceOverwrite"], check=True, timeout=120)
    run = json.loads(out.read_text(encoding="utf-8-sig"))["runs"][0]
    levels = {
        rule["id"]: rule.get("defaultConfiguration", {}).get("level", "warning")
        for rule in run["tool"]["driver"].get("rules", [])
    }
    findings = []
    for found in run.get("results", []):
        level = found.get("level") or levels.get(found["ruleId"], "warning")
        if level in ("error", "warning"):
            findings.append(f"{level} {found['ruleId']}: {found['message'].get('text', found['message'])}")
    return findings


needs_multitool = pytest.mark.skipif(
    not os.access(MULTITOOL, os.X_OK),
    reason=f"the SARIF Multitool is not installed at {MULTITOOL} (npm @microsoft/sarif-multitool; "
    "or set CJM_SARIF_MULTITOOL)",
)


@needs_multitool
def test_the_multitool_finds_nothing_in_sarif_and_gh_rules(sarif_file: Path, tmp_path: Path) -> None:
    assert multitool_findings(sarif_file, tmp_path) == []


@needs_multitool
def test_the_multitool_check_can_fail(sarif_file: Path, tmp_path: Path) -> None:
    log = json.loads(sarif_file.read_text(encoding="utf-8"))
    rule = log["runs"][0]["tool"]["driver"]["rules"][-1]
    del rule["fullDescription"], rule["help"]
    rule["name"] = rule["id"]
    broken = tmp_path / "broken.sarif"
    broken.write_text(json.dumps(log), encoding="utf-8")
    rules = {line.split(":")[0] for line in multitool_findings(broken, tmp_path)}
    assert {"error GH2012", "warning SARIF1001"} <= rules


def test_every_code_is_explained_and_linked_to_its_section(sarif_file: Path) -> None:
    driver = json.loads(sarif_file.read_text(encoding="utf-8"))["runs"][0]["tool"]["driver"]
    assert driver["informationUri"].startswith("https://") and driver["semanticVersion"]
    headings = {
        github_anchor(line[3:])
        for line in (ROOT / "docs/rules.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("## ")
    }
    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == [code.code for code in all_codes()]
    for rule in rules:
        assert rule["name"] != rule["id"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        page, fragment = rule["helpUri"].split("#")
        assert page.endswith("/docs/rules.md") and fragment in headings, rule["id"]


def test_docs_rules_md_is_what_the_registry_says() -> None:
    written = (ROOT / "docs/rules.md").read_text(encoding="utf-8")
    assert written == reference_markdown(), "run: cjm rules --markdown > docs/rules.md"
    printed = run_cjm("rules", "--markdown")
    assert (printed.returncode, printed.stdout) == (0, written)


@pytest.mark.parametrize(
    ("pep440", "semver"),
    [
        ("0.1.0", "0.1.0"),
        ("1.2", "1.2.0"),
        ("2", "2.0.0"),
        ("0.2.0rc1", "0.2.0-rc1"),
        ("0.2.0.dev3", "0.2.0-dev3"),
        ("0.2.0.post1", "0.2.0-post1"),
        ("1.0.0+local.7", "1.0.0+local.7"),
        ("01.002.0", "1.2.0"),
        ("1.2.3.4", "1.2.3"),
    ],
)
def test_semantic_version_of_a_pep_440_version(pep440: str, semver: str) -> None:
    assert semantic_version(pep440) == semver
