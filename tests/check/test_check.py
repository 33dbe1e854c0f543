"""`cjm check` end to end: the real command on real files, exit codes, text output, settings."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, cjm_command, run_cjm, sample_paths
from tests.rules.fixtures import GOOD, Case, all_cases
from tests.rules.test_rules import LOYALTY_TOUCHPOINTS, edited

ANSI = re.compile(r"\x1b\[")
FINDING_LINE = re.compile(
    r"^(?P<where>\S+:\d+:\d+)  (?P<code>\S+)\s+(?P<severity>error|warning|info)\s+(?P<message>.+)$", re.M
)


def check_json(*args: str | Path, cwd: Path) -> tuple[int, dict]:
    result = run_cjm("check", "--format", "json", *args, cwd=cwd)
    assert "Traceback" not in result.stderr
    return result.returncode, json.loads(result.stdout)


def found(report: dict) -> list[tuple[str, int, int]]:
    return [(f["rule"], f["line"], f["column"]) for m in report["maps"] for f in m["findings"]]


# --- every rule through the real command ---------------------------------------------------


def test_every_failing_rule_case_through_the_real_command(tree) -> None:
    """One `cjm check` over every rule's failing cases (a map each): each finding at its place."""
    failing: list[Case] = all_cases("failing")
    folder = tree({f"case-{index}.yaml": case.text for index, case in enumerate(failing)})
    names = [f"case-{index}.yaml" for index in range(len(failing))]
    exit_code, report = check_json(*names, cwd=folder)
    assert exit_code == 1  # some cases break error rules
    for case, result in zip(failing, report["maps"], strict=True):
        findings = [(f["rule"], f["line"], f["column"]) for f in result["findings"]]
        assert [(case.code, *where) for where in case.found] == [f for f in findings if f[0] == case.code], (
            case.id
        )


def test_good_map_is_clean(tree) -> None:
    folder = tree({"journey.yaml": GOOD})
    exit_code, report = check_json("journey.yaml", cwd=folder)
    assert exit_code == 0
    assert report == {
        "version": 1,
        "maps": [{"path": "journey.yaml", "coverage": 100.0, "findings": []}],
        "summary": {"maps": 1, "errors": 0, "warnings": 0, "infos": 0, "coverage": 100.0},
    }


SAMPLES = sample_paths()


@pytest.mark.skipif(not SAMPLES, reason="samples not written yet")
def test_samples_have_no_error_or_warning() -> None:
    exit_code, report = check_json(*SAMPLES, "--strict", cwd=ROOT)
    assert exit_code == 0, report
    assert len(report["maps"]) == len(SAMPLES)
    loud = [f for m in report["maps"] for f in m["findings"] if f["severity"] != "info"]
    assert loud == []


# --- exit codes ------------------------------------------------------------------------------

WARNING_ONLY = edited("    goal: Come back\n", "")
ERROR = edited(LOYALTY_TOUCHPOINTS, "    touchpoints: []\n")


def test_exit_codes(tree) -> None:
    folder = tree(
        {
            "good.yaml": GOOD,
            "warning.yaml": WARNING_ONLY,
            "error.yaml": ERROR,
            "broken.yaml": "cjm: 1\ntitle: [unclosed\n",
        }
    )
    assert run_cjm("check", "good.yaml", cwd=folder).returncode == 0
    assert run_cjm("check", "warning.yaml", cwd=folder).returncode == 0
    assert run_cjm("check", "warning.yaml", "--strict", cwd=folder).returncode == 1
    assert run_cjm("check", "error.yaml", cwd=folder).returncode == 1
    assert run_cjm("check", "good.yaml", "error.yaml", cwd=folder).returncode == 1
    assert run_cjm("check", "good.yaml", "broken.yaml", "error.yaml", cwd=folder).returncode == 2
    assert run_cjm("check", "warning.yaml", "--min-coverage", "95", cwd=folder).returncode == 1
    assert run_cjm("check", "warning.yaml", "--min-coverage", "94", cwd=folder).returncode == 0
    assert run_cjm("check", "good.yaml", "--format", "xml", cwd=folder).returncode == 2
    assert run_cjm("check", "good.yaml", "--min-coverage", "101", cwd=folder).returncode == 2


