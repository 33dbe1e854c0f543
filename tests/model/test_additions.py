"""The additions to format 1 (FORMAT.md): new optional keys, with their meaning, in process."""

from __future__ import annotations

import pytest

from cjm.errors import LoadError
from cjm.load.journey import load_map_text
from cjm.model.emotions import persona_lows
from tests.conftest import MINIMAL_MAP
from tests.rules.fixtures import GOOD, edited

BLUEPRINT_TOUCHPOINT = """\
      - id: pay
        action: Pays with a card
        channel: web
        emotion: -1
        target_emotion: 1
        moment_of_truth: true
        frontstage: [The gateway shows the final amount]
        backstage: [Fraud check]
        support: [Payment gateway, ERP]
        physical_evidence: [Confirmation email]
"""


def load(text: str):
    return load_map_text(text, "m.yaml")


def problems(text: str) -> list[str]:
    with pytest.raises(LoadError) as raised:
        load(text)
    return [str(problem) for problem in raised.value.problems]


def test_every_new_key_loads_with_its_meaning() -> None:
    text = MINIMAL_MAP.replace("title: Minimal\n", "title: Minimal\nstatus: validated\n")
    text = text.replace("      - action: Finds the shop\n        channel: web\n", BLUEPRINT_TOUCHPOINT)
    text += (
        "    kpis:\n      - {id: conversion, name: Conversion, target: 3 %, current: '2,1 %', source: GA4}\n"
        "    opportunities:\n      - {description: One-click payment, status: in-progress, effort: medium}\n"
    )
    journey = load(text)
    stage = journey.stages[0]
    [touchpoint] = stage.touchpoints
    assert journey.status == "validated" and journey.is_blueprint
    assert (touchpoint.emotion, touchpoint.target_emotion, touchpoint.moment_of_truth) == (-1, 1, True)
    assert touchpoint.support == ["Payment gateway", "ERP"]
    assert touchpoint.physical_evidence == ["Confirmation email"]
    assert (stage.kpis[0].id, stage.kpis[0].source, stage.kpis[0].current) == ("conversion", "GA4", "2,1 %")
    assert (stage.opportunities[0].status, stage.opportunities[0].effort) == ("in-progress", "medium")
    assert touchpoint.key_position("target_emotion").line == 19


def test_old_maps_mean_what_they_meant() -> None:
    journey = load(GOOD)
    assert journey.status is None and not journey.is_blueprint
    assert all(not tp.moment_of_truth and tp.target_emotion is None for _, tp in journey.touchpoints())
    assert [opportunity.status for _, opportunity in journey.opportunities()] == ["idea"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "        emotion: 1\n",
            "        emotion: 1\n        target_emotion: 3\n",
            "m.yaml:57:25: target_emotion must be a whole number",
        ),
        ("        emotion: 1\n", "        emotion: 1\n        target_emotion: high\n", "m.yaml:57:25:"),
        (
            "        emotion: 1\n",
            "        emotion: 1\n        moment_of_truth: yes\n",
            "must be true or false",
        ),
        (
            "        emotion: 1\n",
            "        emotion: 1\n        moment_of_truht: true\n",
            "did you mean 'moment_of_truth'",
        ),
        (
            "        emotion: 1\n",
            "        emotion: 1\n        backstage: Fraud check\n",
            "'backstage' must be a list",
        ),
        (
            "        addresses: [slow]\n",
            "        addresses: [slow]\n        status: finished\n",
            "'idea', 'planned'",
        ),
        (
            "        addresses: [slow]\n",
            "        addresses: [slow]\n        effort: huge\n",
            "'low', 'medium' or",
        ),
        ("title: Test journey\n", "title: Test journey\nstatus: published\n", "'draft', 'validated'"),
        ("        target: 30 %\n", "        target: 30 %\n        sorce: GA4\n", "did you mean 'source'"),
    ],
)
def test_new_keys_are_checked_like_the_others(old: str, new: str, expected: str) -> None:
    found = problems(edited((old, new)))
    assert any(expected in problem for problem in found), found


@pytest.mark.parametrize(
    "value", ["0", "1700000000", "2026-02-30", "20261120", "'2026-11-20T10:00'", "26-11-20"]
)
def test_updated_is_an_iso_date_only(value: str) -> None:
    found = problems(GOOD.replace("business: b2c\n", f"business: b2c\nupdated: {value}\n"))
    assert len(found) == 1 and found[0].startswith("m.yaml:4:10: 'updated' must be a date"), found


def test_a_pain_point_is_resolved_when_every_opportunity_addressing_it_is_done() -> None:
    text = edited(("        addresses: [slow]\n", "        addresses: [slow]\n        status: done\n"))
    assert load(text).resolved_pain_point_ids() == {"slow"}
    second = "      - description: Cache images\n        addresses: [slow]\n        status: planned\n"
    text = text.replace("    opportunities:\n", "    opportunities:\n" + second)
    assert load(text).resolved_pain_point_ids() == set()
    assert load(GOOD).resolved_pain_point_ids() == set()


def test_physical_evidence_alone_does_not_make_a_blueprint() -> None:
    text = edited(("        emotion: 1\n", "        emotion: 1\n        physical_evidence: [Email]\n"))
    assert not load(text).is_blueprint


def test_persona_lows_list_every_tie_per_persona() -> None:
    text = edited(("        emotion: 1\n", "        emotion: -1\n        personas: [gifter]\n"))
    text = text.replace(
        "    pain_points: []\n",
        "      - action: Asks for a gift card\n        channel: web\n        emotion: 1\n"
        "    pain_points: []\n",
    )
    lows = {low.persona.id: low for low in persona_lows(load(text))}
    buyer, gifter = lows["buyer"], lows["gifter"]
    assert buyer.emotion == -1 and [m.touchpoint.action for m in buyer.moments] == ["Sees an ad"]
    assert [stage.id for stage in buyer.stages] == ["discovery"] and buyer.stage_average == -1
    assert [(m.stage.id, m.number) for m in gifter.moments] == [("discovery", 1), ("loyalty", 1)]
    assert gifter.stage_average == -1 and [stage.id for stage in gifter.stages] == ["discovery"]


def test_a_persona_without_emotions_has_no_low() -> None:
    lows = persona_lows(load(MINIMAL_MAP))
    assert [(low.emotion, low.moments, low.stages) for low in lows] == [(None, (), ())]
