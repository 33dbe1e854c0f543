"""Every command agrees on whether a map loads: an unknown rule code in any `ignore` list of a map
(or in cjm.yaml's check settings) is a load problem, refused with exit 2 by `check` and `render`
alike, at the code itself, with a did-you-mean. Before, check refused such a map and render took it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cjm.errors import LoadError
from cjm.load.journey import load_map_text
from cjm.rules import RULES
from tests.conftest import run_cjm

MAP = """\
cjm: 1
title: Ignore lists
business: b2c
ignore: [{map}]
personas:
  - id: buyer
    name: Buyer
    ignore: [{persona}]
channels:
  - {{id: web, name: Website}}
stages:
  - id: discovery
    name: Discovery
    ignore: [{stage}]
    touchpoints:
      - id: visit
        action: Visits the shop
        channel: web
        ignore: [{touchpoint}]
    pain_points:
      - description: Slow pages
        touchpoint: visit
        ignore: [{pain_point}]
"""
PLACES = {
    "map": (4, 10),
    "persona": (8, 14),
    "stage": (14, 14),
    "touchpoint": (19, 18),
    "pain_point": (23, 18),
}
FINE = dict.fromkeys(PLACES, "CJM105")

# (what is written, what the message suggests)
WRONG_CODES = [
    ("CJM999", None),
    ("CJM109", "CJM108"),
    ("CJM1O4", "CJM104"),
    ("cjm104", "CJM104"),
    ("СJM104", "CJM104"),  # Cyrillic С
    ("ＣＪＭ１０４", "CJM104"),  # full width
    ("stage-has-goal", "CJM105"),  # a rule's name where its code belongs
]


def _map(**codes: str) -> str:
    return MAP.format(**{**FINE, **codes})


@pytest.mark.parametrize("place", list(PLACES))
@pytest.mark.parametrize(("code", "suggestion"), WRONG_CODES)
def test_a_wrong_code_in_any_ignore_list_stops_the_load_at_the_code(
    place: str, code: str, suggestion
) -> None:
    with pytest.raises(LoadError) as raised:
        load_map_text(_map(**{place: code}), "journey.yaml")
    [problem] = raised.value.problems
    assert (problem.position.line, problem.position.column) == PLACES[place], problem
    assert f"'{code}'" in problem.message
    if suggestion is None:
        assert "did you mean" not in problem.message
    else:
        assert f"(did you mean {suggestion}?" in problem.message, problem.message


def test_every_known_code_is_taken_everywhere() -> None:
    for code in RULES:
        assert load_map_text(_map(**dict.fromkeys(PLACES, code)), "journey.yaml").ignore == [code]


@pytest.mark.parametrize(
    ("place", "code"), [("map", "CJM999"), ("touchpoint", "CJM109"), ("stage", "СJM104")]
)
def test_check_and_render_agree(tmp_path: Path, place: str, code: str) -> None:
    (tmp_path / "journey.yaml").write_text(_map(**{place: code}), encoding="utf-8")
    check = run_cjm("check", "journey.yaml", cwd=tmp_path)
    render = run_cjm("render", "-f", "md", "journey.yaml", cwd=tmp_path)
    line, column = PLACES[place]
    assert (check.returncode, render.returncode) == (2, 2), (check.stderr, render.stderr)
    assert check.stderr == render.stderr
    assert check.stderr.startswith(f"journey.yaml:{line}:{column}: ")
    assert not (tmp_path / "journey.md").exists()
    (tmp_path / "journey.yaml").write_text(_map(), encoding="utf-8")
    assert run_cjm("render", "-f", "md", "journey.yaml", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(
    ("settings", "where"),
    [
        ("check:\n  ignore: [CJM999]\n", "cjm.yaml:2:12: unknown rule code 'CJM999' in check.ignore"),
        ("check:\n  select: [CJM109]\n", "cjm.yaml:2:12: unknown rule code 'CJM109' in check.select"),
        ("check:\n  rules:\n    CJM300: off\n", "cjm.yaml:3:5: unknown rule code 'CJM300' in check.rules"),
    ],
)
def test_render_refuses_the_settings_check_refuses(tmp_path: Path, settings: str, where: str) -> None:
    (tmp_path / "journey.yaml").write_text(_map(), encoding="utf-8")
    (tmp_path / "cjm.yaml").write_text(settings, encoding="utf-8")
    for command in (("check",), ("render", "-f", "md")):
        result = run_cjm(*command, cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr.startswith(where), result.stderr
