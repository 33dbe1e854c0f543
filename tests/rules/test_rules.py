"""Every rule of `cjm check` on its failing and passing cases, in process, by (code, line, column).

The cases are the fixtures of tests/rules/fixtures (one file per rule); tests/check drives
the same cases through the real CLI.
"""

from __future__ import annotations

import pytest

from cjm.check.config import CheckConfig
from cjm.check.run import check_map
from cjm.errors import LoadError, Position
from cjm.load.journey import load_map_text
from cjm.load.rule_codes import suggest_rule
from cjm.model import JourneyMap
from cjm.rules import RULES, Rule, build_registry, find_rule
from tests.rules.fixtures import GOOD, Case, all_cases, cases
from tests.rules.fixtures import edited as edited_many

LOYALTY_TOUCHPOINTS = """\
    touchpoints:
      - action: Reads the newsletter
        channel: web
        emotion: 1
"""


def edited(old: str, new: str) -> str:
    return edited_many((old, new))


def load(text: str) -> JourneyMap:
    return load_map_text(text, "m.yaml")


def found(code: str, text: str) -> list[tuple[str, int, int]]:
    journey = load(text)
    return [(f.rule, f.position.line, f.position.column) for f in RULES[code].check(journey)]


def test_good_map_passes_every_rule() -> None:
    journey = load(GOOD)
    assert [finding for rule in RULES.values() for finding in rule.check(journey)] == []


@pytest.mark.parametrize("case", all_cases("failing"), ids=lambda case: case.id)
def test_rule_fails_at_the_element(case: Case) -> None:
    assert found(case.code, case.text) == [(case.code, *where) for where in case.found]


@pytest.mark.parametrize("case", all_cases("passing"), ids=lambda case: case.id)
def test_rule_passes(case: Case) -> None:
    assert found(case.code, case.text) == []


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_has_a_fixture_with_failing_and_passing_cases(code: str) -> None:
    kinds = {bool(case.found) for case in cases(code)}
    assert kinds == {True, False}


def test_cjm102_names_the_missing_persona_and_the_fix() -> None:
    text = edited("        emotion: 1\n", "        emotion: 1\n        personas: [buyer]\n")
    [finding] = RULES["CJM102"].check(load(text))
    assert finding.element == "stages[loyalty], personas[gifter]"
    assert "'Gifter'" in finding.message and "'Loyalty'" in finding.message
    assert "add 'gifter' to a touchpoint's 'personas'" in finding.message


def test_cjm102_leaves_stages_without_touchpoints_to_cjm101() -> None:
    assert found("CJM102", edited(LOYALTY_TOUCHPOINTS, "")) == []


def test_cjm104_without_id_says_to_add_one() -> None:
    text = edited("      - id: slow\n        description: Slow page\n", "      - description: Slow page\n")
    text = text.replace("        addresses: [slow]\n", "")
    [finding] = RULES["CJM104"].check(load(text))
    assert finding.element == "stages[discovery].pain_points[1]"
    assert "give it an 'id'" in finding.message


def test_cjm201_ignores_neutral_and_positive_touchpoints() -> None:
    text = edited("        touchpoint: ad\n", "").replace("emotion: -1", "emotion: 0")
    assert found("CJM201", text) == []


def test_cjm202_is_not_checked_without_phases() -> None:
    text = GOOD.replace("    phase: discovery\n", "").replace("    phase: retention\n", "")
    assert found("CJM202", text) == []


def test_cjm204_lists_everything_missing() -> None:
    text = edited("    needs: [Gift wrap]\n    frustrations: [Late parcels]\n", "")
    [finding] = RULES["CJM204"].check(load(text))
    assert "has no needs or frustrations" in finding.message


def test_cjm205_ignores_data_that_is_not_personal() -> None:
    text = edited("            personal: true\n            purpose: newsletter\n", "")
    assert found("CJM205", text) == []


