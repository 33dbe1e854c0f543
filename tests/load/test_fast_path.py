"""The fast read of a valid map (elements built while parsing, compact marks) gives the same
model and positions as the detailed read that explains errors."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

from cjm.load.journey import TYPED_KEYS, build_map, load_map_text
from cjm.load.yaml_events import parse_lenient
from cjm.model import Element, JourneyMap
from tests.conftest import run_cjm, sample_paths

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate

KEYS = ("id", "name", "action", "channel", "personas", "emotion", "goal", "touchpoint", "addresses")


def elements(journey: JourneyMap) -> list[Element]:
    found: list[Element] = [journey, *journey.personas, *journey.channels]
    for stage in journey.stages:
        found += [stage, *stage.kpis, *stage.touchpoints, *(stage.pain_points or ()), *stage.opportunities]
        for touchpoint in stage.touchpoints:
            found += touchpoint.data
    return found


TEXTS = [generate(300, stages=3, personas=2), *(path.read_text() for path in sample_paths())]


def detailed(text: str) -> JourneyMap:
    """The map as the error path reads it: the whole data tree, every mark, then validation."""
    return build_map(*parse_lenient(text, "m.yaml", TYPED_KEYS, detailed=True), "m.yaml")


@pytest.mark.parametrize("text", TEXTS, ids=["generated", *(path.stem for path in sample_paths())])
def test_fast_read_equals_detailed_read(text: str) -> None:
    fast, slow = load_map_text(text, "m.yaml"), detailed(text)
    assert fast.model_dump() == slow.model_dump()
    pairs = list(zip(elements(fast), elements(slow), strict=True))
    assert len({id(element) for element, _ in pairs}) == len(pairs)  # no element shared
    for mine, theirs in pairs:
        assert mine.position == theirs.position
        assert mine.position.line > 0
        for key in KEYS:
            assert mine.key_position(key) == theirs.key_position(key)


def test_copies_keep_their_place() -> None:
    journey = load_map_text(generate(10, stages=2, personas=1), "m.yaml")
    touchpoint = journey.stages[1].touchpoints[0]
    for copied in (copy.copy(touchpoint), copy.deepcopy(touchpoint), touchpoint.model_copy()):
        assert copied.position == touchpoint.position
        assert copied.key_position("channel") == touchpoint.key_position("channel")


def test_elements_that_share_their_set_fields_can_still_be_changed_one_by_one() -> None:
    journey = load_map_text(generate(10, stages=1, personas=1), "m.yaml")
    first, second, third = journey.stages[0].touchpoints[1:4]
    assert first.model_fields_set == second.model_fields_set == third.model_fields_set
    assert "ignore" not in first.model_fields_set
    changed = second.model_copy(update={"ignore": ["CJM108"]})
    first.ignore = ["CJM101"]
    assert "ignore" in changed.model_fields_set and "ignore" in first.model_fields_set
    assert "ignore" not in second.model_fields_set and "ignore" not in third.model_fields_set


ALIASED = """\
cjm: 1
title: Anchors
business: b2c
personas:
  - id: p
    name: P
channels:
  - id: web
stages:
  - id: s1
    name: One
    touchpoints:
      - &tp
        action: Looks
        channel: web
      - *tp
    pain_points: []
  - id: s2
    name: Two
    touchpoints: &tps
      - action: Buys
        channel: web
    pain_points: []
  - id: s3
    name: Three
    touchpoints: *tps
    pain_points: []
"""


def test_aliased_elements_are_checked_where_they_are_written(tmp_path: Path) -> None:
    (tmp_path / "journey.yaml").write_text(ALIASED)
    result = run_cjm("check", "journey.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    no_emotion = [line.split()[0] for line in result.stdout.splitlines() if "CJM108" in line]
    assert no_emotion == ["journey.yaml:13:9"] * 2 + ["journey.yaml:21:9"] * 2
