"""The rules of `cjm check`, in one explicit registry: {code: rule}.

Codes are stable (CI configurations and `ignore` lists depend on them): never reuse or
renumber one. A duplicate code or name fails at import, so it cannot ship.
"""

from __future__ import annotations

from collections.abc import Iterable

from cjm.rules import blueprint, coverage, quality
from cjm.rules.base import SEVERITIES, Finding, Gap, Rule, Severity

__all__ = ["RULES", "SEVERITIES", "Finding", "Gap", "Rule", "Severity", "find_rule"]


def build_registry(rules: Iterable[Rule]) -> dict[str, Rule]:
    """{code: rule}, refusing two rules with one code or one name."""
    registry: dict[str, Rule] = {}
    names: set[str] = set()
    for rule in rules:
        if rule.code in registry:
            raise ValueError(f"two rules share the code {rule.code}")
        if rule.name in names:
            raise ValueError(f"two rules share the name {rule.name}")
        registry[rule.code] = rule
        names.add(rule.name)
    return registry


RULES: dict[str, Rule] = build_registry(
    [
        coverage.stage_has_touchpoints,
        coverage.persona_in_every_stage,
        coverage.stage_reviews_pain_points,
        coverage.pain_point_addressed,
        coverage.stage_has_goal,
        coverage.stage_has_kpi,
        coverage.stage_has_content,
        coverage.touchpoint_has_emotion,
        quality.negative_emotion_has_pain_point,
        quality.journey_continues_after_purchase,
        quality.channel_is_used,
        quality.persona_is_described,
        quality.personal_data_has_purpose,
        quality.kpi_has_target,
        quality.opportunity_addresses_pain_point,
        quality.pain_point_has_evidence,
        blueprint.moment_of_truth_has_evidence,
        blueprint.to_be_emotion_has_a_plan,
        blueprint.blueprint_has_backstage,
        blueprint.no_placeholders,
    ]
)
_BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES.values()}


def find_rule(code_or_name: str) -> Rule | None:
    """The rule with this code (any case) or readable name, if there is one."""
    text = code_or_name.strip()
    return RULES.get(text.upper()) or _BY_NAME.get(text.lower())
