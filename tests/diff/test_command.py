"""`cjm diff OLD NEW` through the real command, on pairs of real maps with known edits.

maps/base.yaml is the start of every pair:
- edited.yaml: an edit of every kind: the map's title; a persona renamed and one added; a
  channel's kind changed and one added; a stage's goal, a KPI's target, a touchpoint's
  emotion and a data item's purpose changed; an id-less touchpoint lightly edited in place;
  an id-less touchpoint and a touchpoint with an id moved to another stage; an id-less
  touchpoint removed and one added; a pain point added (opened, unaddressed: a new error,
  so coverage falls: a regression).
- reordered.yaml: two stages swapped, a touchpoint moved first in its stage.
- reformatted.yaml: the same map written differently (no changes).
- gaps.yaml -> gaps-fixed.yaml: a finding fixed, lines shifted, and a finding whose element
  moved to another position is neither new nor fixed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import run_cjm

MAPS = Path(__file__).parent / "maps"


def diff_json(old: str, new: str, *flags: str) -> tuple[int, dict, str]:
    result = run_cjm("diff", old, new, "--format", "json", *flags, cwd=MAPS)
    return result.returncode, json.loads(result.stdout) if result.stdout else {}, result.stderr


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("base.yaml", "edited.yaml", "edited.json"),
        ("base.yaml", "reordered.yaml", "reordered.json"),
        ("gaps.yaml", "gaps-fixed.yaml", "gaps-fixed.json"),
    ],
)
def test_json_is_exactly_the_expected_review(old: str, new: str, expected: str) -> None:
    code, document, stderr = diff_json(old, new)
    assert (code, stderr) == (0, "")
    assert document == json.loads((MAPS / expected).read_text(encoding="utf-8"))


def test_every_kind_of_edit_is_reported_once() -> None:
    _, document, _ = diff_json("base.yaml", "edited.yaml")
    found = {
        (change["change"], change["element"], change["field"]) for change in document["maps"][0]["changes"]
    }
    assert {
        ("changed", "map", "title"),
        ("added", "personas[gifter]", None),
        ("changed", "personas[regular]", "name"),
        ("changed", "channels[shop]", "kind"),
        ("changed", "stages[discovery].kpis[1]", "target"),
        ("changed", "stages[discovery].touchpoints[ad]", "emotion"),
        ("changed", "stages[decision].touchpoints[pay].data[1]", "purpose"),
        # lightly edited without an id: a change, not a removal and an addition
        ("changed", "stages[discovery].touchpoints[2]", "action"),
        ("moved", "stages[retention].touchpoints[confirm]", "stage"),
        ("moved", "stages[retention].touchpoints[3]", "stage"),  # 'Asks a friend', without an id
        ("removed", "stages[retention].touchpoints[1]", None),
        ("added", "stages[retention].touchpoints[4]", None),
        ("added", "stages[decision].pain_points[no-guest]", None),
        ("opened", "stages[decision].pain_points[no-guest]", "resolved"),
        ("emotion", "stages[decision], personas[newcomer]", "emotion"),
    } <= found
    assert len(found) == len(document["maps"][0]["changes"])  # nothing reported twice


def test_the_same_map_written_differently_has_no_changes() -> None:
    code, document, _ = diff_json("base.yaml", "reformatted.yaml")
    assert code == 0
    assert document["maps"][0]["changes"] == []
    assert document["maps"][0]["findings"] == {"new": [], "fixed": []}
    assert document["summary"] == {
        "maps": 1,
        "added": 0,
        "removed": 0,
        "changed": 0,
        "new_findings": 0,
        "fixed_findings": 0,
        "regression": False,
    }
    text = run_cjm("diff", "base.yaml", "reformatted.yaml", cwd=MAPS)
    assert "no changes" in text.stdout


def test_fail_on_regression_exits_1_only_for_a_regression() -> None:
    assert run_cjm("diff", "base.yaml", "edited.yaml", cwd=MAPS).returncode == 0
    failing = run_cjm("diff", "base.yaml", "edited.yaml", "--fail-on-regression", cwd=MAPS)
    assert failing.returncode == 1
    assert failing.stdout.rstrip().endswith("; regression")
    # coverage rises and the only fixed finding is an info: no regression
    assert run_cjm("diff", "gaps.yaml", "gaps-fixed.yaml", "--fail-on-regression", cwd=MAPS).returncode == 0
    # the other way round coverage falls
    assert run_cjm("diff", "gaps-fixed.yaml", "gaps.yaml", "--fail-on-regression", cwd=MAPS).returncode == 1


def test_text_is_grouped_by_stage_without_colour() -> None:
    result = run_cjm("diff", "base.yaml", "edited.yaml", cwd=MAPS)
    out = result.stdout
    assert "\x1b" not in out
    titles = [
        line.strip() for line in out.splitlines() if line.startswith("  ") and not line.startswith("    ")
    ]
    assert titles[1:] == ["Map", "Stage 'Discovery'", "Stage 'Decision'", "Stage 'Retention'", "New findings"]
    retention = out.split("Stage 'Retention'")[1].split("New findings")[0]
    assert "> touchpoint 'Gets a confirmation email': moved from stage 'Decision' to 'Retention'" in retention
    assert "- touchpoint 'Opens the newsletter': removed" in retention
    assert "~ New customer at Decision: emotion -0.5 → -2 ↓" in out
    assert "coverage 100% → 97% ↓" in out
    # an added pain point is open: said once, as an addition
    assert out.count("'No guest checkout'") == 2  # the change and the new finding's message


def test_markdown_is_a_summary_line_then_a_table_per_stage() -> None:
    result = run_cjm("diff", "base.yaml", "edited.yaml", "--format", "markdown", cwd=MAPS)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "### cjm diff"
    assert lines[2].startswith("4 added, 1 removed, 8 changed, 2 moved, 7 emotion change(s)")
    assert lines[2].endswith("3 new finding(s), 0 fixed; **regression**")
    headings = [line for line in lines if line.startswith("**")]
    assert headings == [
        "**Map**",
        "**Stage 'Discovery'**",
        "**Stage 'Decision'**",
        "**Stage 'Retention'**",
        "**New findings**",
    ]
    assert "| 43 | \\~ | New customer at Decision | emotion -0.5 → -2 ↓ |" in lines
    assert all(_cells(line) == 4 for line in lines if line.startswith("| "))


def _cells(row: str) -> int:
    """Columns of a Markdown table row: pipes not escaped, minus the outer two, plus one."""
    return len(re.findall(r"(?<!\\)\|", row)) - 1


def test_github_puts_a_notice_on_each_changed_line() -> None:
    result = run_cjm("diff", "base.yaml", "edited.yaml", "--format", "github", cwd=MAPS)
    lines = result.stdout.splitlines()
    assert "::notice file=edited.yaml,line=38,title=cjm diff%3A touchpoint changed::" in lines[7]
    assert lines[7].endswith("touchpoint 'Sees an ad': emotion +1 → +2 ↑")
    removed = next(line for line in lines if "'Opens the newsletter'" in line)
    assert removed.startswith("::notice file=edited.yaml,line=75,")  # its stage, in the new version
    assert lines[-2] == (
        "::warning file=edited.yaml,title=cjm diff%3A regression::"
        "coverage 100%25 → 97%25 ↓; 1 new failing finding(s) (CJM104)"
    )
    assert lines[-1].startswith("cjm diff: 1 map(s), 4 added")


def test_a_map_that_does_not_load_is_bad_input(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text((MAPS / "base.yaml").read_text(encoding="utf-8").replace("emotion: -2", "emotion: -5"))
    result = run_cjm("diff", MAPS / "base.yaml", broken, "--format", "json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert re.fullmatch(rf"{re.escape(str(broken))}:55:18: .*-2.*\n", result.stderr)


def test_an_unknown_code_in_an_ignore_list_is_bad_input_as_for_check(tmp_path: Path) -> None:
    typo = tmp_path / "typo.yaml"
    typo.write_text(
        (MAPS / "base.yaml").read_text(encoding="utf-8").replace("owner: CX team", "ignore: [CJM999]")
    )
    result = run_cjm("diff", typo, MAPS / "base.yaml")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(f"{typo}:6:10: unknown rule code 'CJM999' in 'ignore'")


def test_a_missing_file_or_a_bad_format_is_a_usage_error() -> None:
    missing = run_cjm("diff", "base.yaml", "nope.yaml", cwd=MAPS)
    assert missing.returncode == 2
    assert "'nope.yaml' is not a file or folder here, and not a revision" in missing.stderr
    one = run_cjm("diff", "base.yaml", cwd=MAPS)
    assert one.returncode == 2 and "two map files are needed" in one.stderr
    assert "Traceback" not in missing.stderr + one.stderr
    wrong = run_cjm("diff", "base.yaml", "edited.yaml", "--format", "yaml", cwd=MAPS)
    assert (wrong.returncode, wrong.stderr) == (
        2,
        "cjm: unknown format 'yaml': use one of text, json, markdown, github\n",
    )


def test_separator_makes_both_arguments_files() -> None:
    result = run_cjm("diff", "--", "base.yaml", "reordered.yaml", "--format", "json", cwd=MAPS)
    # after `--` everything is a map file, `--format` too
    assert result.returncode == 2
    assert "give two map files after it" in result.stderr
    result = run_cjm("diff", "--format", "json", "--", "base.yaml", "reordered.yaml", cwd=MAPS)
    assert result.returncode == 0
    assert json.loads(result.stdout)["maps"][0]["old"] == "base.yaml"


def test_each_element_is_named_as_people_name_it(tmp_path: Path) -> None:
    """A stage and a persona by their names (not their longer descriptions), a touchpoint by
    its action, a pain point by its description."""
    sample = Path(__file__).parents[2] / "samples" / "tienda-online.yaml"
    text = sample.read_text(encoding="utf-8")
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(text, encoding="utf-8")
    goal = "    goal: Que nos conozca quien quiere mejorar su café en casa\n"
    new.write_text(text.replace(goal, ""), "utf-8")
    result = run_cjm("diff", old, new)
    assert "~ stage 'Descubrimiento': goal: 'Que nos conozca" in result.stdout, result.stdout
    assert "La persona descubre la marca" not in result.stdout  # the stage's description