def test_labels_name_elements_by_id_or_position() -> None:
    [emotion] = RULES["CJM108"].check(load(edited("        emotion: 1\n", "")))
    assert emotion.element == "stages[loyalty].touchpoints[1]"
    [data] = RULES["CJM205"].check(load(edited("            purpose: newsletter\n", "")))
    assert data.element == "stages[discovery].touchpoints[ad].data[1]"
    [kpi] = RULES["CJM206"].check(load(edited("        target: 1000 a month\n", "")))
    assert kpi.element == "stages[discovery].kpis[1]"


# --- the registry ----------------------------------------------------------------------

FORMAT_TABLE = {
    "CJM101": "error",
    "CJM102": "error",
    "CJM103": "warning",
    "CJM104": "error",
    "CJM105": "warning",
    "CJM106": "warning",
    "CJM107": "warning",
    "CJM108": "warning",
    "CJM201": "warning",
    "CJM202": "warning",
    "CJM203": "info",
    "CJM204": "warning",
    "CJM205": "warning",
    "CJM206": "info",
    "CJM207": "warning",
    "CJM208": "info",
    "CJM209": "warning",
    "CJM210": "warning",
    "CJM211": "warning",
    "CJM212": "warning",
}


def test_registry_matches_the_format_table() -> None:
    assert {code: rule.severity for code, rule in RULES.items()} == FORMAT_TABLE
    assert [code for code, rule in RULES.items() if rule.is_coverage] == [f"CJM10{n}" for n in range(1, 9)]


@pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
def test_every_rule_is_documented_with_snippets(rule: Rule) -> None:
    assert rule.summary.endswith((".", ")")), rule.summary
    assert "Fails:" in rule.explanation and "Passes:" in rule.explanation
    assert rule.name == rule.name.lower() and " " not in rule.name


def test_duplicate_codes_and_names_are_refused() -> None:
    rule = RULES["CJM101"]
    with pytest.raises(ValueError, match="CJM101"):
        build_registry([rule, rule])
    twin = Rule("CJM999", rule.name, "error", rule.function)
    with pytest.raises(ValueError, match=rule.name):
        build_registry([rule, twin])


def test_rules_are_found_by_code_or_name() -> None:
    assert find_rule("cjm104") is RULES["CJM104"]
    assert find_rule("stage-has-goal") is RULES["CJM105"]
    assert find_rule("CJM999") is None
    assert suggest_rule("CJM1O4") == " (did you mean CJM104?)"
    assert suggest_rule("stage-has-goals") == " (did you mean CJM105?)"
    assert suggest_rule("CJM999") == ""
    assert suggest_rule("CJM109") == " (did you mean CJM108?)"
    assert suggest_rule("CJM213") == " (did you mean CJM212?)"


# --- ignore lists and coverage -----------------------------------------------------------

ALL = CheckConfig({code: rule.severity for code, rule in RULES.items()})


def codes_of(text: str, config: CheckConfig = ALL) -> list[str]:
    return [finding.rule for finding in check_map(load(text), "m.yaml", config).findings]


def test_coverage_of_the_good_map_counts_every_pair() -> None:
    result = check_map(load(GOOD), "m.yaml", ALL)
    # stages 2 (CJM101) + stage x persona 4 + 2 + pain points 1 + 3 x 2 stages + touchpoints 2
    assert (result.held, result.judged, result.coverage) == (17, 17, 100.0)


def test_coverage_is_the_share_of_pairs_that_hold() -> None:
    result = check_map(load(edited("    goal: Come back\n", "")), "m.yaml", ALL)
    assert (result.held, result.judged, result.coverage) == (16, 17, 94.1)


def test_rules_switched_off_do_not_count() -> None:
    config = CheckConfig({code: sev for code, sev in ALL.severities.items() if code != "CJM105"})
    result = check_map(load(edited("    goal: Come back\n", "")), "m.yaml", config)
    assert (result.held, result.judged) == (15, 15)


def test_map_ignore_switches_a_rule_off_for_the_map() -> None:
    text = edited("    goal: Come back\n", "") + "ignore: [CJM105]\n"
    result = check_map(load(text), "m.yaml", ALL)
    assert result.findings == [] and (result.held, result.judged) == (15, 15)


