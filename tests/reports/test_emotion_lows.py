"""Where each persona feels worst, in `cjm check`'s text and JSON reports: per persona, every
tie listed, on real maps through the real command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tests.conftest import run_cjm

HEAD = """\
cjm: 1
title: Lows
business: b2c
personas:
  - {id: buyer, name: Buyer}
  - {id: gifter, name: "Gift\\u001b[31mer"}
  - {id: idle, name: Idle}
  - {id: absent, name: Absent}
channels:
  - {id: web, name: Web}
stages:
"""
# buyer: -1 at 'Looks' (twice in its list) and 'Pays' (a tie); the stages tie at -0.5 on average.
# gifter: -2 at 'Wraps' only (a touchpoint of its own): the buyer's lows are not the gifter's.
# idle: touchpoints without emotion; absent: no touchpoint at all.
TIES = (
    HEAD
    + """\
  - id: browse
    name: Browse
    touchpoints:
      - {action: Looks, channel: web, personas: [buyer, buyer], emotion: -1}
      - {action: Likes, channel: web, personas: [buyer, gifter], emotion: 0}
      - {action: Waits, channel: web, personas: [idle]}
  - id: pay
    name: Pay
    touchpoints:
      - {action: Pays, channel: web, personas: [buyer], emotion: -1, target_emotion: 1, moment_of_truth: true}
      - {action: Smiles, channel: web, personas: [buyer], emotion: 0}
      - {action: Wraps, channel: web, personas: [gifter], emotion: -2}
      - {action: Stays, channel: web, personas: [idle]}
"""
)


def many_ties(count: int) -> str:
    """`count` stages with one touchpoint each, all at -2 for the one persona."""
    stages = "".join(
        f"  - id: s{index}\n    name: Stage {index}\n    touchpoints:\n"
        f"      - {{action: Step {index}, channel: web, personas: [buyer], emotion: -2}}\n"
        for index in range(1, count + 1)
    )
    return HEAD + stages


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lows")
    (root / "ties.yaml").write_text(TIES, encoding="utf-8")
    (root / "many.yaml").write_text(many_ties(5), encoding="utf-8")
    (root / "broken.yaml").write_text("cjm: 1\ntitle: [unclosed\n", encoding="utf-8")
    return root


def place(needle: str, text: str = TIES) -> dict[str, int]:
    """Line and column of the element whose text holds `needle`: a flow mapping's `{`, or a
    block item's first key."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            start = line.index("{") if "{" in line else line.index(needle)
            return {"line": number, "column": start + 1}
    raise AssertionError(needle)


def at(needle: str, path: str = "ties.yaml") -> str:
    where = place(needle, text=TIES if path == "ties.yaml" else many_ties(5))
    return f"{path}:{where['line']}:{where['column']}"


def lines_about(out: str, path: str) -> list[str]:
    """The worst-moment and worst-stage lines of one map's section of the text report."""
    section = out.split(f"\n{path}\n", 1)[1] if not out.startswith(path) else out
    section = section.split("Coverage:", 1)[0]
    return [line for line in section.splitlines() if line.startswith("Worst ")]


def test_text_names_each_personas_worst_moment_and_stage_with_every_tie(folder: Path) -> None:
    result = run_cjm("check", "ties.yaml", "many.yaml", cwd=folder)
    assert result.returncode == 1, result.stderr
    assert "Customers see the brand worst" not in result.stdout
    assert lines_about(result.stdout, "ties.yaml") == [
        f"Worst moment for 'Buyer': -1 :( 'Looks' in 'Browse' ({at('Looks')}); "
        f"'Pays' in 'Pay' ({at('Pays')}, moment of truth, to-be +1)",
        "Worst stage for 'Buyer': -0.5 :| on average, in 'Browse' and 'Pay'",
        f"Worst moment for 'Gift\\x1b[31mer': -2 >:( 'Wraps' in 'Pay' ({at('Wraps')})",
        "Worst stage for 'Gift\\x1b[31mer': -2.0 >:( on average, in 'Pay'",
        "Worst moment for 'Idle': none, their touchpoints have no emotion yet",
        "Worst stage for 'Idle': none, their touchpoints have no emotion yet",
        "Worst moment for 'Absent': none, no touchpoint concerns them",
        "Worst stage for 'Absent': none, no touchpoint concerns them",
    ]
    # the matrix agrees: a persona named twice in one touchpoint's list has one touchpoint there
    assert re.search(r"Browse\s+│ 2 tp :\| -0\.5\s", result.stdout)
    many = lines_about(result.stdout, "many.yaml")
    assert many[0].endswith(f"'Step 3' in 'Stage 3' ({at('Step 3', 'many.yaml')}); and 2 more")
    assert many[1] == (
        "Worst stage for 'Buyer': -2.0 >:( on average, in 'Stage 1', 'Stage 2' and 'Stage 3'; and 2 more"
    )