def test_load_errors_are_findings_in_every_format_and_exit_2(tree) -> None:
    folder = tree({"good.yaml": GOOD, "broken.yaml": "cjm: 1\ntitle: [unclosed\n"})
    exit_code, report = check_json("good.yaml", "broken.yaml", cwd=folder)
    assert exit_code == 2
    assert [m["path"] for m in report["maps"]] == ["good.yaml", "broken.yaml"]
    [problem] = report["maps"][1]["findings"]
    assert (problem["rule"], problem["severity"], problem["line"]) == ("syntax", "error", 3)
    assert report["maps"][1]["coverage"] is None
    text = run_cjm("check", "good.yaml", "broken.yaml", cwd=folder)
    assert text.returncode == 2
    assert re.search(r"^broken\.yaml:3:1: YAML syntax error", text.stderr, re.M)
    assert re.search(r"^broken\.yaml:3:1  syntax  error  YAML syntax error", text.stdout, re.M)


def test_missing_file_and_empty_folder(tree) -> None:
    folder = tree({"empty/README.md": "nothing here"})
    result = run_cjm("check", "nope.yaml", "empty", cwd=folder)
    assert result.returncode == 2
    assert "nope.yaml: no such file" in result.stderr
    assert "empty: no journey.yaml here" in result.stderr


# --- text output ---------------------------------------------------------------------------


def test_text_output_findings_matrix_worst_stage_coverage_summary(tree) -> None:
    text = GOOD.replace("        emotion: 1\n", "        personas: [buyer]\n")
    folder = tree({"journey.yaml": text})
    result = run_cjm("check", cwd=folder)
    assert result.returncode == 1, result.stderr
    out = result.stdout
    lines = [match.groupdict() for match in FINDING_LINE.finditer(out)]
    assert [(line["where"], line["code"], line["severity"]) for line in lines] == [
        ("journey.yaml:53:5", "CJM102", "error"),
        ("journey.yaml:54:9", "CJM108", "warning"),
    ]
    assert "persona 'Gifter' has no touchpoint in stage 'Loyalty'" in lines[0]["message"]
    assert re.search(r"Discovery\s+│ 1 tp :\( -1\.0\s+│ 1 tp :\( -1\.0", out)
    assert re.search(r"Loyalty\s+│ 1 tp \? no emotion\s+│ -- none", out)
    assert "Customers see the brand worst at: Discovery (-1.0)" in out
    assert "Coverage: 88.2% (15 of 17 checks hold)" in out
    assert out.rstrip().endswith(
        "FAILED: 1 map(s), 1 error(s), 1 warning(s), 0 info(s); total coverage 88.2%"
    )
    assert not ANSI.search(out)