def test_stage_ignore_covers_its_touchpoints() -> None:
    text = edited("        emotion: 1\n", "").replace(
        "    goal: Come back\n", "    goal: Come back\n    ignore: [CJM108]\n"
    )
    assert codes_of(text) == []
    assert codes_of(edited("        emotion: 1\n", "")) == ["CJM108"]


def test_touchpoint_ignore_covers_only_itself() -> None:
    text = edited("        emotion: 1\n", "        ignore: [CJM108]\n")
    result = check_map(load(text), "m.yaml", ALL)
    assert result.findings == [] and (result.held, result.judged) == (16, 16)


def test_persona_ignore_covers_its_cells() -> None:
    text = edited("        emotion: 1\n", "        emotion: 1\n        personas: [buyer]\n")
    assert codes_of(text) == ["CJM102"]
    text = text.replace(
        "    frustrations: [Late parcels]\n", "    frustrations: [Late parcels]\n    ignore: [CJM102]\n"
    )
    assert codes_of(text) == []


def test_pain_point_ignore() -> None:
    text = edited("        evidence: [Analytics]\n", "        ignore: [CJM208]\n")
    assert codes_of(text) == []


def test_unknown_code_in_an_ignore_list_is_a_load_problem() -> None:
    with pytest.raises(LoadError) as raised:
        load(GOOD + "ignore: [CJM109]\n")
    [problem] = raised.value.problems
    assert (problem.code, problem.position) == ("load", Position("m.yaml", 58, 10))
    assert "did you mean CJM108" in problem.message


def test_minimum_coverage_is_a_finding() -> None:
    config = CheckConfig(ALL.severities, min_coverage=95)
    result = check_map(load(edited("    goal: Come back\n", "")), "m.yaml", config)
    assert [f.rule for f in result.findings] == ["min-coverage", "CJM105"]
    assert "94.1% is below the minimum of 95%" in result.findings[0].message


def test_rules_report_every_gap_of_a_large_map() -> None:
    """10,000 touchpoints without emotions, 5 personas: every rule, in well under a second."""

    personas = [{"id": f"p{n}", "name": f"P{n}"} for n in range(5)]
    stages = [
        {
            "id": f"s{s}",
            "name": f"Stage {s}",
            "touchpoints": [
                {"id": f"t{s}-{t}", "action": "Does it", "channel": "web", "personas": [f"p{t % 5}"]}
                for t in range(500)
            ],
            "pain_points": [
                {"id": f"pp{s}-{n}", "description": "Hurts", "touchpoint": f"t{s}-{n}"} for n in range(50)
            ],
            "opportunities": [{"description": "Fix", "addresses": [f"pp{s}-{n}" for n in range(50)]}],
        }
        for s in range(20)
    ]
    data = {"cjm": 1, "title": "Big", "business": "b2c", "personas": personas, "stages": stages}
    data["channels"] = [{"id": "web"}]
    journey = JourneyMap.model_validate(data)
    result = check_map(journey, "big.yaml", ALL)
    assert sum(f.rule == "CJM108" for f in result.findings) == 10_000


def test_placeholders_can_be_ignored_by_the_element_around_them() -> None:
    text = edited("        target: 30 %\n", "        target: TODO\n")
    assert codes_of(text) == ["CJM212"]
    assert (
        codes_of(text.replace("    goal: Come back\n", "    goal: Come back\n    ignore: [CJM212]\n")) == []
    )


def test_the_skeleton_of_cjm_init_is_all_placeholders_cjm212_finds(tmp_path) -> None:
    """Every value `cjm init --no-input` writes that a user must replace starts with TODO."""
    from cjm.scaffold import Answers, files, resolve

    for language in ("en", "es", "pl"):
        text = files(resolve(Answers(language=language)))["journey.yaml"]
        placeholders = [
            line for line in text.splitlines() if "TODO" in line and not line.lstrip().startswith("#")
        ]
        found = [f for f in check_map(load(text), "m.yaml", ALL).findings if f.rule == "CJM212"]
        assert len(found) == len(placeholders) > 0, language