# The per-map `emotion` key of `--format json` as docs/check.md documents it.
PLACE = {"line": {"type": "integer", "minimum": 1}, "column": {"type": "integer", "minimum": 1}}
MOMENT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["element", "stage", "action", "target_emotion", "moment_of_truth", "line", "column"],
    "properties": {
        "element": {"type": "string"},
        "stage": {"type": "string"},
        "action": {"type": "string"},
        "target_emotion": {"enum": [-2, -1, 0, 1, 2, None]},
        "moment_of_truth": {"type": "boolean"},
        **PLACE,
    },
}
STAGE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["element", "name", "line", "column"],
    "properties": {"element": {"type": "string"}, "name": {"type": "string"}, **PLACE},
}
PERSONA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["persona", "name", "touchpoints", "worst_moment", "worst_stage"],
    "properties": {
        "persona": {"type": "string"},
        "name": {"type": "string"},
        "touchpoints": {"type": "integer", "minimum": 0},
        "worst_moment": {
            "oneOf": [
                {"type": "null"},
                {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["emotion", "touchpoints"],
                    "properties": {
                        "emotion": {"enum": [-2, -1, 0, 1, 2]},
                        "touchpoints": {"type": "array", "minItems": 1, "items": MOMENT},
                    },
                },
            ]
        },
        "worst_stage": {
            "oneOf": [
                {"type": "null"},
                {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["average", "stages"],
                    "properties": {
                        "average": {"type": "number", "minimum": -2, "maximum": 2},
                        "stages": {"type": "array", "minItems": 1, "items": STAGE},
                    },
                },
            ]
        },
    },
}
EMOTION = {
    "oneOf": [
        {"type": "null"},
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["personas"],
            "properties": {"personas": {"type": "array", "items": PERSONA}},
        },
    ]
}


def test_json_carries_the_same_under_emotion_and_keeps_the_other_keys(folder: Path) -> None:
    result = run_cjm("check", "--format", "json", "ties.yaml", "many.yaml", "broken.yaml", cwd=folder)
    assert result.returncode == 2  # broken.yaml does not load
    ties, many, broken = json.loads(result.stdout)["maps"]
    for record in (ties, many, broken):
        assert list(record) == ["path", "coverage", "findings", "emotion"]
        assert list(Draft202012Validator(EMOTION).iter_errors(record["emotion"])) == []
    assert broken["emotion"] is None
    buyer, gifter, idle, absent = ties["emotion"]["personas"]
    assert buyer["worst_moment"] == {
        "emotion": -1,
        "touchpoints": [
            {"element": "stages[browse].touchpoints[1]", "stage": "browse", "action": "Looks",
             "target_emotion": None, "moment_of_truth": False, **place("Looks")},
            {"element": "stages[pay].touchpoints[1]", "stage": "pay", "action": "Pays",
             "target_emotion": 1, "moment_of_truth": True, **place("Pays")},
        ],
    }  # fmt: skip
    assert buyer["worst_stage"] == {
        "average": -0.5,
        "stages": [
            {"element": "stages[browse]", "name": "Browse", **place("id: browse")},
            {"element": "stages[pay]", "name": "Pay", **place("id: pay")},
        ],
    }
    assert [persona["touchpoints"] for persona in (buyer, gifter, idle, absent)] == [4, 2, 2, 0]
    assert (gifter["name"], gifter["worst_moment"]["emotion"]) == ("Gift\\x1b[31mer", -2)
    assert [item["action"] for item in gifter["worst_moment"]["touchpoints"]] == ["Wraps"]
    assert (idle["worst_moment"], idle["worst_stage"], absent["worst_moment"]) == (None, None, None)
    # the text report shows three ties; the JSON report lists them all
    [only] = many["emotion"]["personas"][:1]
    assert len(only["worst_moment"]["touchpoints"]) == len(only["worst_stage"]["stages"]) == 5


def test_the_emotion_schema_above_can_fail() -> None:
    bad = {"persona": "x", "name": "X", "touchpoints": 1, "worst_moment": {"emotion": -3}}
    assert not Draft202012Validator(EMOTION).is_valid({"personas": [bad]})
    assert len(list(Draft202012Validator(PERSONA).iter_errors(bad))) >= 2  # worst_stage, the moment


def test_a_matrix_too_wide_for_the_terminal_is_split_and_no_cell_wraps(tmp_path: Path) -> None:
    six = TIES.replace(
        "  - {id: absent, name: Absent}\n",
        "  - {id: absent, name: Absent}\n  - {id: p5, name: Procurement officer}\n"
        "  - {id: p6, name: Chief financial officer}\n",
    )
    (tmp_path / "journey.yaml").write_text(six, encoding="utf-8")
    out = run_cjm("check", cwd=tmp_path, env={"COLUMNS": "80"}).stdout
    tables = out.split("Worst moment", 1)[0]
    tables = tables[tables.index("Stage x persona") :]
    assert [line for line in tables.splitlines() if len(line.rstrip()) > 80] == []
    assert len(tables.splitlines()) == 14  # two tables of 7 lines (title, frame, 2 rows): none wrapped
    assert "Stage x persona (1-3 of 6)" in tables and "Stage x persona (4-6 of 6)" in tables
    assert re.search(r"│ Pay\s+│ 2 tp :\| -0\.5\s+│ 1 tp >:\( -2\.0\s+│ 1 tp \? no emotion │", tables)
    assert re.search(r"┃ Stage\s+┃ Absent\s+┃ Procurement officer ┃ Chief financial officer ┃", tables)