def run_without_no_color(args: list[str], cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS"}
    }
    environment.update(extra)
    return subprocess.run(
        [*cjm_command(), *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=60
    )


def test_no_colour_when_not_a_terminal_or_no_color(tree) -> None:
    folder = tree({"journey.yaml": WARNING_ONLY})
    assert not ANSI.search(run_without_no_color(["check"], folder).stdout)
    assert not ANSI.search(run_without_no_color(["check"], folder, NO_COLOR="1", FORCE_COLOR="1").stdout)
    # the same run, forced into colour, does colour: the assertions above can fail
    assert ANSI.search(run_without_no_color(["check"], folder, FORCE_COLOR="1").stdout)


def test_report_written_to_a_file(tree) -> None:
    folder = tree({"journey.yaml": WARNING_ONLY})
    for fmt, name in (("json", "report.json"), ("text", "report.txt")):
        result = run_cjm("check", "--format", fmt, "--output", name, cwd=folder)
        assert result.returncode == 0 and result.stdout == ""
    assert json.loads((folder / "report.json").read_text())["summary"]["warnings"] == 1
    assert "CJM105" in (folder / "report.txt").read_text()
    assert not ANSI.search((folder / "report.txt").read_text())
    assert sorted(p.name for p in folder.iterdir()) == ["journey.yaml", "report.json", "report.txt"]


def test_auto_format_is_github_under_actions(tree) -> None:
    folder = tree({"journey.yaml": WARNING_ONLY})
    result = run_cjm("check", cwd=folder, env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith("::warning file=journey.yaml,line=45,col=5,title=CJM105 stage-has-goal::")
    assert "Stage x persona" in run_cjm("check", cwd=folder).stdout


# --- settings: cjm.yaml and flags ------------------------------------------------------------


def test_flags_select_ignore_by_code_or_name(tree) -> None:
    folder = tree(
        {"journey.yaml": edited("    goal: Come back\n", "").replace("    content: [newsletter]\n", "")}
    )
    assert {f[0] for f in found(check_json(cwd=folder)[1])} == {"CJM105", "CJM107"}
    assert {f[0] for f in found(check_json("--select", "CJM105", cwd=folder)[1])} == {"CJM105"}
    assert found(check_json("--ignore", "CJM105,stage-has-content", cwd=folder)[1]) == []
    assert found(check_json("--ignore", "CJM105", "--ignore", "cjm107", cwd=folder)[1]) == []
    result = run_cjm("check", "--select", "CJM1O5", cwd=folder)
    assert result.returncode == 2
    assert (
        result.stderr
        == "cjm: unknown rule 'CJM1O5' in --select (did you mean CJM105?); 'cjm rules' lists them\n"
    )


def test_settings_in_cjm_yaml(tree) -> None:
    settings = """\
    maps: [a.yaml, b.yaml]
    check:
      rules:
        CJM105: error
        CJM107: off
      min_coverage: 50
    """
    folder = tree(
        {
            "cjm.yaml": settings,
            "a.yaml": WARNING_ONLY,
            "b.yaml": GOOD.replace("    content: [newsletter]\n", ""),
        }
    )
    exit_code, report = check_json(".", cwd=folder)
    assert exit_code == 1
    assert [m["path"] for m in report["maps"]] == ["a.yaml", "b.yaml"]
    assert found(report) == [("CJM105", 45, 5)]
    assert report["maps"][0]["findings"][0]["severity"] == "error"
    assert report["maps"][1]["coverage"] == 100.0  # CJM107 is off: its pairs do not count
    assert check_json(".", "--ignore", "CJM105", cwd=folder)[0] == 0


def test_strict_and_min_coverage_in_cjm_yaml_and_flags_override(tree) -> None:
    folder = tree({"cjm.yaml": "check:\n  strict: true\n", "journey.yaml": WARNING_ONLY})
    assert run_cjm("check", cwd=folder).returncode == 1
    assert run_cjm("check", "--no-strict", cwd=folder).returncode == 0
    folder.joinpath("cjm.yaml").write_text("check:\n  min_coverage: 99\n")
    exit_code, report = check_json(cwd=folder)
    assert exit_code == 1
    assert found(report)[0] == ("min-coverage", 1, 1)
    assert check_json("--min-coverage", "90", cwd=folder)[0] == 0


@pytest.mark.parametrize(
    ("settings", "where", "words"),
    [
        (
            "check:\n  rules:\n    CJM109: error\n",
            "cjm.yaml:3:5",
            "unknown rule code 'CJM109' in check.rules",
        ),
        (
            "check:\n  select: [CJM101, CJM301]\n",
            "cjm.yaml:2:20",
            "unknown rule code 'CJM301' in check.select",
        ),
        ("check:\n  ignore:\n    - CJM213\n", "cjm.yaml:3:7", "did you mean CJM212?"),
        ("check:\n  ignore:\n    - CJM2O1\n", "cjm.yaml:3:7", "'CJM2O1' is not a rule code like CJM101"),
        ("check:\n  rules:\n    CJM101: fatal\n", "cjm.yaml:3:13", "'CJM101' must be"),
        ("check:\n  min_coverage: lots\n", "cjm.yaml:2:17", "min_coverage"),
        ("check:\n  stritc: true\n", "cjm.yaml:2:3", "did you mean 'strict'"),
    ],
)
def test_wrong_settings_name_the_setting(tree, settings: str, where: str, words: str) -> None:
    folder = tree({"cjm.yaml": settings, "journey.yaml": GOOD})
    result = run_cjm("check", cwd=folder)
    assert result.returncode == 2, result.stdout
    assert any(row.startswith(where) and words in row for row in result.stderr.splitlines()), result.stderr


def test_map_ignore_lists_end_to_end(tree) -> None:
    text = WARNING_ONLY.replace("    phase: retention\n", "    phase: retention\n    ignore: [CJM105]\n")
    folder = tree({"journey.yaml": text})
    assert found(check_json(cwd=folder)[1]) == []
    folder.joinpath("journey.yaml").write_text(text.replace("[CJM105]", "[CJM105, CJM109]"))
    result = run_cjm("check", cwd=folder)
    assert result.returncode == 2
    assert (
        "journey.yaml:48:22: unknown rule code 'CJM109' in 'ignore' (did you mean CJM108?)" in result.stderr
    )


# --- cjm rules ---------------------------------------------------------------------------------


def test_rules_lists_the_registry() -> None:
    result = run_cjm("rules")
    assert result.returncode == 0
    rows = re.findall(r"│ (CJM\d{3}) │ (\S+)\s+│ (error|warning|info)\s+│", result.stdout)
    assert len(rows) == 20
    assert rows[3] == ("CJM104", "pain-point-addressed", "error")


def test_rules_explains_one_rule() -> None:
    result = run_cjm("rules", "CJM104")
    assert result.returncode == 0
    assert result.stdout.startswith("CJM104 pain-point-addressed [error]\n")
    assert "Fails:\n\n    pain_points:\n      - id: costly-shipping\n" in result.stdout
    assert "Passes:" in result.stdout


def test_rules_unknown_code() -> None:
    result = run_cjm("rules", "CJM1004")
    assert result.returncode == 2
    assert "unknown rule 'CJM1004' (did you mean CJM104?)" in result.stderr


# --- pre-commit ---------------------------------------------------------------------------------


def test_pre_commit_hook_selects_maps() -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert (hook["id"], hook["entry"], hook["language"]) == ("cjm-check", "cjm check", "python")
    pattern = re.compile(hook["files"])
    for name in ("journey.yaml", "maps/journey.yml", "shop.journey.yaml", "a/b/es.journey.yml"):
        assert pattern.search(name), name
    for name in ("cjm.yaml", "ci.yaml", "myjourney.yaml", "journey.yaml.bak", ".github/workflows/x.yml"):
        assert not pattern.search(name), name


def test_each_project_keeps_its_own_settings(tree) -> None:
    folder = tree(
        {
            "strict/cjm.yaml": "check:\n  strict: true\n",
            "strict/journey.yaml": WARNING_ONLY,
            "relaxed/cjm.yaml": "check:\n  rules:\n    CJM105: off\n",
            "relaxed/journey.yaml": WARNING_ONLY,
        }
    )
    exit_code, report = check_json("relaxed", "strict", cwd=folder)
    assert exit_code == 1
    assert [(m["path"], len(m["findings"])) for m in report["maps"]] == [
        ("relaxed/journey.yaml", 0),
        ("strict/journey.yaml", 1),
    ]
    assert check_json("relaxed", cwd=folder)[0] == 0
    # the same map named twice (as a folder and as a file) is checked once
    assert len(check_json("relaxed", "relaxed/journey.yaml", cwd=folder)[1]["maps"]) == 1
