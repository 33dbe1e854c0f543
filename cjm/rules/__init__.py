"""The rules of `cjm check`, in one explicit registry: {code: rule}.

Codes are stable (CI configurations and `ignore` lists depend on them): never reuse or
renumber one. A duplicate code or name fails at import, so it cannot ship.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from cjm.rules import coverage, quality
from cjm.rules.base import SEVERITIES, Finding, Gap, Rule, Severity

__all__ = ["RULES", "SEVERITIES", "Finding", "Gap", "Rule", "Severity", "find_rule", "suggest"]


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
    ]
)
_BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES.values()}


def find_rule(code_or_name: str) -> Rule | None:
    """The rule with this code (any case) or readable name, if there is one."""
    text = code_or_name.strip()
    return RULES.get(text.upper()) or _BY_NAME.get(text.lower())


def suggest(code_or_name: str) -> str:
    """' (did you mean CJM104?)' for a near miss, else an empty string."""
    text = code_or_name.strip()
    close = difflib.get_close_matches(text.upper(), list(RULES), n=1, cutoff=0.6)
    close = close or difflib.get_close_matches(text.lower(), list(_BY_NAME), n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""
