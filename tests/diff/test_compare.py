"""How two versions are paired and compared, in process: the cases the command's pairs do not show."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from cjm.diff import match as matching
from cjm.diff.match import Pair, out_of_order
from tests.diff.helpers import one_stage, records, review_texts

AD = "{action: Sees an ad on the web, channel: web, emotion: 1}"
SHOP = "{action: Visits the shop, channel: shop, emotion: 2}"
CALL = "{action: Calls the hotline, channel: shop, emotion: -1}"


def test_an_id_less_touchpoint_lightly_edited_is_a_change() -> None:
    edited = AD.replace("the web", "the website")
    assert records(one_stage(AD, SHOP), one_stage(edited, SHOP)) == [
        (
            "changed",
            "stages[s].touchpoints[1]",
            "action",
            "Sees an ad on the web",
            "Sees an ad on the website",
        ),
    ]
    # words kept, other fields changed: still the same touchpoint
    assert records(
        one_stage(AD, SHOP), one_stage(AD.replace("web, emotion: 1", "shop, emotion: -2"), SHOP)
    ) == [
        ("changed", "stages[s].touchpoints[1]", "channel", "web", "shop"),
        ("changed", "stages[s].touchpoints[1]", "emotion", 1, -2),
        ("emotion", "stages[s], personas[p]", "emotion", 1.5, 0.0),
    ]


def test_an_id_less_touchpoint_rewritten_entirely_is_removed_and_added() -> None:
    rewritten = "{action: Reads a printed catalogue, channel: shop, emotion: -2}"
    found = records(one_stage(AD, SHOP), one_stage(rewritten, SHOP))
    assert [(change, element) for change, element, *_ in found] == [
        ("removed", "stages[s].touchpoints[1]"),
        ("added", "stages[s].touchpoints[1]"),
        ("emotion", "stages[s], personas[p]"),
    ]


def test_id_less_touchpoints_reordered_and_duplicated() -> None:
    assert records(one_stage(AD, SHOP, CALL), one_stage(CALL, AD, SHOP)) == [
        ("moved", "stages[s].touchpoints[1]", "position", 3, 1),
    ]
    # two equal touchpoints, one removed: one removal, not two changes
    assert records(one_stage(AD, AD, SHOP), one_stage(AD, SHOP))[0] == (
        "removed",
        "stages[s].touchpoints[2]",
        None,
        {"action": "Sees an ad on the web", "channel": "web", "emotion": 1},
        None,
    )
    assert len(records(one_stage(AD, AD, SHOP), one_stage(AD, SHOP))) == 2  # and the curve's movement


def test_an_id_renamed_is_a_change_of_the_id() -> None:
    old = one_stage("{id: ad, action: Sees an ad, channel: web}")
    new = one_stage("{id: advert, action: Sees an ad, channel: web}")
    assert records(old, new) == [("changed", "stages[s].touchpoints[advert]", "id", "ad", "advert")]


def test_pain_points_reviewed_is_a_change() -> None:
    old = one_stage(AD)
    new = one_stage(AD, extra="    pain_points: []\n")
    assert records(old, new) == [("changed", "stages[s]", "pain_points", None, [])]
    assert records(new, old) == [("changed", "stages[s]", "pain_points", [], None)]


def test_defaults_written_out_are_no_change() -> None:
    old = one_stage(
        AD, extra="    pain_points: [{description: Slow, evidence: [x]}]\n    opportunities: []\n"
    )
    new = one_stage(
        AD.replace("}", ", personas: null, evidence: [], ignore: []}"),
        extra="    pain_points: [{description: Slow, severity: medium, evidence: [x]}]\n",
    ).replace("business: b2c", "business: b2c\nlanguage: en")
    assert records(old, new) == []


def test_a_finding_keeps_its_element_when_the_element_moves() -> None:
    """CJM108 on an id-less touchpoint that is 1st, then 2nd: neither new nor fixed."""
    no_emotion = "{action: Visits the shop, channel: shop}"
    found = review_texts(one_stage(no_emotion, AD), one_stage(SHOP, no_emotion, AD))
    assert (found.new_findings, found.fixed_findings) == ([], [])
    # the same gap on another touchpoint: one fixed, one new
    moved_gap = review_texts(one_stage(no_emotion, AD), one_stage(SHOP, AD.replace(", emotion: 1", "")))
    assert [(f.rule, f.element) for f in moved_gap.new_findings] == [("CJM108", "stages[s].touchpoints[2]")]
    assert [(f.rule, f.element) for f in moved_gap.fixed_findings] == [("CJM108", "stages[s].touchpoints[1]")]


def test_moves_are_the_fewest_that_explain_the_new_order() -> None:
    def pairs(order: list[int]) -> list[Pair]:
        return [Pair(SimpleNamespace(index=old), SimpleNamespace(index=new)) for new, old in enumerate(order)]  # type: ignore[arg-type]

    assert out_of_order(pairs([0, 1, 2, 3])) == []
    assert [pair.old.index for pair in out_of_order(pairs([3, 0, 1, 2]))] == [3]
    assert len(out_of_order(pairs([1, 0]))) == 1
    assert len(out_of_order(pairs(list(range(999, -1, -1))))) == 999
    assert [pair.old.index for pair in out_of_order(pairs([0, 5, 1, 2, 3, 4]))] == [5]


def test_similarity_is_bounded_whatever_the_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """3,000 id-less touchpoints, every one rewritten: at most MAX_COMPARISONS scores, and each
    only against neighbours, so matching stays linear."""
    calls = []
    real = matching.similarity
    monkeypatch.setattr(matching, "similarity", lambda old, new: calls.append(1) or real(old, new))
    monkeypatch.setattr(matching, "MAX_COMPARISONS", 5_000)
    old = one_stage(*(f"{{action: Step {n} of the old way, channel: web, emotion: 1}}" for n in range(3000)))
    new = one_stage(*(f"{{action: Totally new thing {n}, channel: shop, emotion: -1}}" for n in range(3000)))
    found = review_texts(old, new)
    assert 0 < len(calls) <= 5_000
    assert {change.change for change in found.changes} == {"added", "removed", "emotion"}


STATUS_MAP = one_stage(
    "{id: pay, action: Pays, channel: web, emotion: -1}",
    extra=(
        "    pain_points: [{id: slow, description: Slow, touchpoint: pay, evidence: [x]}]\n"
        "    opportunities: [{id: fast, description: Faster, addresses: [slow], status: STATUS}]\n"
    ),
)


def test_a_pain_point_is_resolved_when_every_opportunity_is_done() -> None:
    planned, done = STATUS_MAP.replace("STATUS", "planned"), STATUS_MAP.replace("STATUS", "done")
    assert records(planned, done) == [  # in the map's order: the pain point is written first
        ("resolved", "stages[s].pain_points[slow]", "resolved", False, True),
        ("changed", "stages[s].opportunities[fast]", "status", "planned", "done"),
    ]
    assert records(done, planned)[0] == ("opened", "stages[s].pain_points[slow]", "resolved", True, False)


def test_an_absent_status_is_an_idea() -> None:
    absent = STATUS_MAP.replace(", status: STATUS", "")
    assert records(absent, STATUS_MAP.replace("STATUS", "idea")) == []
    assert records(absent, STATUS_MAP.replace("STATUS", "in-progress")) == [
        ("changed", "stages[s].opportunities[fast]", "status", "idea", "in-progress"),
    ]


def test_the_format_additions_are_compared_like_every_field() -> None:
    """Keys the model gained (map status, KPI ids, to-be emotion, moments of truth, blueprint
    lanes) need no code of the diff's own; a KPI with an id is found by it when renamed."""
    old = one_stage(
        "{id: pay, action: Pays, channel: web, emotion: -1, target_emotion: 1, frontstage: [Total shown]}",
        extra="    kpis: [{id: conversion, name: Conversion, target: 3 %}, {name: Reach}]\n",
    ).replace("business: b2c", "business: b2c\nstatus: draft")
    new = (
        old.replace("status: draft", "status: validated")
        .replace("target_emotion: 1", "target_emotion: 2, moment_of_truth: true")
        .replace("[Total shown]", "[Total shown, Card logos]")
        .replace(
            "{id: conversion, name: Conversion, target: 3 %}, {name: Reach}",
            "{name: Reach}, {id: conversion, name: Cart conversion, target: 3 %}",
        )
    )
    assert records(old, new) == [  # by line, then field
        ("changed", "map", "status", "draft", "validated"),
        (
            "changed",
            "stages[s].touchpoints[pay]",
            "frontstage",
            ["Total shown"],
            ["Total shown", "Card logos"],
        ),
        ("changed", "stages[s].touchpoints[pay]", "moment_of_truth", False, True),
        ("changed", "stages[s].touchpoints[pay]", "target_emotion", 1, 2),
        ("moved", "stages[s].kpis[1]", "position", 2, 1),
        ("changed", "stages[s].kpis[conversion]", "name", "Conversion", "Cart conversion"),
    ]
