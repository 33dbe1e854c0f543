"""The rules of `cjm check`, in one explicit registry: {code: rule}.

Codes are stable (CI configurations and `ignore` lists depend on them): never reuse or
renumber one. A duplicate code or name fails at import, so it cannot ship.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from cjm.rules import blueprint, coverage, quality
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


def suggest(code_or_name: str) -> str:
    """' (did you mean CJM104?)' for a near miss, else an empty string.

    Codes that are equally close by spelling are told apart by number: CJM109 is nearer
    to CJM108 than to CJM210.
    """
    text = code_or_name.strip()
    close = _closest(text.upper(), list(RULES)) or _closest(text.lower(), list(_BY_NAME))
    return f" (did you mean {close}?)" if close else ""


def _closest(text: str, candidates: list[str]) -> str | None:
    scored = [
        (difflib.SequenceMatcher(None, text, candidate).ratio(), -_distance(text, candidate), candidate)
        for candidate in candidates
    ]
    best = max((entry for entry in scored if entry[0] >= 0.6), default=None)
    return best[2] if best else None


def _distance(text: str, candidate: str) -> int:
    """How far apart the numbers of two codes are (0 when either has none)."""
    digits = "".join(character for character in text if character.isdigit())
    other = "".join(character for character in candidate if character.isdigit())
    return abs(int(digits) - int(other)) if digits and other and len(digits) < 6 else 0
