"""Machine formats of `cjm check`, read by real consumers: JSON Schema, the SARIF 2.1.0 schema, XML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, Draft202012Validator

from cjm.reports.github import command, escape_data, escape_property
from tests.conftest import run_cjm
from tests.rules.test_rules import LOYALTY_TOUCHPOINTS, edited

DATA = Path(__file__).parent / "data"

# FORMAT.md's `cjm check --format json`, as a schema: exactly these keys, nothing else.
FINDING = {
    "type": "object",
    "additionalProperties": False,
    "required": ["rule", "severity", "message", "path", "line", "column", "element"],
    "properties": {
        "rule": {"type": "string", "minLength": 1},
        "severity": {"enum": ["error", "warning", "info"]},
        "message": {"type": "string", "minLength": 1},
        "path": {"type": "string"},
        "line": {"type": "integer", "minimum": 0},
        "column": {"type": "integer", "minimum": 0},
        "element": {"type": ["string", "null"]},
    },
}
JSON_REPORT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "maps", "summary"],
    "properties": {
        "version": {"const": 1},
        "maps": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["path", "coverage", "findings"],
                "properties": {
                    "path": {"type": "string"},
                    "coverage": {"type": ["number", "null"], "minimum": 0, "maximum": 100},
                    "findings": {"type": "array", "items": FINDING},
                },
            },
        },
        "summary": {
            "type": "object",
            "additionalProperties": False,
            "required": ["maps", "errors", "warnings", "infos", "coverage"],
            "properties": {
                "maps": {"type": "integer"},
                "errors": {"type": "integer"},
                "warnings": {"type": "integer"},
                "infos": {"type": "integer"},
                "coverage": {"type": ["number", "null"]},
            },
        },
    },
}

# Two maps with an error, a warning and an info, and a map that does not load.
MIXED = {
    "a.yaml": edited(LOYALTY_TOUCHPOINTS, "    touchpoints: []\n"),
    "b.yaml": edited("    goal: Come back\n", "").replace("        evidence: [Analytics]\n", ""),
    "c.yaml": "cjm: 1\ntitle: [unclosed\n",
}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mixed")
    for name, text in MIXED.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run_format(folder: Path, fmt: str, *names: str) -> tuple[int, str]:
    result = run_cjm("check", "--format", fmt, *(names or MIXED), cwd=folder)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout


# --- json --------------------------------------------------------------------------------------


def test_json_matches_the_documented_schema(mixed: Path) -> None:
    exit_code, out = run_format(mixed, "json")
    assert exit_code == 2
    report = json.loads(out)
    assert list(Draft202012Validator(JSON_REPORT).iter_errors(report)) == []
    a, b, c = report["maps"]
    assert a["findings"] == [
        {
            "rule": "CJM101",
            "severity": "error",
            "message": "stage 'Loyalty' has no touchpoints: add what the customer does here under "
            "'touchpoints' (an action and a channel)",
            "path": "a.yaml",
            "line": 53,
            "column": 5,
            "element": "stages[loyalty]",
        }
    ]
    assert a["coverage"] == 92.9  # 13 of 14: the empty stage has no persona cells (CJM102)
    assert [(f["rule"], f["severity"]) for f in b["findings"]] == [("CJM208", "info"), ("CJM105", "warning")]
    assert (c["coverage"], c["findings"][0]["rule"]) == (None, "syntax")
    assert report["summary"] == {"maps": 3, "errors": 2, "warnings": 1, "infos": 1, "coverage": 93.5}


def test_the_json_schema_above_can_fail() -> None:
    bad = {
        "version": 1,
        "maps": [{"path": "x", "coverage": 1, "findings": [{"rule": "CJM101"}]}],
        "summary": {},
    }
    assert len(list(Draft202012Validator(JSON_REPORT).iter_errors(bad))) >= 2


# --- sarif -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_schema() -> dict:
    return json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_is_valid_sarif_2_1_0(mixed: Path, sarif_schema: dict) -> None:
    exit_code, out = run_format(mixed, "sarif")
    assert exit_code == 2
    log = json.loads(out)
    errors = [f"{e.json_path}: {e.message}" for e in Draft4Validator(sarif_schema).iter_errors(log)]
    assert errors == []
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules[:16]] == [f"CJM10{n}" for n in range(1, 9)] + [
        f"CJM20{n}" for n in range(1, 9)
    ]
    assert rules[3]["name"] == "pain-point-addressed"
    assert rules[3]["defaultConfiguration"] == {"level": "error"}
    assert "Fails:" in rules[3]["help"]["text"]
    first = run["results"][0]
    assert (first["ruleId"], first["level"], rules[first["ruleIndex"]]["id"]) == ("CJM101", "error", "CJM101")
    location = first["locations"][0]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": "a.yaml"},
        "region": {"startLine": 53, "startColumn": 5},
    }
    assert location["logicalLocations"] == [{"fullyQualifiedName": "stages[loyalty]"}]
    levels = sorted(result["level"] for result in run["results"])
    assert levels == ["error", "error", "note", "warning"]


def test_the_sarif_schema_can_fail(sarif_schema: dict) -> None:
    broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": [{"ruleId": "x"}]}]}
    messages = [e.message for e in Draft4Validator(sarif_schema).iter_errors(broken)]
    assert any("'name' is a required property" in m for m in messages)
    assert any("'message' is a required property" in m for m in messages)


def test_sarif_uris_are_relative_and_escaped(tree) -> None:
    folder = tree({"my maps/journey.yaml": edited("    goal: Come back\n", "")})
    _, out = run_format(folder, "sarif", "my maps")
    [result] = json.loads(out)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "my%20maps/journey.yaml"


# --- junit -------------------------------------------------------------------------------------


def test_junit_suite_per_map_case_per_rule(mixed: Path) -> None:
    _, out = run_format(mixed, "junit")
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [suite.get("name") for suite in suites] == ["a.yaml", "b.yaml", "c.yaml"]
    a, b, c = suites
    assert (a.get("tests"), a.get("failures"), a.get("errors")) == ("20", "1", "0")
    [failed] = [case for case in a.findall("testcase") if case.find("failure") is not None]
    assert failed.get("name") == "CJM101 stage-has-touchpoints"
    failure = failed.find("failure")
    assert failure is not None and failure.get("type") == "error"
    assert failure.text == (
        "a.yaml:53:5: CJM101 error: stage 'Loyalty' has no touchpoints: add what the customer does "
        "here under 'touchpoints' (an action and a channel)"
    )
    assert a.find("properties/property[@name='coverage']").get("value") == "92.9"
    # a warning does not fail the check without --strict, so its testcase passes and says why
    assert b.get("failures") == "0"
    goal = next(case for case in b.findall("testcase") if case.get("name") == "CJM105 stage-has-goal")
    assert goal.find("failure") is None and "CJM105 warning" in goal.find("system-out").text
    assert (c.get("tests"), c.get("errors")) == ("1", "1")
    assert c.find("testcase/error").get("type") == "syntax"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("41", "1", "1")


def test_junit_strict_makes_warnings_failures(mixed: Path) -> None:
    result = run_cjm("check", "--format", "junit", "--strict", "b.yaml", cwd=mixed)
    assert result.returncode == 1
    [suite] = ET.fromstring(result.stdout).findall("testsuite")
    assert suite.get("failures") == "1"


# --- github ------------------------------------------------------------------------------------


def test_github_escaping() -> None:
    assert escape_data("50% off\r\nnow: a, b") == "50%25 off%0D%0Anow: a, b"
    assert escape_property("a,b:c%d\n") == "a%2Cb%3Ac%25d%0A"
    record = {
        "rule": "CJM105",
        "severity": "info",
        "message": "100% sure",
        "path": "x,y:z.yaml",
        "line": 3,
        "column": 5,
        "element": None,
    }
    assert (
        command(record)
        == "::notice file=x%2Cy%3Az.yaml,line=3,col=5,title=CJM105 stage-has-goal::100%25 sure"
    )


def test_github_annotations_end_to_end(mixed: Path) -> None:
    folder = mixed / "odd"
    folder.mkdir(exist_ok=True)
    (folder / "50%, off.yaml").write_text(
        edited("    goal: Come back\n", "").replace("name: Loyalty", "name: 'Loyalty: 100%, really'"),
        encoding="utf-8",
    )
    exit_code, out = run_format(folder, "github", "50%, off.yaml")
    assert exit_code == 0
    lines = out.splitlines()
    assert lines[0] == (
        "::warning file=50%25%2C off.yaml,line=45,col=5,title=CJM105 stage-has-goal::"
        "stage 'Loyalty: 100%25, really' has no goal: add 'goal:' with what the business wants here"
    )
    assert lines[-1] == "cjm check: 1 map(s), 0 error(s), 1 warning(s), 0 info(s); coverage 94.1%"


def test_github_load_errors_are_annotations(mixed: Path) -> None:
    _, out = run_format(mixed, "github", "c.yaml")
    assert out.startswith("::error file=c.yaml,line=3,col=1,title=syntax::YAML syntax error")


def test_machine_formats_do_not_load_rich_text_rendering(mixed: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from cjm.cli import main; sys.argv=['cjm','check','--format','json','a.yaml'];\n"
        "try: main()\nexcept SystemExit: pass\n"
        "print('rich.table' in sys.modules, 'rich.console' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=mixed, capture_output=True, text=True, check=False
    )
    assert result.stderr.strip().endswith("False False"), result.stderr
